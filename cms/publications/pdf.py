"""Renders a publication or easy-read page to a tagged PDF (PDF/UA-1) with WeasyPrint.

Tagged, so a screen reader finds the headings, reads each picture's alt text and follows the
reading order; PDF/UA also records the title and the language. Every link is absolute and
starts with the site's public address (`cms.core.mail.site_url`), never the host the worker
happens to run on, because a PDF is read away from the site.

Pictures go in as data: URIs and the styles are inline, so the renderer is only allowed the
data: scheme: making a PDF never reaches the network or reads files by URL.
"""

import base64

from django.template.loader import render_to_string
from wagtail.models import Page
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from cms.core.mail import site_url

from .hard_words import PrintedHardWordMarker

PICTURE_RENDITION = "fill-300x300"
PDF_VARIANT = "pdf/ua-1"


def render_pdf(page: Page) -> bytes:
    """The PDF bytes of the page as it is now (call with the live page)."""
    public = site_url()
    _site_id, _root_url, path = page.get_url_parts()
    context = {"page": page, "page_url": public + path, "site_url": public}
    if hasattr(page, "marked_content"):
        content = page.marked_content(marker=PrintedHardWordMarker(page.glossary()))
        content["items"] = [_with_picture_uri(item) for item in content["items"]]
        context |= {"content": content, "glossary": page.glossary()}
        if page.source_picture is not None:
            context["source_picture_uri"] = _picture_uri(page.source_picture)
    html = render_to_string(page.pdf_template, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    # The base address makes the relative links of rich text (/documents/..., /services/...)
    # absolute links to the public site.
    document = HTML(string=html, url_fetcher=fetcher, base_url=public + "/")
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def _with_picture_uri(item: dict) -> dict:
    picture = item.get("picture")
    if picture is None:
        return item
    return {**item, "picture_uri": _picture_uri(picture)}


def _picture_uri(picture: object) -> str:
    rendition = picture.get_rendition(PICTURE_RENDITION)  # type: ignore[attr-defined]
    with rendition.file.open("rb") as handle:
        encoded = base64.b64encode(handle.read()).decode("ascii")
    mime = "image/png" if rendition.file.name.lower().endswith(".png") else "image/jpeg"
    return f"data:{mime};base64,{encoded}"
