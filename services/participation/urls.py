from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/sign-out/", views.sign_out, name="sign_out"),
    path("points/", views.points_page, name="points"),
    path("points/items/<int:item_id>/redeem/", views.redeem, name="redeem"),
]
