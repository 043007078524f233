"""Page types: where they can be created, and that they render for the public."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.core.models import HomePage, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


class TestPageTypes(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages_live_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})


def test_home_page_renders_with_skip_link_navigation_and_footer(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    for section in ("Find services", "Gaps", "Have your say", "Ambassadors", "Publications"):
        assert section in html
    assert 'href="/privacy/"' in html and 'href="/accessibility/"' in html
    assert "govuk-crown" not in html and "GOV.UK" not in html


def test_standard_page_renders_body_blocks(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Our priorities",
        slug="our-priorities",
        body=[
            {"type": "heading", "value": {"text": "Mentoring", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Routes into <b>work</b>.</p>"},
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 class="govuk-heading-l" id="mentoring">Mentoring</h2>' in html
    assert "Routes into <b>work</b>." in html


@pytest.mark.parametrize(
    "path",
    [
        "/privacy/",
        "/accessibility/",
        "/services/",
        "/services/gaps/",
        "/have-your-say/",
        "/ambassadors/",
        "/search/?q=violence",
    ],
)
def test_public_pages_are_open_to_everyone(client, home_page, path):
    assert client.get(path).status_code == 200


def test_site_search_finds_a_page_by_a_word_in_its_body(client, home_page):
    StandardPageFactory(parent=home_page, title="Areas", introduction="Bassetlaw and Mansfield")
    response = client.get("/search/", {"q": "Bassetlaw"})
    assert "Areas" in response.content.decode()
    long_query = client.get("/search/", {"q": "x" * 10_000})
    assert long_query.status_code == 200


@pytest.mark.parametrize(
    ("path", "current"),
    [("/services/", "Find services"), ("/services/gaps/", "Gaps"), ("/privacy/", None)],
)
def test_exactly_one_section_is_marked_current(client, home_page, path, current):
    navigation = client.get(path).context["main_navigation"]
    assert [item["label"] for item in navigation if item["active"]] == (
        [current] if current else []
    )
