from django.urls import path

from . import views

app_name = "party"
urlpatterns = [
    path("party/report-in/", views.report_in, name="report_in"),
    path("party/report-in/posts/", views.claim_post, name="claim"),
    path("party/report-in/posts/<int:claim_id>/release/", views.release_post, name="release"),
    path("party/report-in/hours/", views.report_hours, name="hours"),
    path("party/report-in/record/<int:year>/", views.annual_record, name="record"),
]
