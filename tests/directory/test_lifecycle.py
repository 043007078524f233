"""Every change to a listing's state goes through `lifecycle` and ends in one index update,
queued for after the commit; mail about it is rendered from templates and sent on commit."""

from datetime import date

import pytest
from django.core import mail
from django.db import transaction

from assets_directory import indexing, lifecycle
from assets_directory.models import Organisation, OrganisationClaim, Service
from cms.core.roles import VRU_STAFF
from tests.directory.factories import OrganisationFactory, publish_service

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


@pytest.fixture
def index_updates(monkeypatch):
    """The listing ids of every index update queued (and run at commit), in order."""
    queued: list[list[int]] = []
    monkeypatch.setattr(indexing.update_directory_index, "delay", queued.append)
    return queued


def test_each_change_ends_in_one_index_update_after_commit(
    index_updates, django_capture_on_commit_callbacks, make_user
):
    listing = publish_service(name="Boxing club")
    other = publish_service(name="Food bank")
    index_updates.clear()
    provider = make_user(username="provider")

    steps = [
        ("provider saves", lambda: lifecycle.save_provider_edit(listing, provider, submit=False)),
        ("archived", lambda: lifecycle.archive(listing)),
        ("published again", lambda: lifecycle.publish(listing)),
        ("hidden", lambda: lifecycle.hide_for_review([listing.pk, other.pk])),
        ("confirmed", lambda: lifecycle.confirm_reviewed(listing)),
        ("unpublished", lambda: listing.unpublish()),
    ]
    for step, change in steps:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            change()
            assert index_updates == [], f"{step}: queued before the commit"
        assert len(callbacks) == 1, step
        expected = [listing.pk, other.pk] if step == "hidden" else [listing.pk]
        assert index_updates == [expected], step
        index_updates.clear()


def test_archiving_keeps_the_listing_and_its_history_but_hides_it(
    django_capture_on_commit_callbacks,
):
    listing = publish_service(name="Boxing club")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.archive(listing)
    listing.refresh_from_db()
    assert listing.live and listing.archived and listing.status_label == "Archived"
    assert not Service.objects.searchable().filter(pk=listing.pk).exists()
    # The flag travels in the revision: a provider's next edit starts from an archived copy.
    assert listing.get_latest_revision_as_object().archived
    assert listing.revisions.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(listing)
    listing.refresh_from_db()
    assert not listing.archived and listing.status_label == "Published"
    assert Service.objects.searchable().filter(pk=listing.pk).exists()


def test_publishing_counts_as_a_review(django_capture_on_commit_callbacks):
    listing = publish_service(name="Boxing club")
    Service.objects.filter(pk=listing.pk).update(
        last_reviewed=date(2020, 1, 1), hidden_for_review=True
    )
    listing.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(listing)
    listing.refresh_from_db()
    assert listing.last_reviewed > date(2020, 1, 1) and not listing.hidden_for_review


@pytest.fixture
def claim(make_user):
    organisation = OrganisationFactory(name="Meadows Boxing Club")
    claimant = make_user(username="coach", email="coach@example.org")
    return OrganisationClaim.objects.create(
        organisation=organisation, user=claimant, role_at_organisation="Coach", evidence="Ask Sam."
    )


def test_a_claim_decision_is_recorded_and_the_claimant_told_from_a_template(
    claim, make_user, django_capture_on_commit_callbacks
):
    staff = make_user(username="vru", roles=[VRU_STAFF])
    with django_capture_on_commit_callbacks(execute=True):
        claim.decide(OrganisationClaim.Status.REJECTED, by=staff, reason="Nobody knew you.")
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by, claim.decision_reason) == (
        OrganisationClaim.Status.REJECTED,
        staff,
        "Nobody knew you.",
    )
    assert claim.decided_at is not None
    [message] = mail.outbox
    assert message.to == ["coach@example.org"]
    assert message.subject == "Your request to manage Meadows Boxing Club"
    assert "Reason: Nobody knew you." in message.body
    assert claim.user not in claim.organisation.editors.all()


def test_a_decision_rolled_back_grants_nothing_and_sends_no_mail(
    claim, make_user, django_capture_on_commit_callbacks
):
    staff = make_user(username="vru", roles=[VRU_STAFF])
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Rollback),
        transaction.atomic(),
    ):
        claim.decide(OrganisationClaim.Status.APPROVED, by=staff)
        raise Rollback
    assert callbacks == [] and mail.outbox == []
    assert not Organisation.objects.filter(editors=claim.user).exists()
    claim.refresh_from_db()
    assert claim.status == OrganisationClaim.Status.PENDING
