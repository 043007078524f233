"""Responding: open and close times, one response per person, drafts, review and receipt."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail

from consultations.models import ConsultationPage, ConsultationResponse
from consultations.respondents import account_token
from tests.consultations.factories import VALID_POST

pytestmark = pytest.mark.django_db

OPENS = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CLOSES = datetime(2026, 3, 31, 17, 0, tzinfo=UTC)


@pytest.fixture
def timed(make_consultation):
    return make_consultation(opens_at=OPENS, closes_at=CLOSES)


def _submit_all(client, page, answers=VALID_POST):
    client.post(page.respond_url, answers)
    return client.post(page.subpage_url("review"))


def test_a_full_response_is_reviewed_submitted_and_receipted(
    client, make_consultation, make_user, django_capture_on_commit_callbacks
):
    page = make_consultation()
    user = make_user(username="ria", email="ria@example.org")
    client.force_login(user)

    review = client.post(page.respond_url, {**VALID_POST, "about-age_band": "16 to 24"})
    assert review.status_code == 302 and review["Location"].endswith("/review/")
    check = client.get(page.subpage_url("review")).content.decode()
    assert "Bulwell Youth" in check and "Check your answers" in check

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(page.subpage_url("review"), follow=True)
    html = done.content.decode()
    response = ConsultationResponse.objects.get(respondent_token=account_token(user.pk, page.pk))
    assert "Response submitted" in html and response.reference in html
    assert response.answers["rank"] == ["Patrols", "Lighting", "Transport"]
    assert response.answers["multi"] == ["Youth club", "Sports"]
    assert response.about_you == {"age_band": "16 to 24"}

    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["ria@example.org"]
    assert response.reference in receipt.body and "Bulwell Youth" in receipt.body


def test_a_response_after_closing_is_refused_with_a_message(client, timed):
    with time_machine.travel(datetime(2026, 3, 31, 16, 59, tzinfo=UTC), tick=False):
        client.post(timed.respond_url, VALID_POST)  # saved and waiting for review
    with time_machine.travel(CLOSES, tick=False):
        refused = client.post(timed.subpage_url("review"), follow=True)
        assert "This consultation closed on 31 March 2026" in refused.content.decode()
        draft = client.post(timed.respond_url, {"save_draft": "", "q_short": "late"}, follow=True)
        assert "Your answers were not saved" in draft.content.decode()
        assert client.get(timed.url).status_code == 200
    response = ConsultationResponse.objects.get()
    assert response.submitted_at is None and response.answers["short"] == "Bulwell Youth"


def test_nothing_is_taken_before_opening(client, timed):
    with time_machine.travel(datetime(2026, 2, 28, 12, 0, tzinfo=UTC), tick=False):
        refused = client.post(timed.respond_url, VALID_POST, follow=True)
        assert "This consultation opens on 1 March 2026" in refused.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_open_between_its_times(client, timed):
    with time_machine.travel(OPENS, tick=False):
        _submit_all(client, timed)
    assert ConsultationResponse.objects.get().submitted_at == OPENS


def test_one_response_per_account(client, make_consultation, make_user):
    page = make_consultation()
    client.force_login(make_user())
    _submit_all(client, page)
    again = client.get(page.respond_url, follow=True).content.decode()
    assert "You have already responded" in again
    client.post(page.respond_url, {**VALID_POST, "q_short": "Second go"})
    _submit_all(client, page, {**VALID_POST, "q_short": "Second go"})
    assert ConsultationResponse.objects.get().answers["short"] == "Bulwell Youth"


def test_one_response_per_browser_session_for_anonymous_people(client, make_consultation):
    page = make_consultation()
    _submit_all(client, page)
    _submit_all(client, page, {**VALID_POST, "q_short": "Second go"})
    assert ConsultationResponse.objects.count() == 1

    client.cookies.clear()  # another browser is another respondent
    _submit_all(client, page)
    assert ConsultationResponse.objects.filter(submitted_at__isnull=False).count() == 2


def test_anonymous_people_can_ask_for_a_receipt_that_is_not_kept(
    client, make_consultation, django_capture_on_commit_callbacks
):
    page = make_consultation()
    client.post(page.respond_url, VALID_POST)
    bad = client.post(page.subpage_url("review"), {"email": "not-an-email"})
    assert "Enter an email address" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.subpage_url("review"), {"email": "anon@example.org"})
    assert mail.outbox[0].to == ["anon@example.org"]
    stored = ConsultationResponse.objects.values()[0]
    assert "anon@example.org" not in str(stored)


def test_sign_in_needed_when_anonymous_responses_are_off(client, make_consultation):
    page = make_consultation(allow_anonymous=False)
    response = client.get(page.respond_url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_draft_is_saved_without_required_answers_and_resumed(
    client, make_consultation, make_user
):
    page = make_consultation()
    client.force_login(make_user())
    saved = client.post(
        page.respond_url,
        {"save_draft": "", "q_long": "Half a thought", "q_rank_0": "1"},
        follow=True,
    )
    assert "Your draft is saved" in saved.content.decode()
    draft = ConsultationResponse.objects.get()
    assert draft.submitted_at is None
    assert draft.answers == {"long": "Half a thought", "rank": ["Lighting"]}

    resumed = client.get(page.respond_url).content.decode()
    assert "You have a saved draft" in resumed and "Half a thought" in resumed
    assert '<option value="1" selected>1</option>' in resumed

    # Submitting the unfinished draft straight from review sends them back to finish it.
    refused = client.post(page.subpage_url("review"), follow=True).content.decode()
    assert "Answer the question: Your youth club&#x27;s name" in refused
    assert ConsultationResponse.objects.get().submitted_at is None


def test_a_draft_still_rejects_invalid_answers(client, make_consultation):
    page = make_consultation()
    response = client.post(page.respond_url, {"save_draft": "", "q_single": "Not offered"})
    assert "Choose one of the options given." in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_a_second_first_save_from_another_tab_does_not_fail(client, make_consultation, make_user):
    page = make_consultation()
    person = make_user()
    client.force_login(person)
    first_tab = client.get(page.respond_url)  # both tabs opened before either saved
    assert first_tab.status_code == 200
    ConsultationResponse.objects.create(
        consultation=page,
        respondent_token=account_token(person.pk, page.pk),
        answers={"short": "A"},
    )

    from unittest import mock

    with mock.patch.object(ConsultationPage, "response_of", return_value=None):
        response = client.post(page.respond_url, VALID_POST, follow=True)
    assert response.status_code == 200
    assert "Your answers were already saved" in response.content.decode()
    assert ConsultationResponse.objects.get().answers == {"short": "A"}


def test_the_section_page_title_and_introduction_are_used(client, consultation_index):
    consultation_index.introduction = "Shape how we prevent violence in your area."
    consultation_index.save_revision().publish()
    assert "Shape how we prevent violence" in client.get("/have-your-say/").content.decode()


def test_a_double_submit_sends_one_receipt(make_consultation, django_capture_on_commit_callbacks):
    draft = ConsultationResponse.objects.create(consultation=make_consultation())
    with django_capture_on_commit_callbacks(execute=True):
        assert draft.submit("jo@example.org")
        submitted = ConsultationResponse.objects.get(pk=draft.pk, submitted_at__isnull=False)
        assert not submitted.submit("x@y.z")
        stale_copy = ConsultationResponse(pk=draft.pk, consultation=draft.consultation)
        assert not stale_copy.submit("jo@example.org")  # a second request that read it first
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Your response to {draft.consultation.title}"


class RolledBack(Exception):
    pass


def test_no_receipt_when_the_submission_is_rolled_back(
    make_consultation, django_capture_on_commit_callbacks
):
    from django.db import transaction

    draft = ConsultationResponse.objects.create(consultation=make_consultation())
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RolledBack),
        transaction.atomic(),
    ):
        draft.submit("jo@example.org")
        raise RolledBack
    assert mail.outbox == []
    assert ConsultationResponse.objects.get().submitted_at is None
