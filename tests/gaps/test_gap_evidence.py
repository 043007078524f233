"""Each recorded gap on the public Gaps page shows the evidence behind it: coverage figures,
the consultations linked to it, and ambassadors' outreach as suppressed counts only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assets_directory.gaps import coverage
from consultations.models import Audience
from tests.ambassadors.factories import AmbassadorFactory, OutreachLogFactory, TopicFactory
from tests.consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.directory.factories import publish_service
from tests.gaps.factories import GapFactory

pytestmark = pytest.mark.django_db


def _log(topics, **kwargs):
    log = OutreachLogFactory(**kwargs)
    log.topics.set(topics)
    return log


@pytest.fixture
def youth():
    return TopicFactory(name="Youth activities")


@pytest.fixture
def gap(youth):
    gap = GapFactory(
        title="No evening youth provision in Hucknall", areas=["ashfield"], age_group="11_17"
    )
    gap.outreach_topics.set([youth])
    return gap


def _entry(html: str, gap) -> str:
    start = html.index(f'id="{gap.anchor}"')
    end = html.find('<div class="govuk-summary-card"', start)
    return html[start : end if end != -1 else None]


def test_outreach_counts_for_the_gaps_areas_and_topics(client, gap, youth):
    other_topic = TopicFactory(name="Knife crime")
    ambassador = AmbassadorFactory(display_name="Gary T")
    for _ in range(6):  # counted: Ashfield, on the gap's topic, this year; 6 people each
        _log([youth], ambassador=ambassador, area="ashfield", what_we_heard="Nothing on Fridays.")
    _log([youth, other_topic], ambassador=ambassador, area="ashfield")  # once, not twice
    _log([other_topic], ambassador=ambassador, area="ashfield")  # another topic
    _log([youth], ambassador=ambassador, area="mansfield")  # another area
    old = timezone.localdate() - timedelta(days=400)
    _log([youth], ambassador=ambassador, area="ashfield", date=old)  # over a year ago

    html = _entry(client.get("/services/gaps/").content.decode(), gap)
    assert "Activities: 7" in html and "People reached: 42" in html
    assert "youth activities" in html
    # Counts only: nothing about who did the outreach or what they heard.
    assert "Gary T" not in html and "Nothing on Fridays" not in html and "Bulwell" not in html


def test_small_outreach_counts_are_shown_as_fewer_than_5(client, gap, youth):
    _log([youth], area="ashfield", reached_11_to_15=2, reached_18_to_24=1)
    _log([youth], area="ashfield", reached_11_to_15=0, reached_18_to_24=0)
    html = _entry(client.get("/services/gaps/").content.decode(), gap)
    assert "Activities: fewer than 5" in html and "People reached: fewer than 5" in html
    assert "Activities: 2" not in html and "People reached: 3" not in html


def test_no_outreach_counts_zero_and_a_gap_without_topics_says_none_linked(client, gap):
    plain = GapFactory(title="Mentoring gap in Worksop", areas=["bassetlaw"])
    html = client.get("/services/gaps/").content.decode()
    assert "Activities: 0" in _entry(html, gap)
    assert "Ambassador outreach" in _entry(html, plain)
    assert "Activities:" not in _entry(html, plain)


def test_logging_outreach_drops_the_cached_gaps_page(client, gap, youth):
    for _ in range(5):
        _log([youth], area="ashfield")
    coverage.refresh()  # stored coverage, as on a running site
    assert client.get("/services/gaps/")["X-Cache"] == "miss"
    assert client.get("/services/gaps/")["X-Cache"] == "hit"
    _log([youth], area="ashfield")
    response = client.get("/services/gaps/")
    assert response["X-Cache"] == "miss"
    assert "Activities: 6" in _entry(response.content.decode(), gap)


def test_coverage_figures_for_the_gaps_category_in_its_areas(client, youth):
    from assets_directory.models import Taxonomy

    publish_service(
        name="Hucknall Saturday club",
        categories=["youth-clubs"],
        areas=["ashfield"],
        minimum_age=11,
        maximum_age=17,
    )
    gap = GapFactory(
        title="Few youth clubs",
        areas=["ashfield", "gedling"],
        age_group="11_17",
        category=Taxonomy.objects.get(slug="youth-clubs"),
    )
    html = _entry(client.get("/services/gaps/").content.decode(), gap)
    assert "Published services" in html
    assert "Ashfield: 1 service " in html and "Gedling: 0 services" in html


def test_linked_consultations_with_their_outcomes_and_panel_ones_hidden(
    client, gap, home_page, make_user
):
    index = ConsultationIndexPageFactory(parent=home_page)
    now = timezone.now()
    closed = ConsultationPageFactory(
        parent=index,
        title="Youth provision in Ashfield",
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=30),
        we_asked="<p>Asked.</p>",
        you_said="<p>Said.</p>",
        we_did="<p>Did.</p>",
        outcome_published=True,
    )
    panel = ConsultationPageFactory(
        parent=index, title="Panel talk about Hucknall", audience=Audience.PANEL
    )
    gap.consultations.set([closed, panel])
    html = _entry(client.get("/services/gaps/").content.decode(), gap)
    assert f'href="{closed.url}"' in html and "read what we did" in html
    assert "Panel talk about Hucknall" not in html

    client.force_login(make_user(roles=["Panel member"]))
    html = _entry(client.get("/services/gaps/").content.decode(), gap)
    assert "Panel talk about Hucknall" in html
