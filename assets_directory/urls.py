from django.urls import path

from . import views

app_name = "assets_directory"

urlpatterns = [
    path("", views.index, name="index"),
    path("gaps/", views.gaps, name="gaps"),
]
