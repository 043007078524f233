"""Staff build consultations and meetings in the Wagtail admin and find the results there."""

import pytest

from tests.consultations.factories import PanelMeetingFactory

pytestmark = pytest.mark.django_db


def test_staff_edit_a_consultation_with_every_question_type(staff_client, make_consultation):
    page = make_consultation()
    edit = staff_client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    for label in ("Short text", "Ranking", "Agree/disagree scale", "Rating 1 to 5", "Area"):
        assert label in html
    assert f'href="/admin/consultation-results/{page.pk}/"' in html
    add = staff_client.get(
        f"/admin/pages/add/consultations/consultationpage/{page.get_parent().pk}/"
    )
    assert add.status_code == 200


def test_staff_find_results_and_meetings_in_the_admin_menu(staff_client, make_consultation):
    page = make_consultation(title="Youth provision")
    PanelMeetingFactory(title="Night-time economy")
    dashboard = staff_client.get("/admin/").content.decode()
    assert "Consultation results" in dashboard and "Panel applications" in dashboard
    listing = staff_client.get("/admin/consultation-results/").content.decode()
    assert "Youth provision" in listing
    assert staff_client.get(f"/admin/consultation-results/{page.pk}/").status_code == 200
    meetings = staff_client.get("/admin/snippets/consultations/panelmeeting/").content.decode()
    assert "Night-time economy" in meetings


def test_closing_before_opening_is_refused(make_consultation):
    from django.core.exceptions import ValidationError

    page = make_consultation()
    page.closes_at = page.opens_at
    with pytest.raises(ValidationError, match="closing time must be after"):
        page.full_clean()
    page.closes_at = page.opens_at.replace(year=page.opens_at.year + 1)
    page.outcome_published = True
    with pytest.raises(ValidationError, match="Fill in all three parts"):
        page.full_clean()
