"""Consultations in pages with simple branching: only the questions that apply are asked,
kept and checked, and nobody can skip ahead past a page they have not finished."""

import pytest
from django.core.exceptions import ValidationError

from consultations.answers import (
    drop_hidden,
    first_incomplete_page,
    missing_required,
    question_pages,
    shown_pages,
    shown_questions,
)
from consultations.models import ConsultationPage, ConsultationResponse
from tests.consultations.factories import _question, branching_questions

pytestmark = pytest.mark.django_db


def _questions(raw: list[dict]):
    """A StreamValue of question blocks, as a saved page holds them (no database needed)."""
    return list(ConsultationPage(questions=raw).questions)


@pytest.fixture
def branching(make_consultation):
    return make_consultation(title="Youth services in your area", questions=branching_questions())


def _path(page, number: int) -> str:
    return page.page_url(number)


# --- The pure rules (consultations/answers.py) ------------------------------------------------


def test_questions_fall_into_pages_at_each_page_break():
    pages = question_pages(_questions(branching_questions()))
    assert [p.title for p in pages] == [
        "Your area",
        "Youth services",
        "Your youth services",
        "Anything else",
    ]
    assert [[q.id for q in p.questions] for p in pages] == [
        ["where", "safe"],
        ["uses"],
        ["which", "better"],
        ["else"],
    ]


def test_no_page_breaks_is_one_page_and_no_questions_still_one_page():
    plain = [_question("a", "short_text", "A", max_length=10)]
    assert len(question_pages(_questions(plain))) == 1
    assert [p.number for p in question_pages([])] == [1]


def test_a_question_is_shown_only_when_its_condition_is_met():
    questions = _questions(branching_questions())
    ids = [q.id for q in shown_questions(questions, {"uses": "Yes"})]
    assert ids == ["where", "safe", "uses", "which", "better", "else"]
    assert "which" not in [q.id for q in shown_questions(questions, {"uses": "No"})]
    assert "which" not in [q.id for q in shown_questions(questions, {})]
    assert "which" in [q.id for q in shown_questions(questions, {"uses": " yes "})]


def test_a_multiple_choice_condition_is_met_when_the_list_holds_the_answer():
    raw = [
        _question("used", "multiple_choice", "Used?", choices=["Sports", "Youth club"]),
        _question("club", "short_text", "Which club?", max_length=50),
    ]
    raw[1]["value"].update(starts_new_page=True, show_when_question=1, show_when_answer="Sports")
    questions = _questions(raw)
    assert len(shown_questions(questions, {"used": ["Youth club", "Sports"]})) == 2
    assert len(shown_questions(questions, {"used": ["Youth club"]})) == 1


def test_hiding_a_question_hides_those_that_depend_on_it():
    raw = branching_questions()
    raw.append(_question("club", "short_text", "Which club?", max_length=50))
    raw[-1]["value"].update(
        starts_new_page=True, show_when_question=4, show_when_answer="Youth club"
    )
    questions = _questions(raw)
    answers = {"uses": "No", "which": ["Youth club"], "club": "Bulwell"}
    assert "club" not in [q.id for q in shown_questions(questions, answers)]
    assert drop_hidden(questions, answers) == {"uses": "No"}


def test_a_hidden_required_question_is_not_missing_and_hidden_pages_are_skipped():
    questions = _questions(branching_questions())
    pages = question_pages(questions)
    answers = {"where": "Mansfield", "uses": "No"}
    assert missing_required(questions, answers) == []
    assert first_incomplete_page(pages, answers) is None
    assert [p.number for p in shown_pages(pages, answers)] == [1, 2, 4]
    yes = {**answers, "uses": "Yes"}
    assert missing_required(questions, yes) == ["Which youth services do you use?"]
    assert first_incomplete_page(pages, yes) == 3


# --- Editors: conditions are checked when the page is saved -----------------------------------


