"""Publication pages, easy-read pages and the index, through real HTTP requests."""

import datetime
import re

import pytest
import wagtail_factories
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.core.models import HomePage, StandardPage
from cms.publications.hard_words import HardWordMarker
from cms.publications.models import (
    EasyReadPage,
    HardWord,
    PublicationIndexPage,
    PublicationPage,
)
from tests.publications.factories import (
    EasyReadPageFactory,
    PublicationPageFactory,
    row,
    section,
)

pytestmark = pytest.mark.django_db


class TestWhereThePagesLive(WagtailPageTestCase):
    def test_index_lives_under_home_only(self):
        self.assertAllowedParentPageTypes(PublicationIndexPage, {HomePage})
        self.assertCanNotCreateAt(StandardPage, PublicationIndexPage)

    def test_publications_and_easy_read_live_in_the_section(self):
        self.assertAllowedSubpageTypes(PublicationIndexPage, {PublicationPage, EasyReadPage})
        self.assertAllowedParentPageTypes(EasyReadPage, {PublicationIndexPage})
        self.assertCanNotCreateAt(Page, PublicationPage)


def publish(page):
    page.save_revision().publish()
    return page


def test_publication_page_has_contents_linked_headings_downloads_and_easy_read_link(
    client, publications_index
):
    easy = publish(EasyReadPageFactory(parent=publications_index, title="SNA easy read"))
    document = wagtail_factories.DocumentFactory(title="Full SNA report")
    publication = PublicationPageFactory(
        parent=publications_index,
        title="Strategic Needs Assessment",
        easy_read=easy,
        sections=[
            section("Where violence happens", "<p>Violence clusters in the city.</p>"),
            section("Who it affects", "<p>Young men are most affected.</p>"),
            section("Who it affects", "<p>A second section with the same heading.</p>"),
        ],
        downloads=[{"type": "file", "value": {"document": document.pk, "title": ""}}],
    )
    publish(publication)

    html = client.get(publication.url).content.decode()

    contents = re.search(r'<nav class="hub-contents".*?</nav>', html, re.S).group(0)
    for anchor in ("where-violence-happens", "who-it-affects", "who-it-affects-2"):
        assert f'href="#{anchor}"' in contents
        assert f'id="{anchor}"' in html
    assert "Link to the section Where violence happens" in html
    assert "Violence clusters in the city." in html
    assert f'href="{easy.url}"' in html
    assert "Read the easy read version" in html
    assert "Full SNA report" in html and document.url in html


def test_index_lists_publications_with_their_easy_read_versions(client, publications_index):
    easy = publish(EasyReadPageFactory(parent=publications_index, title="Easy read findings"))
    publish(
        PublicationPageFactory(parent=publications_index, title="Response Strategy", easy_read=easy)
    )
    PublicationPageFactory(parent=publications_index, title="Draft strategy", live=False)

    html = client.get("/publications/").content.decode()

    assert "Response Strategy" in html and "Easy read findings" in html
    assert 'Easy read version<span class="govuk-visually-hidden"> of Response Strategy' in html
    assert "Draft strategy" not in html


def test_site_search_finds_a_publication_by_a_word_in_its_body(client, publications_index):
    publish(
        PublicationPageFactory(
            parent=publications_index,
            title="Strategic Needs Assessment",
            sections=[section("Places", "<p>Violence peaks in Mansfield on Saturdays.</p>")],
        )
    )
    publish(PublicationPageFactory(parent=publications_index, title="Something else"))

    html = client.get("/search/", {"q": "Mansfield"}).content.decode()

    assert "Strategic Needs Assessment" in html
    assert "Something else" not in html


def test_site_search_finds_an_easy_read_page_by_a_word_in_a_row(client, publications_index):
    publish(
        EasyReadPageFactory(
            parent=publications_index,
            title="Easy read plan",
            rows=[row("We will help young people find a mentor.")],
        )
    )
    assert "Easy read plan" in client.get("/search/", {"q": "mentor"}).content.decode()


