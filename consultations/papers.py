"""Panel papers: documents in one private collection, picked and uploaded through their own
chooser, so a meeting's papers open only for panel members and the VRU staff who run it.

The "Panel papers" collection and its view restriction are made by a data migration (which
also files every existing paper there). The papers chooser lists only that collection and
uploads into it; a paper block refuses any other document, so a paper is never one that
Wagtail's document view would hand to anybody.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail.documents import get_document_model_string
from wagtail.documents.models import AbstractDocument
from wagtail.documents.views.chooser import (
    BaseDocumentChooserBlock,
    DocumentChooseResultsView,
    DocumentChooserUploadView,
    DocumentChooserViewSet,
    DocumentChooseView,
)
from wagtail.models import Collection

from cms.core.private_collections import restricted_collection
from cms.core.roles import PANEL_MEMBER, VRU_STAFF

PAPERS_COLLECTION = "Panel papers"
PAPER_READERS = [PANEL_MEMBER, VRU_STAFF]


def papers_collection() -> Collection:
    """The private collection (made by migration 0006; re-made, restricted, if deleted)."""
    return restricted_collection(PAPERS_COLLECTION, PAPER_READERS)


def is_filed_as_paper(document: AbstractDocument) -> bool:
    """True when the document sits in the papers collection (or a collection inside it)."""
    return bool(document.collection.path.startswith(papers_collection().path))


class _PapersOnly:
    """The chooser's listing: only documents filed as papers, with no collection filter."""

    def get_object_list(self) -> Any:
        papers = papers_collection().get_descendants(inclusive=True)
        return super().get_object_list().filter(collection__in=papers)  # type: ignore[misc]

    @cached_property
    def collections(self) -> None:
        return None


class _UploadsArePapers:
    """The chooser's upload form files every new document in the papers collection."""

    def get_creation_form(self) -> Any:
        form = super().get_creation_form()  # type: ignore[misc]
        form.fields.pop("collection", None)
        form.instance.collection = papers_collection()
        return form


class PaperChooseView(_PapersOnly, _UploadsArePapers, DocumentChooseView):
    pass


class PaperChooseResultsView(_PapersOnly, _UploadsArePapers, DocumentChooseResultsView):
    pass


class PaperUploadView(_UploadsArePapers, DocumentChooserUploadView):
    pass


class BasePaperBlock(BaseDocumentChooserBlock):
    """A document chooser block that takes only documents filed as panel papers."""

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value is not None and not is_filed_as_paper(value):
            raise ValidationError(
                f"“{value.title}” is not in the “{PAPERS_COLLECTION}” collection, so anybody "
                "could open it. Upload the paper here, or move it to that collection first."
            )
        return value


class PaperChooserViewSet(DocumentChooserViewSet):
    choose_view_class = PaperChooseView
    choose_results_view_class = PaperChooseResultsView
    create_view_class = PaperUploadView
    base_block_class = BasePaperBlock
    choose_one_text = "Choose a panel paper"
    choose_another_text = "Choose another panel paper"


paper_chooser_viewset = PaperChooserViewSet(
    "panel_paper_chooser",
    model=get_document_model_string(),
    url_prefix="consultations/panel-papers/chooser",
)
PanelPaperChooserBlock = paper_chooser_viewset.get_block_class(
    name="PanelPaperChooserBlock", module_path="consultations.papers"
)
