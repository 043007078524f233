"""Publications (long documents) and their easy-read versions, with PDFs made on publish."""

from collections.abc import Mapping
from typing import Any, ClassVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.models import BasePage, PublicCachedPage

from . import checker
from .blocks import DownloadBlock, EasyReadBlock, SectionBlock
from .hard_words import HardWordMarker
from .panels import EasyReadCheckPanel


class PublicationIndexPage(PublicCachedPage, BasePage):
    """The /publications/ landing page, listing documents and easy-read versions."""

    template = "publications/publication_index_page.html"
    parent_page_types: ClassVar[list[str]] = ["core.HomePage"]
    subpage_types: ClassVar[list[str]] = [
        "publications.PublicationPage",
        "publications.EasyReadPage",
    ]
    max_count = 1

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        context["publications"] = [p for p in children if isinstance(p, PublicationPage)]
        context["easy_read_pages"] = [p for p in children if isinstance(p, EasyReadPage)]
        return context


class PagePdf(models.Model):
    """The PDF of a page's live revision. A PDF made from an older revision is stale and is
    neither linked nor served; the Celery task replaces it."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="pdf")
    revision_id = models.PositiveBigIntegerField()
    file = models.FileField(upload_to="publications/pdf/")
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.file.name or ""


class PdfMixin(RoutablePageMixin):
    """Serves the page's PDF at <page url>pdf/ once it is made for the live revision."""

    pdf_template: str

    def current_pdf(self) -> PagePdf | None:
        try:
            pdf = PagePdf.objects.get(page_id=self.pk)
        except ObjectDoesNotExist:
            return None
        return pdf if pdf.revision_id == self.live_revision_id else None

    @path("pdf/", name="pdf")
    def pdf_view(self, request: HttpRequest) -> FileResponse:
        """Public, under the same privacy rules as the page: the PDF of the live page."""
        pdf = self.current_pdf()
        if pdf is None:
            raise Http404("The PDF of this page is not ready yet.")
        return FileResponse(
            pdf.file.open("rb"), content_type="application/pdf", filename=f"{self.slug}.pdf"
        )

    def pdf_url(self) -> str:
        return self.url + self.reverse_subpage("pdf")


class PublicationPage(PublicCachedPage, PdfMixin, Page):
    """A long document in sections, with a contents list, downloads and an easy-read link."""

    template = "publications/publication_page.html"
    pdf_template = "publications/pdf/publication.html"
    parent_page_types: ClassVar[list[str]] = ["publications.PublicationIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    summary = models.TextField(max_length=600, help_text="What the document is, in a few lines.")
    published_on = models.DateField(null=True, blank=True)
    sections = StreamField([("section", SectionBlock())], blank=True)
    downloads = StreamField([("file", DownloadBlock())], blank=True)
    easy_read = models.ForeignKey(
        "publications.EasyReadPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="full_versions",
        help_text="The easy-read version of this document.",
    )

    content_panels: ClassVar[list[Panel]] = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("published_on"),
        FieldPanel("easy_read"),
        FieldPanel("sections"),
        FieldPanel("downloads"),
    ]
    search_fields: ClassVar[list] = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("sections"),
    ]

    def contents(self) -> list[tuple[str, str, object]]:
        """(anchor, heading, section) for each section; anchors stay unique on the page."""
        seen: set[str] = set()
        entries = []
        for block in self.sections:
            anchor = base = slugify(block.value["heading"]) or "section"
            number = 2
            while anchor in seen:
                anchor, number = f"{base}-{number}", number + 1
            seen.add(anchor)
            entries.append((anchor, block.value["heading"], block.value))
        return entries


class EasyReadPage(PublicCachedPage, PdfMixin, Page):
    """An easy-read version: rows of one picture beside one short idea, and hard words
    explained where they appear."""

    template = "publications/easy_read_page.html"
    pdf_template = "publications/pdf/easy_read.html"
    parent_page_types: ClassVar[list[str]] = ["publications.PublicationIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    introduction = models.CharField(max_length=200, blank=True)
    rows = StreamField(EasyReadBlock(), blank=True)

    content_panels: ClassVar[list[Panel]] = [
        *Page.content_panels,
        EasyReadCheckPanel(heading="Easy-read check"),
        FieldPanel("introduction"),
        FieldPanel("rows"),
        InlinePanel("hard_words", heading="Hard words", label="Hard word"),
    ]
    search_fields: ClassVar[list] = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("rows"),
    ]

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        return [("", "Page"), ("check", "Easy-read check")]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        """Staff only (Wagtail's preview): the check mode re-runs as the editor types."""
        if mode_name == "check":
            return TemplateResponse(
                request,
                "publications/admin/check_preview.html",
                {"page": self, "report": self.check_report()},
            )
        return super().serve_preview(request, mode_name)

    def glossary(self) -> list[tuple[str, str]]:
        return [(word.term, word.meaning) for word in self.hard_words.all()]

    def check_report(self) -> checker.Report:
        return checker.check(self._text_parts(), [term for term, _ in self.glossary()])

    def marked_content(self) -> dict:
        """The introduction, rows and headings with their hard words marked, numbered
        across the whole page so each explanation has its own id."""
        marker = HardWordMarker(self.glossary())
        items = []
        for block in self.rows:
            if block.block_type == "heading":
                items.append({"heading": block.value})
            else:
                row = block.value
                items.append(
                    {
                        "picture": row["picture"],
                        "alt_text": _alt_text(row),
                        "html": marker.mark(row["text"]),
                        "text": row["text"],
                    }
                )
        return {"introduction": marker.mark(self.introduction), "items": items}

    def _text_parts(self) -> list[checker.TextPart]:
        parts = []
        if self.introduction:
            parts.append(checker.TextPart("Introduction", self.introduction))
        row_number = 0
        for block in self.rows:
            if block.block_type == "heading":
                parts.append(checker.TextPart(f"Heading “{block.value}”", block.value))
                continue
            row_number += 1
            parts.append(
                checker.TextPart(
                    f"Row {row_number}",
                    block.value["text"],
                    needs_picture=True,
                    has_picture=block.value["picture"] is not None,
                    alt_text=_alt_text(block.value),
                )
            )
        return parts


class HardWord(Orderable):
    """A word from the page's "hard words" list, with what it means in plain words."""

    page = ParentalKey(EasyReadPage, on_delete=models.CASCADE, related_name="hard_words")
    term = models.CharField(max_length=60)
    meaning = models.CharField(max_length=200, help_text="Say what it means in plain words.")

    panels: ClassVar[list[Panel]] = [FieldPanel("term"), FieldPanel("meaning")]

    def __str__(self) -> str:
        return self.term


def _alt_text(row: Mapping[str, Any]) -> str:
    """The row's own alt text, or the image's description from the image library."""
    if row["alt_text"]:
        return row["alt_text"]
    picture = row["picture"]
    return getattr(picture, "description", "") if picture is not None else ""
