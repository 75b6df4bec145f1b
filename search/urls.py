"""URLs of the search app: the search page and the JSON API."""

from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/v1/search/", views.api_search, name="api_search"),
    path("api/v1/suggest/", views.api_suggest, name="api_suggest"),
]
