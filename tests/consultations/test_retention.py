"""Personal data in responses is anonymised a configured number of months after closing."""

from datetime import UTC, datetime

import pytest
import time_machine

from cms.accounts import data_rights
from consultations.models import ConsultationResponse
from consultations.respondents import account_token
from consultations.retention import months_before
from consultations.tasks import anonymise_old_responses
from tests.consultations.factories import ConsultationResponseFactory

pytestmark = pytest.mark.django_db

CLOSED = datetime(2026, 1, 15, 17, 0, tzinfo=UTC)


@pytest.fixture
def closed_page(make_consultation):
    return make_consultation(opens_at=datetime(2026, 1, 1, tzinfo=UTC), closes_at=CLOSED)


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(
        2024, 12, 15, tzinfo=UTC
    )


def test_responses_are_anonymised_after_the_configured_months_and_answers_kept(
    settings, closed_page, make_user
):
    settings.CONSULTATION_ANONYMISE_AFTER_MONTHS = 3
    person = make_user()
    by_account = ConsultationResponseFactory(
        consultation=closed_page,
        respondent_token=account_token(person.pk, closed_page.pk),
        answers={"short": "Kept"},
    )
    anonymous = ConsultationResponseFactory(consultation=closed_page, answers={"short": "Also"})
    ConsultationResponseFactory(consultation=closed_page, submitted_at=None)  # abandoned draft

    with time_machine.travel(datetime(2026, 4, 15, 16, 59, tzinfo=UTC), tick=False):
        assert anonymise_old_responses.delay().get() == 0
    assert ConsultationResponse.objects.count() == 3

    with time_machine.travel(datetime(2026, 4, 15, 17, 0, tzinfo=UTC), tick=False):
        assert anonymise_old_responses.delay().get() == 3

    by_account.refresh_from_db()
    anonymous.refresh_from_db()
    assert by_account.respondent_token == "" and by_account.anonymised_at is not None
    assert by_account.answers == {"short": "Kept"}
    assert anonymous.respondent_token == "" and anonymous.answers == {"short": "Also"}
    assert ConsultationResponse.objects.count() == 2  # the draft is gone
    assert anonymise_old_responses.delay().get() == 0  # nothing left to do


def test_open_consultations_are_left_alone(settings, make_consultation, make_user):
    settings.CONSULTATION_ANONYMISE_AFTER_MONTHS = 0
    page, person = make_consultation(), make_user()
    response = ConsultationResponseFactory(
        consultation=page, respondent_token=account_token(person.pk, page.pk)
    )
    anonymise_old_responses.delay().get()
    response.refresh_from_db()
    assert response.respondent_token == account_token(person.pk, page.pk)


def test_the_beat_schedule_runs_the_task_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["anonymise-old-consultation-responses"]
    assert entry["task"] == "consultations.tasks.anonymise_old_responses"


def test_a_person_can_export_and_erase_their_responses(make_consultation, make_user):
    person = make_user()
    page = make_consultation()
    response = ConsultationResponseFactory(
        consultation=page,
        respondent_token=account_token(person.pk, page.pk),
        answers={"short": "Bulwell"},
    )
    exported = data_rights.export_for(person)["consultations"]
    assert exported["responses"][0]["reference"] == response.reference
    assert exported["responses"][0]["answers"]["Your youth club's name"] == "Bulwell"

    data_rights.erase_for(person)
    person.delete()
    response.refresh_from_db()
    assert response.respondent_token == "" and response.anonymised_at is not None
    assert response.answers == {"short": "Bulwell"}


def test_finished_panel_applications_are_deleted_after_the_same_months(settings, make_user):
    from consultations.models import PanelApplication

    settings.CONSULTATION_ANONYMISE_AFTER_MONTHS = 6
    status = PanelApplication.Status
    changed = datetime(2026, 1, 15, tzinfo=UTC)
    for state, dates in (
        (status.DECLINED, {"decided_at": changed}),
        (status.LEFT, {"left_at": changed}),
        (status.APPROVED, {"decided_at": changed}),
    ):
        PanelApplication.objects.create(
            user=make_user(), reason="Why", area="Ashfield", status=state, **dates
        )
    with time_machine.travel(datetime(2026, 7, 14, tzinfo=UTC), tick=False):
        anonymise_old_responses.delay().get()
    assert PanelApplication.objects.count() == 3
    with time_machine.travel(datetime(2026, 7, 15, tzinfo=UTC), tick=False):
        assert anonymise_old_responses.delay().get() == 2
    assert PanelApplication.objects.get().status == status.APPROVED
