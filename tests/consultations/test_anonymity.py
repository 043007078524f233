"""Answers are anonymous from the moment they are given, and still one per person; an
anonymous draft can be carried on from another browser with its resume code."""

import pytest

from consultations.models import ConsultationResponse
from consultations.respondents import account_token, resume_code_token
from tests.consultations.factories import VALID_POST
from tests.migrations import migrate

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
