"""The demo directory: at least 300 listings across all eight areas, findable, loaded once."""

import pytest
from django.db.models import Count

from assets_directory import demo
from assets_directory.models import Area, Service
from tests.directory.test_search import result_names

pytestmark = pytest.mark.django_db


def test_demo_listings_cover_every_area_and_are_searchable(client, home_page):
    assert demo.load() >= 300
    assert demo.load() == Service.objects.count()  # idempotent
    per_area = dict(Area.objects.annotate(n=Count("services")).values_list("name", "n"))
    assert len(per_area) == 8 and min(per_area.values()) >= 30, per_area
    assert not Service.objects.exclude(email__endswith="example.org").exists()
    response = client.get("/services/", {"q": "food bank", "location": "Mansfield"})
    assert response.status_code == 200
    assert "Mansfield Food Bank" in result_names(response)[:3]