def _branch_errors(make_consultation, raw) -> dict:
    with pytest.raises(ValidationError) as caught:
        make_consultation(questions=raw)
    [stream_error] = caught.value.error_dict["questions"]
    return {
        (index, name): " ".join(error.messages)
        for index, struct_error in stream_error.block_errors.items()
        for name, error in struct_error.block_errors.items()
    }


def _with_condition(question_index: int, **condition) -> list[dict]:
    raw = branching_questions()
    raw[question_index]["value"].update(condition)
    return raw


@pytest.mark.parametrize(
    ("index", "condition", "field", "message"),
    [
        (3, {"show_when_question": 5}, "show_when_question", "only depend on an earlier question"),
        (3, {"show_when_question": 9}, "show_when_question", "not question 9"),
        (
            4,
            {"show_when_question": 4, "show_when_answer": "Sports"},
            "show_when_question",
            "on the same page",
        ),
        (3, {"show_when_answer": "Maybe"}, "show_when_answer", 'does not offer the answer "Maybe"'),
        (3, {"show_when_answer": ""}, "show_when_answer", "Give the answer to question 3"),
        (5, {"show_when_answer": "Yes"}, "show_when_question", "Give the number of the question"),
    ],
)
def test_a_condition_that_cannot_work_is_refused_with_a_clear_message(
    make_consultation, index, condition, field, message
):
    errors = _branch_errors(make_consultation, _with_condition(index, **condition))
    assert message in errors[(index, field)]
    assert not ConsultationPage.objects.exists()


def test_a_condition_on_a_free_text_question_is_refused(make_consultation):
    raw = branching_questions()
    raw[5]["value"].update(show_when_question=5, show_when_answer="Anything")
    errors = _branch_errors(make_consultation, raw)
    assert "free-text question" in errors[(5, "show_when_question")]


def test_a_good_set_of_conditions_saves(branching):
    assert ConsultationPage.objects.get(pk=branching.pk).questions[3].value["show_when_answer"]


# --- Respondents, through HTTP ----------------------------------------------------------------


def test_yes_asks_the_follow_up_page_and_no_skips_it_and_drops_its_answers(client, branching):
    first = client.post(_path(branching, 1), {"q_where": "Mansfield", "q_safe": "3"})
    assert first.status_code == 302 and first["Location"] == _path(branching, 2)

    second = client.get(_path(branching, 2)).content.decode()
    assert "Page 2 of 3" in second and "Youth services</h1>" in second
    assert f'href="{_path(branching, 1)}" class="govuk-back-link"' in second

    yes = client.post(_path(branching, 2), {"q_uses": "Yes"})
    assert yes["Location"] == _path(branching, 3)
    third = client.get(_path(branching, 3)).content.decode()
    assert "Page 3 of 4" in third and "Which youth services do you use?" in third
    assert f'href="{_path(branching, 2)}" class="govuk-back-link"' in third
    client.post(_path(branching, 3), {"q_which": ["Sports"], "q_better": "Later opening"})
    assert ConsultationResponse.objects.get().answers["which"] == ["Sports"]

    no = client.post(_path(branching, 2), {"q_uses": "No"})
    assert no["Location"] == _path(branching, 4)  # the youth services page is skipped
    answers = ConsultationResponse.objects.get().answers
    assert answers == {"where": "Mansfield", "safe": "3", "uses": "No"}
    skipped = client.get(_path(branching, 3))
    assert skipped.status_code == 302 and skipped["Location"] == _path(branching, 4)
    last = client.get(_path(branching, 4)).content.decode()
    assert "Page 3 of 3" in last and "About you (optional)" in last
    assert f'href="{_path(branching, 2)}" class="govuk-back-link"' in last

    to_review = client.post(_path(branching, 4), {"q_else": "", "about-age_band": "16 to 24"})
    assert to_review["Location"] == branching.subpage_url("review")
    review = client.get(branching.subpage_url("review")).content.decode()
    assert "Mansfield" in review and "Do you use youth services?" in review
    assert "Which youth services" not in review and "Later opening" not in review

    done = client.post(branching.subpage_url("review"), {"email": ""})
    assert done["Location"] == branching.subpage_url("submitted")
    response = ConsultationResponse.objects.get()
    assert response.is_submitted and response.about_you == {"age_band": "16 to 24"}


