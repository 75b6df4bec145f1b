"""URLs of the catalog outside the page tree (the catalog and guides themselves are Wagtail pages)."""

from django.urls import re_path

from . import views

app_name = "catalog"

urlpatterns = [
    re_path(r"^services/qr/(?P<pk>\d+)\.(?P<fmt>png|svg)$", views.guide_qr, name="guide_qr"),
    re_path(r"^services/useful/(?P<pk>\d+)/$", views.guide_usefulness, name="guide_usefulness"),
]
