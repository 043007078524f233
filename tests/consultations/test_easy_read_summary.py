"""Easy-read summaries of a consultation and of its outcome: shown to the public in an "Easy
read" section, and read by the easy-read checker for the editor (the message after saving,
and the marks in the preview that the Checks panel lists)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from consultations import demo
from consultations.easy_read import easy_read_report
from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db

EASY = "You can tell us what you think. We want to hear from you."
HARD = (
    "Stakeholders were consulted by the VRU regarding the commissioning framework and "
    "we will subsequently operationalise the recommendations across the partnership."
)


def test_the_public_see_the_easy_read_summaries_without_the_checkers_marks(
    client, make_consultation
):
    now = timezone.now()
    page = make_consultation(
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        easy_read_summary=EASY,
        easy_read_outcome="You said: more clubs. We did: we opened two clubs.",
        we_asked="<p>We asked.</p>",
        you_said="<p>You said.</p>",
        we_did="<p>We did.</p>",
        outcome_published=True,
    )
    html = client.get(page.url).content.decode()
    assert html.count("Easy read</h") == 2
    assert EASY in html and "we opened two clubs." in html
    assert "data-easy-read-check" not in html

    page.outcome_published = False
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert EASY in html and "we opened two clubs" not in html  # only with the outcome


def test_the_checker_flags_a_hard_summary_when_an_editor_saves_it(staff_client, make_consultation):
    page = make_consultation(easy_read_summary=EASY, questions=[])
    edit = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(staff_client.get(edit).content.decode(), form_id="page-edit-form")
    # Stream fields are drawn by JavaScript, so their (empty) form data is added here.
    streams = {name: streamfield([]) for name in ("body", "documents", "questions")}
    for name, value in nested_form_data(streams).items():
        data[name] = value

    saved = staff_client.post(edit, data, follow=True).content.decode()
    assert "The easy-read check found" not in saved  # an easy summary passes

    data["easy_read_summary"] = HARD
    saved = staff_client.post(edit, data, follow=True).content.decode()
    assert "The easy-read check found" in saved
    assert "Easy-read summary: " in saved
    saved_page = ConsultationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert saved_page.easy_read_summary == HARD  # a warning, never a refusal

    preview = staff_client.get(f"/admin/pages/{page.pk}/view_draft/").content.decode()
    marks = preview.split('data-easy-read-check="')[1].split('"')[0].split()
    assert {"acronym", "hard_word", "long_sentence", "passive_voice"} <= set(marks)


def test_the_demo_easy_read_summaries_pass_the_checker(client, home_page):
    demo.load()
    open_page = ConsultationPage.objects.get(slug="youth-provision-in-your-area")
    closed = ConsultationPage.objects.get(slug="knife-crime-awareness-in-schools")
    assert open_page.easy_read_summary and closed.easy_read_outcome
    assert easy_read_report(open_page).findings == []
    assert easy_read_report(closed).findings == []
    assert "Easy read</h" in client.get(closed.url).content.decode()
