"""Renders a publication or easy-read page to PDF with WeasyPrint.

Pictures go in as data: URIs and the styles are inline, so the renderer is only allowed the
data: scheme: making a PDF never reaches the network or reads files by URL.
"""

import base64

from django.template.loader import render_to_string
from wagtail.models import Page
from weasyprint import HTML
from weasyprint.urls import URLFetcher

PICTURE_RENDITION = "fill-300x300"


def render_pdf(page: Page) -> bytes:
    """The PDF bytes of the page as it is now (call with the live page)."""
    context = {"page": page, "page_url": page.full_url}
    if hasattr(page, "marked_content"):
        context["rows"] = [_with_picture_uri(item) for item in page.marked_content()["items"]]
        context["glossary"] = page.glossary()
    html = render_to_string(page.pdf_template, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def _with_picture_uri(item: dict) -> dict:
    picture = item.get("picture")
    if picture is None:
        return item
    rendition = picture.get_rendition(PICTURE_RENDITION)
    with rendition.file.open("rb") as handle:
        encoded = base64.b64encode(handle.read()).decode("ascii")
    mime = "image/png" if rendition.file.name.lower().endswith(".png") else "image/jpeg"
    return {**item, "picture_uri": f"data:{mime};base64,{encoded}"}
