from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search engines behind the directory, and the site-wide page search."""

    name = "search"
    verbose_name = "Search"
