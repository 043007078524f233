"""Fixtures for publications: the /publications/ section and a publishable picture."""

import pytest
import wagtail_factories

from tests.publications.factories import PublicationIndexPageFactory


@pytest.fixture
def publications_index(home_page):
    index = PublicationIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def picture(db):
    """An image in the library, with no description of its own."""
    return wagtail_factories.ImageFactory(title="A house", description="")
