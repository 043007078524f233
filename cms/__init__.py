"""Notts Community Hub: the project package (settings, URLs, Celery app, core pages)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
