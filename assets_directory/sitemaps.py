"""The directory's listings in sitemap.xml (Wagtail's own sitemap lists the pages)."""

from __future__ import annotations

from datetime import date

from django.contrib.sitemaps import Sitemap

from .models import Service


class ServiceSitemap(Sitemap):
    """Every listing a resident may find, and when it was last checked."""

    def items(self) -> list[Service]:
        return list(Service.objects.searchable().order_by("pk").only("slug", "last_reviewed"))

    def lastmod(self, service: Service) -> date | None:
        return service.last_reviewed
