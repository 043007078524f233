"""Answers are anonymous from the moment they are given, and still one per person; an
anonymous draft can be carried on from another browser with its resume code."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from cms.core.models import OutgoingEmail
from consultations.models import ConsultationResponse
from consultations.respondents import account_token, resume_code_token
from tests.consultations.factories import VALID_POST
from tests.migrations import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db


def test_a_submitted_response_holds_no_account_only_a_one_way_token(
    client, make_consultation, make_user
):
    page, member = make_consultation(), make_user(username="ria", roles=["Panel member"])
    client.force_login(member)
    client.post(page.respond_url, VALID_POST)
    client.post(page.subpage_url("review"))

    response = ConsultationResponse.objects.get()
    assert response.is_submitted
    stored = {f.attname for f in ConsultationResponse._meta.concrete_fields}
    assert not {"user_id", "user"} & stored
    assert response.respondent_token == account_token(member.pk, page.pk)
    # A different consultation gives a different token: responses cannot be linked.
    assert account_token(member.pk, page.pk + 1) != response.respondent_token

    again = client.post(page.respond_url, VALID_POST, follow=True)
    assert "You have already responded" in again.content.decode()
    assert ConsultationResponse.objects.count() == 1


def test_an_anonymous_draft_is_carried_on_from_another_browser_with_its_code(
    client, make_consultation
):
    page = make_consultation()
    saved = client.post(page.respond_url, {**VALID_POST, "save_draft": "1"}, follow=True)
    html = saved.content.decode()
    assert "Your resume code is" in html
    code = client.session["consultation_respondent"]
    shown = "-".join(code[i : i + 4] for i in range(0, len(code), 4))
    assert shown in html

    other_browser = client.__class__()
    wrong = other_browser.post(page.subpage_url("resume"), {"code": "AAAA-BBBB-CCCC"}, follow=True)
    assert "We found no draft with that code" in wrong.content.decode()
    resumed = other_browser.post(page.subpage_url("resume"), {"code": shown.lower()}, follow=True)
    assert "You have a saved draft" in resumed.content.decode()
    other_browser.post(page.subpage_url("review"), {"email": ""})
    assert ConsultationResponse.objects.get().is_submitted


def test_an_anonymous_draft_is_carried_on_from_the_emailed_link(
    client, make_consultation, django_capture_on_commit_callbacks
):
    page = make_consultation()
    client.post(page.respond_url, {**VALID_POST, "save_draft": "1"})
    form = client.get(page.subpage_url("email_resume_link"))
    assert "E-mail your resume link" in form.content.decode()

    bad = client.post(page.subpage_url("email_resume_link"), {"email": "not an address"})
    assert "Enter an email address like name@example.org." in bad.content.decode()
    assert not OutgoingEmail.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            page.subpage_url("email_resume_link"), {"email": "me@example.org"}, follow=True
        )
    assert "We have e-mailed you the link." in sent.content.decode()
    [message] = mail.outbox
    assert message.to == ["me@example.org"]
    link = re.search(r"https?://\S+/resume/link/\?token=\S+", message.body).group(0)
    assert "me@example.org" not in str(ConsultationResponse.objects.values().get())

    other_browser = client.__class__()
    resumed = other_browser.get(f"{urlsplit(link).path}?{urlsplit(link).query}", follow=True)
    assert "You have a saved draft" in resumed.content.decode()


def test_the_resume_link_is_no_spam_relay(client, make_consultation):
    page = make_consultation()
    client.post(page.respond_url, {**VALID_POST, "save_draft": "1"})
    for _ in range(5):
        client.post(page.subpage_url("email_resume_link"), {"email": "target@example.org"})
    assert OutgoingEmail.objects.count() == 3


def test_no_link_is_sent_without_a_draft(client, make_consultation):
    page = make_consultation()
    response = client.post(page.subpage_url("email_resume_link"), {"email": "me@example.org"})
    assert response.status_code == 302
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_swaps_accounts_for_tokens(make_consultation, make_user):
    page, person = make_consultation(), make_user()
    old = migrate([("consultations", "0004_decision_reason_length_limit")])
    response_model = old.get_model("consultations", "ConsultationResponse")
    response_model.objects.create(consultation_id=page.pk, user_id=person.pk, reference="R1")
    response_model.objects.create(
        consultation_id=page.pk, respondent_token="ab12cd", reference="R2"
    )
    new = migrate([("consultations", "0005_respondent_token_not_account")])
    tokens = dict(
        new.get_model("consultations", "ConsultationResponse").objects.values_list(
            "reference", "respondent_token"
        )
    )
    assert tokens == {
        "R1": account_token(person.pk, page.pk),
        "R2": resume_code_token("ab12cd", page.pk),
    }
    migrate_to_latest()
