"""Data migrations of the core pages, run on data as an older release left it."""

import pytest

from cms.core.models import HomePage
from tests.migrations import migrate, migrate_to_latest


def card(title: str, url: str) -> dict:
    return {"title": title, "text": "t", "link_page": None, "link_url": url}


OLD_TASK_CARDS = {
    "type": "cards",
    "value": {
        "cards": [
            card("Find services", "/services/"),
            card("Gaps in provision", "/services/gaps/"),
            card("Have your say", "/have-your-say/"),
            card("Publications", "/publications/"),
        ]
    },
}
EDITORS_CARDS = {"type": "cards", "value": {"cards": [card("Summer events", "/summer/")]}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_old_home_page_loses_the_cards_the_tasks_now_show_and_keeps_its_own(home_page):
    home_page.body = [OLD_TASK_CARDS, EDITORS_CARDS]
    home_page.save_revision().publish()
    migrate([("core", "0006_outgoing_email_once_key")])
    migrate_to_latest()

    home = HomePage.objects.get(pk=home_page.pk)
    assert [block.value["cards"][0]["title"] for block in home.body] == ["Summer events"]
    draft = home.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["cards"]
    assert draft.body[0].value["cards"][0]["link_url"] == "/summer/"
