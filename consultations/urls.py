"""Have your say. Consultation pages themselves are Wagtail pages under /have-your-say/."""

from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.index, name="index"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("alerts/", views.alerts_subscribe, name="alerts"),
    path("alerts/sent/", views.alerts_sent, name="alerts_sent"),
    path("alerts/confirm/<str:token>/", views.alerts_confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<str:token>/", views.alerts_unsubscribe, name="alerts_unsubscribe"),
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
