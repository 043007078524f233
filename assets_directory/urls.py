from django.urls import path

from . import provider_views, views
from .gaps import views as gaps_views

app_name = "assets_directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("gaps/", gaps_views.gaps_page, name="gaps"),
    path("listing/<slug:slug>/", views.service_detail, name="service"),
    path("listing/<slug:slug>/report/", views.report_problem, name="report"),
    path("review/<str:token>/", views.still_correct, name="still_correct"),
    path("provider/", provider_views.dashboard, name="provider"),
    path("provider/organisations/", provider_views.find_organisation, name="find_organisation"),
    path(
        "provider/organisations/new/",
        provider_views.register_organisation,
        name="register_organisation",
    ),
    path(
        "provider/organisations/<slug:slug>/claim/",
        provider_views.claim_organisation,
        name="claim_organisation",
    ),
    path(
        "provider/organisations/<slug:slug>/add-service/",
        provider_views.service_add,
        name="service_add",
    ),
    path("provider/services/<int:pk>/edit/", provider_views.service_edit, name="service_edit"),
]