def test_check_your_answers_groups_by_page_with_change_links_to_each(client, branching):
    client.post(_path(branching, 1), {"q_where": "Mansfield"})
    client.post(_path(branching, 2), {"q_uses": "Yes"})
    client.post(_path(branching, 3), {"q_which": ["Youth club", "Mentoring"]})
    client.post(_path(branching, 4), {"q_else": "Thanks"})
    html = client.get(branching.subpage_url("review")).content.decode()
    for title in ["Your area", "Youth services", "Your youth services", "Anything else"]:
        assert f'<h2 class="govuk-heading-m">{title}</h2>' in html
    assert html.count("govuk-summary-list__actions") == 6
    change = (
        f'<a class="govuk-link" href="{_path(branching, 3)}?change=1">Change<span '
        'class="govuk-visually-hidden"> your answer to: Which youth services do you use?</span>'
    )
    assert change in html
    assert f'href="{_path(branching, 1)}?change=1">Change' in html
    changed = client.get(_path(branching, 3)).content.decode()
    assert 'value="Mentoring"' in changed and "checked" in changed


def test_a_page_out_of_range_is_not_found(client, branching):
    client.post(_path(branching, 1), {"q_where": "Mansfield"})
    assert client.get(branching.url + "respond/5/").status_code == 404
    assert client.get(branching.url + "respond/0/").status_code == 404


def test_jumping_ahead_past_an_unfinished_page_is_refused(client, branching):
    jumped = client.get(_path(branching, 3), follow=True)
    assert jumped.redirect_chain[-1][0] == _path(branching, 1)
    assert "Answer the questions on this page before going on." in jumped.content.decode()

    posted = client.post(_path(branching, 4), {"q_else": "Skipping the rest"})
    assert posted["Location"] == _path(branching, 1)
    assert not ConsultationResponse.objects.exists()

    client.post(_path(branching, 1), {"q_where": "Mansfield"})
    ahead = client.get(_path(branching, 4))
    assert ahead["Location"] == _path(branching, 2)  # question 3 is required


def test_submitting_with_a_required_answer_missing_goes_to_its_page(client, branching):
    client.post(_path(branching, 1), {"q_where": "Mansfield"})
    client.post(_path(branching, 2), {"q_uses": "Yes", "save_draft": ""})
    client.post(_path(branching, 3), {"save_draft": ""})  # a draft: nothing required yet
    refused = client.post(branching.subpage_url("review"), {"email": ""}, follow=True)
    assert refused.redirect_chain[-1][0] == _path(branching, 3)
    assert "Answer the question: Which youth services do you use?" in refused.content.decode()
    assert not ConsultationResponse.objects.get().is_submitted


def test_continue_checks_only_the_questions_shown_on_that_page(client, branching):
    client.post(_path(branching, 1), {"q_where": "Mansfield"})
    missing = client.post(_path(branching, 2), {})
    html = missing.content.decode()
    assert missing.status_code == 200 and "Answer the question: Do you use youth services?" in html
    assert "Where do you live" not in html.split("<form")[1]
    assert ConsultationResponse.objects.get().answers == {"where": "Mansfield"}


def test_a_single_page_consultation_has_no_progress_and_goes_straight_to_review(
    client, make_consultation
):
    page = make_consultation()
    html = client.get(page.respond_url).content.decode()
    assert "Page 1 of" not in html and "Continue to check your answers" in html
    assert "Your response</h1>" in html


# --- Editors in the Wagtail admin -------------------------------------------------------------


