"""StreamField blocks for publications and easy-read pages."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class SectionBlock(blocks.StructBlock):
    """A section of a long document: its heading goes into the contents list and gets an
    anchor, so people can link straight to it."""

    heading = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )

    class Meta:
        icon = "doc-full"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=120, help_text="Leave empty to use the document's title."
    )

    class Meta:
        icon = "download"


class EasyReadRowBlock(blocks.StructBlock):
    """One picture beside one short idea. Picture and alt text may be left empty while
    drafting; publishing is refused until both are there."""

    picture = ImageChooserBlock(required=False)
    alt_text = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="What the picture shows, for people who cannot see it. "
        "Leave empty to use the image's own description.",
    )
    text = blocks.TextBlock(
        max_length=300, help_text="One idea. Short sentences of 15 words or fewer."
    )

    class Meta:
        icon = "image"
        label = "Picture and idea"


class EasyReadBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=80, icon="title")
    row = EasyReadRowBlock()
