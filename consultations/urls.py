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
    path("panel/meetings/<int:meeting_id>/sign-up/", views.meeting_sign_up, name="meeting_sign_up"),
    path("panel/meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path(
        "panel/meetings/<int:meeting_id>/calendar.ics",
        views.meeting_calendar,
        name="meeting_calendar",
    ),
    path(
        "panel/meetings/<int:meeting_id>/papers/<int:document_id>/",
        views.meeting_paper,
        name="meeting_paper",
    ),
]
