"""URLs of the showcase that are not Wagtail pages: the figures dashboard."""

from django.urls import path

from . import views

app_name = "showcase"

urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("figures/figures.csv", views.figures_csv, name="figures_csv"),
]
