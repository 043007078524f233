"""Staff analysis: reading each response on its own, tagging free-text answers with the
consultation's themes, filtering and counting by theme, and the export with themes."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from consultations.models import AnswerTag, ConsultationResponse, ResponseTheme
from consultations.tasks import anonymise_old_responses
from tests.consultations.factories import ConsultationResponseFactory

pytestmark = pytest.mark.django_db

LONG = "What would make young people safer?"
SHORT = "Your youth club's name"


@pytest.fixture
def page(make_consultation):
    """Three submitted responses, in the order they came in, and a draft that is not shown."""
    page = make_consultation(title="Youth provision")
    now = timezone.now()
    for n, long in enumerate(["Better street lights", "Lights on the rec", "Buses after 10pm"]):
        ConsultationResponseFactory(
            consultation=page,
            submitted_at=now - timedelta(hours=3 - n),
            answers={"short": f"Club {n + 1}", "long": long, "single": "Mentoring"},
            about_you={"age_band": "16 to 24"} if n == 0 else {},
        )
    ConsultationResponseFactory(
        consultation=page, submitted_at=None, answers={"long": "Draft words"}
    )
    return page


def _base(page):
    return f"/admin/consultation-results/{page.pk}"


def _submitted(page):
    return list(page.responses.filter(submitted_at__isnull=False))


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _make_theme(client, page, name):
    client.post(f"{_base(page)}/themes/", {"name": name})
    return ResponseTheme.objects.get(consultation=page, name=name)


def _tag(client, page, response, question, theme_ids, new_theme="", query=""):
    url = f"{_base(page)}/responses/{response.reference}/themes/{query}"
    data = {"answer_to": question, "themes": [str(pk) for pk in theme_ids], "new_theme": new_theme}
    return client.post(url, data, follow=True)


def _references_in(html):
    return re.findall(r"/responses/([A-Z0-9]{10})/", html)


def test_staff_read_every_response_in_turn_with_previous_and_next(staff_client, page):
    listing = staff_client.get(f"{_base(page)}/responses/").content.decode()
    assert "3 responses" in listing
    first_link = re.search(r'href="([^"]+)">Read them one by one', listing).group(1)
    expected = [response.reference for response in _submitted(page)]

    seen, url = [], first_link
    while url:
        html = staff_client.get(url).content.decode()
        number = len(seen) + 1
        assert f"Response {number} of 3" in html
        reference = re.search(r"<title>Response ([A-Z0-9]{10})", html).group(1)
        seen.append(reference)
        response = ConsultationResponse.objects.get(reference=reference)
        assert response.answers["long"] in html and response.answers["short"] in html
        assert response.respondent_token not in html  # never who answered
        assert ('rel="prev"' in html) == (number > 1)
        nxt = re.search(r'href="([^"]+)" rel="next"', html)
        url = nxt.group(1) if nxt else None
    assert seen == expected

    first = staff_client.get(first_link).content.decode()
    assert "<dt>Your age</dt><dd>16 to 24</dd>" in first  # "about you" as given
    draft = page.responses.get(submitted_at__isnull=True)
    assert staff_client.get(f"{_base(page)}/responses/{draft.reference}/").status_code == 404


def test_staff_tag_answers_filter_by_theme_count_and_export(staff_client, page):
    one, two, three = _submitted(page)
    results = staff_client.get(f"{_base(page)}/").content.decode()
    assert f'href="{_base(page)}/responses/"' in results  # "Read each response"

    lighting = _make_theme(staff_client, page, "Street lighting")
    _tag(staff_client, page, one, "long", [lighting.pk])
    tagged = _tag(staff_client, page, two, "long", [lighting.pk], new_theme="Parks")
    assert f"The answer to “{LONG}” now has Parks, Street lighting." in _messages(tagged)
    _tag(staff_client, page, three, "long", [], new_theme="Transport")
    parks = ResponseTheme.objects.get(consultation=page, name="Parks")

    # Each answer's themes show, ticked, on its response's page.
    html = staff_client.get(f"{_base(page)}/responses/{two.reference}/").content.decode()
    assert re.search(rf'value="{lighting.pk}" checked> Street lighting', html)
    assert re.search(rf'value="{parks.pk}" checked> Parks', html)

    # Filtering by theme shows only the responses whose answers carry it.
    filtered = staff_client.get(f"{_base(page)}/responses/?theme={lighting.pk}").content.decode()
    assert "2 responses tagged “Street lighting”" in filtered
    assert set(_references_in(filtered)) == {one.reference, two.reference}
    by_question = staff_client.get(
        f"{_base(page)}/responses/?theme={lighting.pk}&question=short"
    ).content.decode()
    assert set(_references_in(by_question)) == set()

    # Paging within the filter goes from the first tagged response to the second, then stops.
    first = staff_client.get(f"{_base(page)}/responses/{one.reference}/?theme={lighting.pk}")
    html = first.content.decode()
    assert "Response 1 of 2" in html
    assert f"/responses/{two.reference}/?theme={lighting.pk}" in html
    last = staff_client.get(f"{_base(page)}/responses/{two.reference}/?theme={lighting.pk}")
    assert 'rel="next"' not in last.content.decode()

    # The results count answers per theme for each free-text question.
    results = staff_client.get(f"{_base(page)}/").content.decode()
    counts = results[results.index(LONG) : results.index("</table>", results.index(LONG))]
    assert re.search(r"Street lighting</th><td><a[^>]*>2<", counts)
    assert re.search(r"Parks</th><td><a[^>]*>1<", counts)
    assert re.search(r"Transport</th><td><a[^>]*>1<", counts)
    assert "No theme yet</th><td>0</td>" in counts
    at = results.index(escape(SHORT))
    short = results[at : results.index("</table>", at)]
    assert "No theme yet</th><td>3</td>" in short

    # The export gives each free-text answer's themes.
    export = staff_client.get(f"{_base(page)}/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    column = rows[0].index(f"Themes: {LONG}")
    assert f"Themes: {SHORT}" in rows[0]
    by_reference = {row[0]: row[column] for row in rows[1:]}
    assert by_reference == {
        one.reference: "Street lighting",
        two.reference: "Parks; Street lighting",
        three.reference: "Transport",
    }


def test_unticking_a_theme_removes_it_from_that_answer_only(staff_client, page):
    one, two, _ = _submitted(page)
    lighting = _make_theme(staff_client, page, "Street lighting")
    _tag(staff_client, page, one, "long", [lighting.pk])
    _tag(staff_client, page, two, "long", [lighting.pk])
    query = f"?theme={lighting.pk}"
    untagged = _tag(staff_client, page, one, "long", [], query=query)
    assert f"The answer to “{LONG}” now has no themes." in _messages(untagged)
    assert "This response is no longer tagged “Street lighting”" in untagged.content.decode()
    assert list(AnswerTag.objects.values_list("response", flat=True)) == [two.pk]


def test_bad_input_is_explained_and_changes_nothing(staff_client, page, make_consultation):
    one = _submitted(page)[0]
    other = make_consultation(title="Another consultation")
    elsewhere = _make_theme(staff_client, other, "Elsewhere")
    lighting = _make_theme(staff_client, page, "Street lighting")
    _tag(staff_client, page, one, "long", [lighting.pk])

    refused = _tag(staff_client, page, one, "long", [lighting.pk, elsewhere.pk])
    assert "Choose themes from this consultation's list." in _messages(refused)
    refused = _tag(staff_client, page, one, "long", ["nonsense"])
    assert "Choose themes from this consultation's list." in _messages(refused)
    refused = _tag(staff_client, page, one, "single", [lighting.pk])
    assert "Only answers to free-text questions can be tagged with themes." in _messages(refused)
    refused = _tag(staff_client, page, one, "no-such-question", [lighting.pk])
    assert "Only answers to free-text questions can be tagged with themes." in _messages(refused)
    # A new theme with a bad name is refused with the ticked themes: nothing half-done.
    refused = _tag(staff_client, page, one, "long", [], new_theme="street LIGHTING")
    assert "This consultation already has a theme called “street LIGHTING”." in _messages(refused)
    assert list(AnswerTag.objects.values_list("theme", flat=True)) == [lighting.pk]

    empty = staff_client.post(f"{_base(page)}/themes/", {"name": "   "})
    assert empty.status_code == 400
    assert "Enter a name for the theme." in empty.content.decode()
    assert 'aria-invalid="true"' in empty.content.decode()
    long_name = staff_client.post(f"{_base(page)}/themes/", {"name": "x" * 81})
    assert "80 characters or fewer" in long_name.content.decode()
    assert list(page.themes.values_list("name", flat=True)) == ["Street lighting"]

    bad_filter = staff_client.get(f"{_base(page)}/responses/?theme={elsewhere.pk}")
    assert "That theme is not one of this consultation's themes." in _messages(bad_filter)
    assert "3 responses" in bad_filter.content.decode()  # the filter is dropped, not applied
    assert AnswerTag.objects.count() == 1


def test_an_unanswered_question_has_no_tagging_form_and_cannot_be_tagged(staff_client, page):
    one = _submitted(page)[0]
    one.answers = {"single": "Mentoring"}
    one.save()
    lighting = _make_theme(staff_client, page, "Street lighting")
    html = staff_client.get(f"{_base(page)}/responses/{one.reference}/").content.decode()
    assert "Themes for this answer" not in html
    refused = _tag(staff_client, page, one, "long", [lighting.pk])
    assert "This question was not answered, so there is nothing to tag." in _messages(refused)
    assert not AnswerTag.objects.exists()


def test_deleting_a_theme_asks_first_and_removes_its_tags_not_the_answers(staff_client, page):
    one = _submitted(page)[0]
    lighting = _make_theme(staff_client, page, "Street lighting")
    _tag(staff_client, page, one, "long", [lighting.pk])
    url = f"{_base(page)}/themes/{lighting.pk}/delete/"
    confirm = staff_client.get(url).content.decode()
    assert "It is on 1 answer: those tags go, the answers stay." in confirm
    assert ResponseTheme.objects.exists()
    staff_client.post(url)
    assert not ResponseTheme.objects.exists() and not AnswerTag.objects.exists()
    one.refresh_from_db()
    assert one.answers["long"] == "Better street lights"


def test_tags_stay_when_responses_are_anonymised_and_go_when_a_response_is_deleted(
    settings, staff_client, make_consultation
):
    settings.CONSULTATION_ANONYMISE_AFTER_MONTHS = 3
    closed = make_consultation(
        opens_at=datetime(2025, 1, 1, tzinfo=UTC), closes_at=datetime(2025, 2, 1, tzinfo=UTC)
    )
    kept, deleted = (
        ConsultationResponseFactory(consultation=closed, answers={"long": text})
        for text in ("Lighting", "Buses")
    )
    theme = _make_theme(staff_client, closed, "Street lighting")
    _tag(staff_client, closed, kept, "long", [theme.pk])
    _tag(staff_client, closed, deleted, "long", [theme.pk])

    anonymise_old_responses()
    kept.refresh_from_db()
    assert kept.anonymised_at is not None and kept.respondent_token == ""
    assert AnswerTag.objects.count() == 2  # staff's reading of the answer, kept with it

    deleted.delete()
    assert list(AnswerTag.objects.values_list("response", flat=True)) == [kept.pk]


def test_every_new_view_is_refused_to_anonymous_people_and_non_staff(
    client, make_user, page, make_consultation
):
    one = _submitted(page)[0]
    theme = ResponseTheme.objects.create(consultation=page, name="Street lighting")
    base = _base(page)
    gets = [
        f"{base}/responses/",
        f"{base}/responses/{one.reference}/",
        f"{base}/themes/",
        f"{base}/themes/{theme.pk}/delete/",
        f"{base}/rankings.csv",
    ]
    posts = [
        (f"{base}/responses/{one.reference}/themes/", {"answer_to": "long", "themes": theme.pk}),
        (f"{base}/themes/", {"name": "Parks"}),
        (f"{base}/themes/{theme.pk}/delete/", {}),
    ]
    for who in (None, make_user(roles=["Panel member"]), make_user()):
        if who:
            client.force_login(who)
        for url in gets:
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert one.answers["long"] not in response.content.decode()
            if who is None:
                assert response.status_code == 302 and "/login/" in response["Location"]
        for url, data in posts:
            assert client.post(url, data).status_code in (302, 403), url
    assert list(ResponseTheme.objects.values_list("name", flat=True)) == ["Street lighting"]
    assert not AnswerTag.objects.exists()


def test_the_closed_demo_consultation_has_themes_and_tagged_answers(staff_client, home_page):
    from consultations import demo
    from consultations.models import ConsultationPage

    demo.load()
    demo.load()  # idempotent: no second set of themes or tags
    closed = ConsultationPage.objects.get(slug="knife-crime-awareness-in-schools")
    assert sorted(closed.themes.values_list("name", flat=True)) == demo.SCHOOLS_THEMES
    tags = AnswerTag.objects.filter(response__consultation=closed)
    assert tags.count() >= 10
    assert all(tag.response.answers.get(tag.question_id) for tag in tags)  # a given answer

    results = staff_client.get(f"{_base(closed)}/").content.decode()
    lived = tags.filter(theme__name="Lived experience").count()
    assert re.search(rf"Lived experience</th><td><a[^>]*>{lived}<", results)
    assert "Ordered by Borda score" in results
    tagged = tags.first().response
    html = staff_client.get(f"{_base(closed)}/responses/{tagged.reference}/").content.decode()
    assert re.search(r'value="\d+" checked> ', html)
