from django.urls import path

from . import views

app_name = "bookings"
urlpatterns = [
    path("stations/<int:page_id>/book/", views.book_room, name="book"),
    path("stations/<int:page_id>/activities/<int:activity_id>/", views.activity_detail, name="activity"),
    path("stations/<int:page_id>/activities/<int:activity_id>/sign-up/", views.sign_up, name="sign_up"),
    path("activities/", views.activity_list, name="activities"),
    path("me/bookings/", views.my_bookings, name="mine"),
    path("me/bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel_booking"),
    path("me/sign-ups/<int:pk>/cancel/", views.cancel_sign_up, name="cancel_sign_up"),
]
