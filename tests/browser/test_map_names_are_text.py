"""A listing's name reaches the map tooltip as text: a name from an imported feed or a
provider that looks like HTML shows as those characters and runs nothing."""

import pytest
from playwright.sync_api import expect

from tests.directory.factories import publish_service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NAME = 'Youth club <img src="/static/x.png" onerror="window.hacked = 1">'


def test_the_map_tooltip_shows_a_name_as_text_and_runs_nothing(page, home_page):
    service = publish_service(name=NAME, point=(52.954, -1.148))
    blocked = []
    page.on("console", lambda message: blocked.append(message.text))

    page.goto(service.get_absolute_url())
    page.locator("#service-map path.leaflet-interactive").hover()

    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_have_text(NAME)
    assert tooltip.locator("img").count() == 0
    assert page.evaluate("window.hacked") is None
    assert not [text for text in blocked if "Content Security Policy" in text]
