"""The demo's publications: the section at /publications/, two summaries and an easy-read
version whose pictures are drawn by our own script."""

import pytest
from django.core.management import call_command
from PIL import Image

from cms.core.models import StandardPage
from cms.publications import checker, demo_pictures
from cms.publications.models import EasyReadPage, PagePdf, PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db


def test_demo_builds_the_publications_section(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")

    index = PublicationIndexPage.objects.get()
    assert index.url == "/publications/"
    assert not StandardPage.objects.filter(slug="publications").exists()
    titles = set(PublicationPage.objects.live().values_list("title", flat=True))
    assert titles == {
        "Strategic Needs Assessment: summary",
        "Response Strategy 2020 to 2021: summary",
    }

    easy = EasyReadPage.objects.get()
    report = easy.check_report()
    assert report.findings == [], "the demo follows its own easy-read rules"
    assert report.reading_ease >= checker.MIN_READING_EASE
    rows = [block for block in easy.rows if block.block_type == "row"]
    assert len(rows) == 10  # five findings of the SNA and five priorities
    assert all(checker.sentences(block.value["text"]) for block in rows)

    glossary = {term for term, _meaning in easy.glossary()}
    assert {"partners", "services", "mentor"} <= glossary, "the real hard words are explained"
    assert not glossary & {"Saturday", "everyone", "understand"}, "everyday words are not"

    html = client.get(easy.url).content.decode()
    assert "Where you live matters." in html and "hub-hard-word__term" in html
    # Who "we" are and when comes first; how to get in touch comes after the ideas.
    source = html.index("We are a team in Nottingham.")
    assert source < html.index("Where you live matters.") < html.index("How to get in touch")
    assert "We wrote this in December 2026." in html
    assert 'href="tel:01154960000"' in html and 'href="mailto:hub@example.org"' in html
    assert PagePdf.objects.count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert EasyReadPage.objects.count() == 1 and PublicationPage.objects.count() == 2


@pytest.mark.parametrize("name", sorted(demo_pictures.PICTURES))
def test_every_demo_picture_is_drawn_as_a_png(name, tmp_path):
    path = tmp_path / f"{name}.png"
    path.write_bytes(demo_pictures.draw(name))
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (demo_pictures.SIZE, demo_pictures.SIZE)
        assert len(image.getcolors(maxcolors=100_000)) > 1, "the picture is not blank"
