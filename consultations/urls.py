"""Have your say. Consultation pages themselves are Wagtail pages under /have-your-say/."""

from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.index, name="index"),
    path("panel/", views.panel_home, name="panel"),
    path("panel/apply/", views.apply, name="panel_apply"),
    path("panel/leave/", views.leave, name="panel_leave"),
    path("panel/meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
]