def test_easy_read_page_shows_rows_alt_text_hard_words_and_a_hidden_listen_button(
    client, publications_index, picture
):
    page = EasyReadPageFactory(
        parent=publications_index,
        rows=[
            {"type": "heading", "value": "What we found"},
            row("Violence can happen anywhere. Violence hurts.", picture, "A red house."),
        ],
    )
    page.hard_words = [HardWord(term="violence", meaning="When someone hurts you on purpose.")]
    publish(page)

    html = client.get(page.url).content.decode()

    assert 'alt="A red house."' in html
    assert '<h2 class="govuk-heading-l hub-easy-read__heading" data-listen>What we found' in html
    # Every occurrence is marked, each with its own explanation id.
    assert html.count('class="hub-hard-word__term" aria-describedby="hard-word-') == 2
    assert 'id="hard-word-1" role="tooltip"' in html and 'id="hard-word-2"' in html
    assert "When someone hurts you on purpose." in html
    assert re.search(r'<button[^>]*class="[^"]*hub-listen[^"]*"[^>]*hidden>Listen</button>', html)
    assert "<dt>violence</dt><dd>When someone hurts you on purpose.</dd>" in html


def test_easy_read_page_opens_with_who_it_is_from_and_closes_with_how_to_get_in_touch(
    client, publications_index, picture
):
    page = publish(
        EasyReadPageFactory(
            parent=publications_index,
            source_text="This is from the Violence Reduction Unit.",
            source_picture=picture,
            written_on=datetime.date(2026, 3, 1),
            rows=[row("We help you.", picture, "A house.")],
            contact_text="You can ask us about this.",
            contact_phone="0115 496 0000",
            contact_email="hub@example.org",
            contact_address="Example House\nNottingham",
        )
    )

    html = client.get(page.url).content.decode()

    order = [
        html.index("This is from the Violence Reduction Unit."),
        html.index("We wrote this in March 2026."),
        html.index("We help you."),
        html.index("How to get in touch"),
        html.index("You can ask us about this."),
    ]
    assert order == sorted(order)
    assert '<a class="govuk-link" href="tel:01154960000">0115 496 0000</a>' in html
    assert 'href="mailto:hub@example.org"' in html
    assert "Example House<br>Nottingham" in html
    assert page.check_report().blocking == []


def test_image_description_stands_in_for_missing_row_alt_text(client, publications_index):
    image = wagtail_factories.ImageFactory(description="Two people talking.")
    page = publish(EasyReadPageFactory(parent=publications_index, rows=[row("We talk.", image)]))
    assert 'alt="Two people talking."' in client.get(page.url).content.decode()
    assert [f.rule for f in page.check_report().blocking if f.where == "Row 1"] == []


class TestHardWordMarker:
    def test_marks_terms_case_insensitively_with_plurals_and_longest_first(self):
        marker = HardWordMarker(
            [("service", "People who help."), ("Violence Reduction Unit", "Our team.")]
        )
        html = marker.mark("Services and the violence reduction unit help.")
        assert ">Services</button>" in html
        assert ">violence reduction unit</button>" in html
        assert html.count("hub-hard-word__term") == 2

    def test_escapes_text_and_does_not_mark_parts_of_words(self):
        marker = HardWordMarker([("art", "Drawing and painting.")])
        html = marker.mark("<b>St Ann's</b> has a party and art.")
        assert "&lt;b&gt;St Ann&#x27;s&lt;/b&gt;" in html
        assert html.count("hub-hard-word__term") == 1  # "party" is not "art"

    def test_without_a_glossary_the_text_is_only_escaped(self):
        assert HardWordMarker([]).mark("a < b") == "a &lt; b"


def test_a_hard_word_inside_a_name_is_not_explained():
    marker = HardWordMarker([("violence", "Hurting someone on purpose.")])
    html = marker.mark("This is from the Violence Reduction Unit. Violence hurts.")
    assert html.count("hub-hard-word__term") == 1
    assert "the Violence Reduction Unit" in html
