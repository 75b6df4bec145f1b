"""URLs of this app: the stations API, the grid-worker finder and community pages.

Station pages themselves are Wagtail pages under /stations/.
"""

from django.urls import path

from . import api, views

app_name = "places"

urlpatterns = [
    path("api/v1/stations.geojson", api.stations_geojson, name="stations_geojson"),
    path("api/v1/boundaries.geojson", api.boundaries_geojson, name="boundaries_geojson"),
    path("stations/<int:page_id>/activities.ics", views.station_ical, name="station_ical"),
    path("stations/<int:page_id>/qr.svg", views.station_qr, name="station_qr"),
    path("grid-worker/", views.grid_worker_finder, name="grid_worker"),
    path("community/<slug:slug>/", views.community_detail, name="community"),
]
