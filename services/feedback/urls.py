"""Public URLs: the report form, tracking, the published list, micro-wishes and Open311."""

from django.urls import path, re_path
from django.views.generic import RedirectView

from . import open311, views, wishes_views

app_name = "feedback"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    path("feedback/", views.report, name="report"),
    path("feedback/track/", views.track_lookup, name="track"),
    path("feedback/track/<str:token>/", views.track, name="track_token"),
    path("feedback/track/<str:token>/photos/<int:pk>/", views.track_photo, name="track_photo"),
    path("feedback/public/", views.public_list, name="public"),
    path("feedback/public/<str:number>/", views.public_detail, name="public_detail"),
    path("wishes/", wishes_views.board, name="wishes"),
    path("wishes/new/", wishes_views.new_wish, name="wish_new"),
    path("wishes/<int:pk>/", wishes_views.wish_detail, name="wish_detail"),
    path("wishes/<int:pk>/photo/", wishes_views.wish_photo, name="wish_photo"),
    path("open311/v2/", RedirectView.as_view(url="/open311/v2/discovery.json"), name="open311"),
    re_path(r"^open311/v2/discovery" + FMT, open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + FMT, open311.services, name="open311_services"),
    re_path(r"^open311/v2/services/(?P<code>[-\w]+)" + FMT, open311.service_definition, name="open311_service"),
    re_path(r"^open311/v2/requests" + FMT, open311.requests, name="open311_requests"),
    re_path(r"^open311/v2/requests/(?P<number>[-\w]+)" + FMT, open311.request_detail, name="open311_request"),
    re_path(r"^open311/v2/tokens/(?P<token>\w+)" + FMT, open311.token_detail, name="open311_token"),
    re_path(r"^open311/(?!v2/?$)(?P<path>[\s\S]*)$", open311.not_found, name="open311_not_found"),
]
