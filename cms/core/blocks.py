"""The one body StreamBlock shared by the site's general pages."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level is limited so page outlines stay valid."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "components/streamfield/heading_block.html"


class InsetTextBlock(blocks.StructBlock):
    """Text set apart from the body, e.g. where to get urgent help."""

    text = blocks.RichTextBlock(features=["bold", "link"])

    class Meta:
        icon = "pick"
        template = "components/streamfield/inset_text_block.html"


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(max_length=300)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.CharBlock(required=False, help_text="Used when no page is chosen.")


class CardGridBlock(blocks.StructBlock):
    """A row of short signposts to other parts of the site."""

    cards = blocks.ListBlock(CardBlock())

    class Meta:
        icon = "table"
        template = "components/streamfield/card_grid_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        template="components/streamfield/paragraph_block.html",
    )
    image = ImageBlock(template="components/streamfield/image_block.html")
    inset_text = InsetTextBlock()
    cards = CardGridBlock()
