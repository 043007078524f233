"""Migration 0003 splits a panel application's one date into when it was decided and when
its member left, so retention keeps counting from the same moments."""

from datetime import UTC, datetime

import pytest

from tests.migrations import migrate, migrate_to_latest

BEFORE = [("consultations", "0002_staff_permissions")]
AFTER = [("consultations", "0003_panel_decisions")]
CHANGED = datetime(2026, 1, 15, tzinfo=UTC)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_decided_and_left_dates_are_kept():
    old = migrate(BEFORE)
    user_model = old.get_model("auth", "User")
    application_model = old.get_model("consultations", "PanelApplication")
    for n, status in enumerate(("pending", "approved", "declined", "left")):
        application_model.objects.create(
            user=user_model.objects.create(username=f"person{n}"),
            reason="Why",
            area="Ashfield",
            status=status,
            status_changed_at=None if status == "pending" else CHANGED,
        )

    new = migrate(AFTER)
    dates = {
        row.status: (row.decided_at, row.left_at)
        for row in new.get_model("consultations", "PanelApplication").objects.all()
    }
    assert dates == {
        "pending": (None, None),
        "approved": (CHANGED, None),
        "declined": (CHANGED, None),
        "left": (None, CHANGED),
    }

    back = migrate(BEFORE)
    restored = {
        row.status: row.status_changed_at
        for row in back.get_model("consultations", "PanelApplication").objects.all()
    }
    assert restored == {"pending": None, "approved": CHANGED, "declined": CHANGED, "left": CHANGED}
    migrate_to_latest()
