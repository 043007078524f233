"""Factories for publication and easy-read pages."""

import factory
import wagtail_factories

from cms.publications.models import EasyReadPage, PublicationIndexPage, PublicationPage


class PublicationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PublicationIndexPage

    title = "Publications"
    slug = "publications"


class PublicationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PublicationPage

    title = factory.Sequence(lambda n: f"Publication {n}")
    summary = "A summary of the document."


class EasyReadPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EasyReadPage

    title = factory.Sequence(lambda n: f"Easy read {n}")
    introduction = "This is about staying safe."


def row(text: str, picture=None, alt_text: str = "") -> dict:
    """An easy-read row as StreamField raw data."""
    return {
        "type": "row",
        "value": {"picture": picture.pk if picture else None, "alt_text": alt_text, "text": text},
    }


def section(heading: str, body_html: str) -> dict:
    return {"type": "section", "value": {"heading": heading, "body": body_html}}
