"""The Response Strategy tracker, at /strategy/ (mounted in cms/urls.py)."""

from django.urls import path

from . import strategy

app_name = "strategy"

urlpatterns = [
    path("", strategy.strategy_index, name="index"),
    path("<str:reference>/", strategy.strategy_action, name="action"),
]
