from django.urls import path

from . import offline, views

app_name = "ambassadors"

urlpatterns = [
    path("", views.index, name="index"),
    path("portal/", views.portal, name="portal"),
    path("portal/outreach/", views.log_list, name="log_list"),
    path("portal/outreach/new/", views.log_create, name="log_create"),
    path("portal/outreach/send/", offline.send_log, name="log_send"),
    path("portal/manifest.webmanifest", offline.manifest, name="manifest"),
    path("portal/sw.js", offline.service_worker, name="service_worker"),
    path("portal/outreach/<int:pk>/edit/", views.log_edit, name="log_edit"),
    path("portal/resources/", views.resources, name="resources"),
    path("portal/resources/<int:document_id>/read/", views.mark_read, name="mark_read"),
    path("portal/claims/", views.claim_list, name="claim_list"),
    path("portal/claims/new/", views.claim_create, name="claim_create"),
    path("claims/<int:pk>/receipt/", views.claim_receipt, name="claim_receipt"),
    path("portal/messages/", views.message_list, name="message_list"),
    path("portal/messages/<int:pk>/", views.message_detail, name="message_detail"),
]
