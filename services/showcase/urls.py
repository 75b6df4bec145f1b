"""URLs of the showcase that are not Wagtail pages: the figures dashboard and the league tables."""

from django.urls import path

from . import views

app_name = "showcase"

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("figures/figures.csv", views.figures_csv, name="figures_csv"),
    path("figures/departments/", views.league_table, {"kind": "departments"}, name="league_departments"),
    path("figures/departments.csv", views.league_csv, {"kind": "departments"}, name="league_departments_csv"),
    path("figures/communities/", views.league_table, {"kind": "communities"}, name="league_communities"),
    path("figures/communities.csv", views.league_csv, {"kind": "communities"}, name="league_communities_csv"),
]
