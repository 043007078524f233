"""Publications (long documents) and their easy-read versions, with PDFs made on publish."""

from collections.abc import Mapping
from typing import Any, ClassVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import FileResponse, Http404, HttpRequest
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.models import BasePage, PublicCachedPage

from . import checker
from .blocks import DownloadBlock, EasyReadBlock, SectionBlock
from .hard_words import HardWordMarker


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
    """An easy-read version: who it is from, rows of one picture beside one short idea, hard
    words explained where they appear, and how to get in touch (the order the Department of
    Health's easy-read guidance asks for: a reader should know who "we" are before the ideas,
    and whom to ask after them)."""

    template = "publications/easy_read_page.html"
    pdf_template = "publications/pdf/easy_read.html"
    parent_page_types: ClassVar[list[str]] = ["publications.PublicationIndexPage"]
    subpage_types: ClassVar[list[str]] = []

    source_picture = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A logo or picture of who this is from. Its description is the alt text.",
    )
    source_text = models.TextField(
        "Who this is from",
        max_length=300,
        blank=True,
        help_text="Who wrote this and who “we” are, in short sentences. For example: "
        "“This is from the Violence Reduction Unit. We work to stop violence.”",
    )
    written_on = models.DateField(
        "When this was written", null=True, blank=True, help_text="Shown as the month and year."
    )
    introduction = models.CharField(max_length=200, blank=True)
    rows = StreamField(EasyReadBlock(), blank=True)
    contact_text = models.TextField(
        "How to get in touch",
        max_length=300,
        blank=True,
        help_text="Who to ask about this, in short sentences. For example: "
        "“You can ask us about this. We are happy to help.”",
    )
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_address = models.TextField(max_length=300, blank=True)

    content_panels: ClassVar[list[Panel]] = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("source_text"), FieldPanel("source_picture"), FieldPanel("written_on")],
            heading="Who this is from",
        ),
        FieldPanel("introduction"),
        FieldPanel("rows"),
        MultiFieldPanel(
            [
                FieldPanel("contact_text"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
            ],
            heading="How to get in touch",
        ),
        InlinePanel("hard_words", heading="Hard words", label="Hard word"),
    ]
    search_fields: ClassVar[list] = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("rows"),
    ]

    def glossary(self) -> list[tuple[str, str]]:
        return [(word.term, word.meaning) for word in self.hard_words.all()]

    def contact_details(self) -> list[str]:
        """The ways to get in touch the editor gave: a phone number, e-mail, address."""
        details = (self.contact_phone, self.contact_email, self.contact_address)
        return [value for value in details if value.strip()]

    def check_report(self) -> checker.Report:
        facts = checker.PageFacts(
            says_who_it_is_from=bool(self.source_text.strip()),
            says_how_to_get_in_touch=bool(self.contact_details()),
            has_date=self.written_on is not None,
        )
        return checker.check(self._text_parts(), [term for term, _ in self.glossary()], facts)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        """In a preview (staff only) each text carries the rules it breaks, for the editor's
        Checks panel; the public page never does."""
        context = super().get_context(request, *args, **kwargs)
        report = self.check_report() if getattr(request, "is_preview", False) else None
        context["content"] = self.marked_content(report)
        return context

    def marked_content(
        self, report: checker.Report | None = None, marker: HardWordMarker | None = None
    ) -> dict:
        """The texts with their hard words marked (by default as the page shows them,
        numbered across the page so each explanation has its own id); with a report, each
        text's findings as rule names."""
        marker = marker or HardWordMarker(self.glossary())

        def text(label: str, value: str) -> dict:
            return {"html": marker.mark(value), "text": value, "checks": _checks(report, label)}

        items = []
        for label, block in self._labelled_blocks():
            if block.block_type == "heading":
                items.append({"heading": block.value, "checks": _checks(report, label)})
            else:
                row = block.value
                items.append(
                    {"picture": row["picture"], "alt_text": _alt_text(row)}
                    | text(label, row["text"])
                )
        return {
            "page_checks": " ".join(sorted(report.rules() & checker.PAGE_RULES)) if report else "",
            "source": text(SOURCE, self.source_text),
            "introduction": text(INTRODUCTION, self.introduction),
            "items": items,
            "contact": text(CONTACT, self.contact_text),
        }

    def _labelled_blocks(self) -> list[tuple[str, Any]]:
        """Each block with the name the checker's findings give it."""
        labelled, row_number = [], 0
        for block in self.rows:
            if block.block_type == "heading":
                labelled.append((f"Heading “{block.value}”", block))
            else:
                row_number += 1
                labelled.append((f"Row {row_number}", block))
        return labelled

    def _text_parts(self) -> list[checker.TextPart]:
        parts = [
            checker.TextPart(label, value)
            for label, value in ((SOURCE, self.source_text), (INTRODUCTION, self.introduction))
            if value
        ]
        for label, block in self._labelled_blocks():
            if block.block_type == "heading":
                parts.append(checker.TextPart(label, block.value))
                continue
            parts.append(
                checker.TextPart(
                    label,
                    block.value["text"],
                    needs_picture=True,
                    has_picture=block.value["picture"] is not None,
                    alt_text=_alt_text(block.value),
                )
            )
        if self.contact_text:
            parts.append(checker.TextPart(CONTACT, self.contact_text))
        return parts


SOURCE, INTRODUCTION, CONTACT = "Who this is from", "Introduction", "How to get in touch"


def _checks(report: checker.Report | None, label: str) -> str:
    """The rules a text breaks, as the space-separated names the Checks panel looks for."""
    if report is None:
        return ""
    return " ".join(sorted(report.rules_for(label) - checker.PAGE_RULES))


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
