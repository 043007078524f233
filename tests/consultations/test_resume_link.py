"""Save and return later by an e-mailed, signed link: for anonymous and signed-in respondents
alike, until the consultation closes, and only to the person whose draft it is."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client

from consultations.models import LINKED_DRAFTS_SESSION_KEY, ConsultationResponse
from consultations.respondents import RESUME_LINK_SALT, account_token
from tests.consultations.factories import branching_questions
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/resume/link/\?token=\S+")


@pytest.fixture
def branching(make_consultation):
    return make_consultation(title="Youth services in your area", questions=branching_questions())


def _email_link(client, page, capture, email="me@example.org") -> str:
    """Ask for the link and return its path and query, as taken from the e-mail's body."""
    with capture(execute=True):
        sent = client.post(page.subpage_url("email_resume_link"), {"email": email}, follow=True)
    assert "We have e-mailed you the link." in sent.content.decode()
    message = mail.outbox[-1]
    assert message.to == [email]
    link = urlsplit(LINK.search(message.body).group(0))
    return f"{link.path}?{link.query}"


def _save_first_page(client, page):
    client.post(page.page_url(1), {"q_where": "Mansfield", "q_safe": "4"})
    client.post(page.page_url(2), {"q_uses": "Yes", "save_draft": ""})


def _finish(client, page):
    client.post(page.page_url(2), {"q_uses": "Yes"})
    client.post(page.page_url(3), {"q_which": ["Sports"]})
    client.post(page.page_url(4), {})
    return client.post(page.subpage_url("review"), {"email": ""})


def test_an_anonymous_draft_comes_back_in_a_new_browser_from_the_emailed_link(
    client, branching, django_capture_on_commit_callbacks
):
    _save_first_page(client, branching)
    path = _email_link(client, branching, django_capture_on_commit_callbacks)
    assert "me@example.org" not in path and client.session["consultation_respondent"] not in path
    assert "me@example.org" not in str(ConsultationResponse.objects.values().get())

    new_browser = Client()
    opened = new_browser.get(path, follow=True)
    html = opened.content.decode()
    assert opened.redirect_chain[-1][0] == branching.page_url(1)
    assert "Welcome back. Your answers so far are filled in." in html
    assert '<option value="Mansfield" selected>' in html
    page_two = new_browser.get(branching.page_url(2)).content.decode()
    assert 'value="Yes"' in page_two and "checked" in page_two

    done = _finish(new_browser, branching)
    assert done["Location"] == branching.subpage_url("submitted")
    response = ConsultationResponse.objects.get()
    assert response.is_submitted and response.answers["which"] == ["Sports"]


def test_a_signed_in_draft_asks_for_sign_in_then_comes_back(
    client, branching, make_user, django_capture_on_commit_callbacks
):
    user = make_user(username="ria", email="ria@example.org")
    client.force_login(user)
    _save_first_page(client, branching)
    respond = client.get(branching.page_url(2)).content.decode()
    assert "E-mail me a link to come back to my draft" in respond
    form = client.get(branching.subpage_url("email_resume_link")).content.decode()
    assert 'value="ria@example.org"' in form  # their account's address, to confirm
    path = _email_link(client, branching, django_capture_on_commit_callbacks, "ria@example.org")
    assert "sign in with the account you used" in mail.outbox[-1].body
    payload = signing.loads(parse_qs(urlsplit(path).query)["token"][0], salt=RESUME_LINK_SALT)
    token = account_token(user.pk, branching.pk)
    assert payload == {"c": branching.pk, "r": token, "a": True}  # no account id, no address

    new_browser = Client()
    asked = new_browser.get(path)
    assert asked.status_code == 302 and "/accounts/login/" in asked["Location"]
    login_page = new_browser.get(asked["Location"]).content.decode()
    assert "Sign in with the account you used to carry on your draft." in login_page
    assert not new_browser.get(branching.page_url(1)).context["response"]  # no draft handed over

    login_url = asked["Location"]
    signed_in = new_browser.post(
        login_url, {"login": "ria@example.org", "password": PASSWORD}, follow=True
    )
    html = signed_in.content.decode()
    assert signed_in.redirect_chain[-1][0] == branching.page_url(1), signed_in.redirect_chain
    assert '<option value="Mansfield" selected>' in html
    assert _finish(new_browser, branching)["Location"] == branching.subpage_url("submitted")
    assert ConsultationResponse.objects.get().is_submitted


