from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="account_overview"),
    path("download-my-data/", views.export_data, name="account_export_data"),
    path("delete/", views.delete_account, name="account_delete"),
]