def _admin_question(question: dict) -> tuple[str, dict]:
    """A question block as the admin's StreamField form posts it."""
    value = dict(question["value"])
    if "choices" in value:
        value["choices"] = {
            "count": len(value["choices"]),
            **{
                str(n): {"value": choice, "deleted": "", "order": n, "id": ""}
                for n, choice in enumerate(value["choices"])
            },
        }
    for flag in ("required", "starts_new_page"):
        value[flag] = "on" if value.get(flag) else ""
    value.setdefault("show_when_question", "")
    value.setdefault("show_when_answer", "")
    value.setdefault("page_title", "")
    return question["type"], value


def test_the_admin_shows_a_bad_condition_on_the_question_and_saves_nothing(
    client, mfa_user, branching
):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    staff, _ = mfa_user(roles=["VRU staff"])
    client.force_login(staff)
    edit_url = f"/admin/pages/{branching.pk}/edit/"

    def form(raw):
        return nested_form_data(
            {
                "title": branching.title,
                "slug": branching.slug,
                "introduction": "",
                "body": streamfield([]),
                "documents": streamfield([]),
                "easy_read_url": "",
                "easy_read_summary": "",
                "opens_at": branching.opens_at.strftime("%Y-%m-%d %H:%M"),
                "closes_at": branching.closes_at.strftime("%Y-%m-%d %H:%M"),
                "audience": "public",
                "allow_anonymous": "on",
                "questions": streamfield([_admin_question(q) for q in raw]),
                "we_asked": rich_text(""),
                "you_said": rich_text(""),
                "we_did": rich_text(""),
                "easy_read_outcome": "",
            }
        )

    good = client.post(edit_url, form(branching_questions()))
    assert good.status_code == 302, (
        good.context["form"].errors.as_data()["questions"][0].as_json_data()
    )  # saves
    raw = branching_questions()
    raw[3]["value"]["show_when_question"] = 5
    response = client.post(edit_url, form(raw))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be saved" in html
    assert "only depend on an earlier question" in html
    branching.refresh_from_db()
    assert branching.questions[3].value["show_when_question"] == 3


def test_the_demo_youth_consultation_is_in_pages_with_a_branch(client, home_page):
    from consultations import demo

    demo.load()
    page = ConsultationPage.objects.get(slug="youth-provision-in-your-area")
    pages = question_pages(page.questions)
    assert [p.title for p in pages] == [
        "Where you live",
        "Youth services",
        "The services you used",
        "What should come first",
    ]
    client.post(page.page_url(1), {"q_area": "Mansfield"})
    skipped = client.post(page.page_url(2), {"q_used_any": "No"})
    assert skipped["Location"] == page.page_url(4)
    assert "Page 3 of 3" in client.get(page.page_url(4)).content.decode()


def test_the_export_keeps_a_column_for_every_question_blank_where_not_asked(client, branching):
    from consultations.results import export_rows

    client.post(_path(branching, 1), {"q_where": "Mansfield"})
    client.post(_path(branching, 2), {"q_uses": "No"})
    client.post(_path(branching, 4), {"q_else": "Thanks"})
    client.post(branching.subpage_url("review"), {"email": ""})
    header, row = export_rows(branching)
    assert header[2:] == [block.value["question"] for block in branching.questions]
    assert row[2:] == ["Mansfield", "", "No", "", "", "Thanks"]


def test_a_change_from_check_your_answers_returns_there_or_to_a_page_it_brought_up(
    client, branching
):
    client.post(_path(branching, 1), {"q_where": "Mansfield"})
    client.post(_path(branching, 2), {"q_uses": "No"})
    client.post(_path(branching, 4), {})
    review = branching.subpage_url("review")

    changed = client.post(_path(branching, 1) + "?change=1", {"q_where": "Gedling"})
    assert changed["Location"] == review

    brought_up = client.post(_path(branching, 2) + "?change=1", {"q_uses": "Yes"})
    assert brought_up["Location"] == _path(branching, 3) + "?change=1"
    answered = client.post(_path(branching, 3) + "?change=1", {"q_which": ["Sports"]})
    assert answered["Location"] == review
    assert ConsultationResponse.objects.get().answers == {
        "where": "Gedling",
        "uses": "Yes",
        "which": ["Sports"],
    }
