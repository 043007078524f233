"""Each question type rejects bad answers with a clear message; answers are shown escaped."""

import pytest

from consultations.models import ConsultationResponse
from tests.consultations.factories import VALID_POST

pytestmark = pytest.mark.django_db


def _post(client, page, **changes):
    data = {**VALID_POST, **changes}
    for key in [k for k, v in data.items() if v is None]:
        del data[key]
    return client.post(page.respond_url, data)


@pytest.mark.parametrize(
    ("field", "question"),
    [
        ("q_short", "Your youth club&#x27;s name"),
        ("q_long", "What would make young people safer?"),
        ("q_single", "Which matters most?"),
        ("q_multi", "Which have you used?"),
        ("q_agree", "Schools should teach about knife crime"),
        ("q_rating", "How safe do you feel at night?"),
        ("q_area", "Where do you live?"),
    ],
)
def test_a_missing_required_answer_is_refused(client, make_consultation, field, question):
    page = make_consultation()
    response = _post(client, page, **{field: None})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f"Answer the question: {question}" in html
    assert not ConsultationResponse.objects.exists()


def test_a_required_ranking_needs_every_option_ranked_once(client, make_consultation):
    page = make_consultation()
    partly = _post(client, page, q_rank_2="").content.decode()
    assert "Give every option a number." in partly
    twice = _post(client, page, q_rank_2="1").content.decode()
    assert "Give each option a different number." in twice
    assert not ConsultationResponse.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("q_single", "Knife amnesty"),
        ("q_multi", ["Youth club", "Boxing"]),
        ("q_agree", "Sort of"),
        ("q_rating", "6"),
        ("q_rank_0", "4"),
        ("q_area", "Leicester"),
    ],
)
def test_a_choice_not_offered_is_refused(client, make_consultation, field, value):
    page = make_consultation()
    html = _post(client, page, **{field: value}).content.decode()
    assert "Choose one of the options given." in html
    assert not ConsultationResponse.objects.exists()


@pytest.mark.parametrize(("field", "limit"), [("q_short", 40), ("q_long", 500)])
def test_an_over_long_answer_is_refused(client, make_consultation, field, limit):
    page = make_consultation()
    html = _post(client, page, **{field: "x" * (limit + 1)}).content.decode()
    assert f"Your answer must be {limit} characters or fewer." in html
    assert not ConsultationResponse.objects.exists()
    _post(client, page, **{field: "x" * limit})
    assert ConsultationResponse.objects.count() == 1


def test_an_about_you_answer_not_offered_is_refused(client, make_consultation):
    page = make_consultation()
    html = _post(client, page, **{"about-religion": "Jedi"}).content.decode()
    assert "Choose one of the options given." in html
    assert not ConsultationResponse.objects.exists()


def test_html_in_answers_is_shown_escaped(client, make_consultation, make_user):
    page = make_consultation()
    client.force_login(make_user())
    script = "<script>alert('x')</script>"
    _post(client, page, q_short="<b>club</b>", q_long=script)
    review = client.get(page.subpage_url("review")).content.decode()
    assert script not in review and "<b>club</b>" not in review
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in review
    assert "&lt;b&gt;club&lt;/b&gt;" in review
    # Stored as typed: escaping is the job of whatever shows it.
    assert ConsultationResponse.objects.get().answers["long"] == script


def test_every_about_you_question_explains_itself_and_offers_prefer_not_to_say(
    client, make_consultation, settings
):
    from consultations.forms import ABOUT_YOU_QUESTIONS

    settings.CONSULTATION_ANONYMISE_AFTER_MONTHS = 18
    page = make_consultation()
    html = client.get(page.respond_url).content.decode()
    assert "About you (optional)" in html
    for name, _, why, _ in ABOUT_YOU_QUESTIONS:
        assert html.count(f'name="about-{name}" value="Prefer not to say"') == 1
        assert f"Why we ask: {why}".replace("'", "&#x27;") in html
    assert "fewer than 5 people" in html
    assert "18 months after the consultation closes" in html


def test_an_area_question_can_ask_for_a_city_ward(client, make_consultation):
    from tests.consultations.factories import EVERY_QUESTION_TYPE

    questions = [dict(q) for q in EVERY_QUESTION_TYPE]
    questions[-1] = {**questions[-1], "value": {**questions[-1]["value"], "level": "city_ward"}}
    page = make_consultation(questions=questions)
    form = client.get(page.respond_url).content.decode()
    assert ">St Ann&#x27;s</option>" in form and ">Outside Nottingham City</option>" in form
    assert "Rushcliffe" not in form
    refused = _post(client, page, q_area="Mansfield").content.decode()
    assert "Choose one of the options given." in refused
    _post(client, page, q_area="Radford")
    assert ConsultationResponse.objects.get().answers["area"] == "Radford"