def test_another_account_cannot_open_an_accounts_link(
    client, branching, make_user, django_capture_on_commit_callbacks
):
    client.force_login(make_user(username="ria", email="ria@example.org"))
    _save_first_page(client, branching)
    path = _email_link(client, branching, django_capture_on_commit_callbacks)

    other = Client()
    other.force_login(make_user(username="sam", email="sam@example.org"))
    refused = other.get(path)
    assert refused.status_code == 403
    assert "a draft saved by a different account" in refused.content.decode()
    assert other.get(branching.page_url(1)).context["response"] is None


def test_an_anonymous_draft_is_not_joined_to_an_account(
    client, branching, make_user, django_capture_on_commit_callbacks
):
    _save_first_page(client, branching)
    path = _email_link(client, branching, django_capture_on_commit_callbacks)
    signed_in = Client()
    signed_in.force_login(make_user())
    refused = signed_in.get(path)
    assert refused.status_code == 403 and "without signing in" in refused.content.decode()


@pytest.mark.parametrize("spoil", ["tamper", "wrong_salt", "missing"])
def test_a_tampered_link_is_refused_and_changes_nothing(
    client, branching, django_capture_on_commit_callbacks, spoil
):
    _save_first_page(client, branching)
    path = _email_link(client, branching, django_capture_on_commit_callbacks)
    token = parse_qs(urlsplit(path).query)["token"][0]
    payload = signing.loads(token, salt=RESUME_LINK_SALT)
    spoiled = {
        "tamper": token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"),
        "wrong_salt": signing.dumps(payload, salt="consultations.other-purpose"),
        "missing": "",
    }[spoil]
    before = ConsultationResponse.objects.values().get()

    new_browser = Client()
    refused = new_browser.get(branching.subpage_url("resume_link"), {"token": spoiled})
    assert refused.status_code == 400
    assert "This link does not work." in refused.content.decode()
    assert LINKED_DRAFTS_SESSION_KEY not in new_browser.session
    assert ConsultationResponse.objects.values().get() == before


def test_a_link_after_the_consultation_closes_is_refused(
    client, branching, django_capture_on_commit_callbacks
):
    _save_first_page(client, branching)
    path = _email_link(client, branching, django_capture_on_commit_callbacks)
    with time_machine.travel(branching.closes_at + timedelta(minutes=1)):
        refused = Client().get(path)
    assert refused.status_code == 410
    assert "This consultation closed on" in refused.content.decode()
    assert not ConsultationResponse.objects.get().is_submitted


def test_a_link_for_one_consultation_does_not_open_another(
    client, branching, make_consultation, django_capture_on_commit_callbacks
):
    _save_first_page(client, branching)
    path = _email_link(client, branching, django_capture_on_commit_callbacks)
    other = make_consultation(title="Safer nights out")
    new_browser = Client()
    refused = new_browser.get(other.subpage_url("resume_link") + "?" + urlsplit(path).query)
    assert refused.status_code == 400
    assert "This link is for a different consultation." in refused.content.decode()
    assert LINKED_DRAFTS_SESSION_KEY not in new_browser.session


def test_a_link_to_a_submitted_response_reopens_nothing(
    client, branching, django_capture_on_commit_callbacks
):
    _save_first_page(client, branching)
    path = _email_link(client, branching, django_capture_on_commit_callbacks)
    _finish(client, branching)
    refused = Client().get(path)
    assert refused.status_code == 410 and "already been submitted" in refused.content.decode()


def test_signed_in_respondents_have_the_same_send_limit(client, branching, make_user):
    from cms.core.models import OutgoingEmail

    client.force_login(make_user(email="ria@example.org"))
    _save_first_page(client, branching)
    for _ in range(5):
        client.post(branching.subpage_url("email_resume_link"), {"email": "ria@example.org"})
    assert OutgoingEmail.objects.count() == 3
