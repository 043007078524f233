"""An attacker's tries at the alert and resume-link e-mails: another person's address
filled in again and again from fresh browsers and addresses, links reused or replayed."""

import re

import pytest
from django.core import mail
from django.test import Client

from consultations.models import AlertSubscription
from tests.consultations.factories import branching_questions
from tests.consultations.test_resume_link import _save_first_page

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/have-your-say/alerts/"
VICTIM = "victim@example.org"


def _fresh_browser(number: int) -> Client:
    """A new browser (no session cookie) from another network address each time."""
    return Client(REMOTE_ADDR=f"203.0.113.{number}")


def test_one_address_gets_a_few_confirmation_links_however_many_browsers_ask(
    django_capture_on_commit_callbacks,
):
    for number in range(12):
        with django_capture_on_commit_callbacks(execute=True):
            answer = _fresh_browser(number).post(
                SUBSCRIBE, {"email": VICTIM.upper(), "areas": ["all"]}, follow=True
            )
        # The same answer every time, so the form still tells nobody who is subscribed.
        assert "Check your e-mail" in answer.content.decode()
    assert len([m for m in mail.outbox if m.to == [VICTIM]]) == 3


def test_a_confirm_link_does_not_bring_back_a_subscription_after_unsubscribing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBSCRIBE, {"email": VICTIM, "areas": ["gedling"]})
    confirm = re.search(r"/have-your-say/alerts/confirm/\S+/", mail.outbox[-1].body).group(0)
    client.post(confirm)
    AlertSubscription.objects.get().delete()  # as unsubscribing does
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(SUBSCRIBE, {"email": VICTIM, "areas": ["ashfield"]})
    # The old link names the deleted row (even if its id is used again): it confirms nothing.
    assert client.post(confirm).status_code == 400
    assert AlertSubscription.objects.get().confirmed_at is None


def test_a_resume_link_goes_to_one_address_a_few_times_however_many_drafts_ask(
    make_consultation, django_capture_on_commit_callbacks
):
    page = make_consultation(title="Youth services", questions=branching_questions())
    for number in range(6):
        browser = _fresh_browser(number)
        _save_first_page(browser, page)
        with django_capture_on_commit_callbacks(execute=True):
            browser.post(page.subpage_url("email_resume_link"), {"email": VICTIM})
    assert len([m for m in mail.outbox if m.to == [VICTIM]]) == 3


def test_one_click_unsubscribe_from_a_mail_client_works_and_a_bad_link_changes_nothing(
    client, django_capture_on_commit_callbacks
):
    from consultations.alerts import unsubscribe_path

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBSCRIBE, {"email": VICTIM, "areas": ["gedling"]})
    client.post(re.search(r"/have-your-say/alerts/confirm/\S+/", mail.outbox[-1].body).group(0))
    path = unsubscribe_path(AlertSubscription.objects.get())
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token (RFC 8058)
    one_click = {"List-Unsubscribe": "One-Click"}

    assert mail_client.get(path).status_code == 200  # opening the link asks first
    assert mail_client.post(path[:-3] + "xx/", one_click).status_code == 400
    assert AlertSubscription.objects.exists()
    assert mail_client.post(path, one_click).status_code == 200
    assert not AlertSubscription.objects.exists()
    again = mail_client.post(path, one_click)  # replayed: nothing left to change
    assert again.status_code == 200 and "already" in again.content.decode().lower()
