"""Demo gaps, paraphrasing the kind of findings in the Strategic Needs Assessment and what
ambassadors report. Idempotent: gaps are matched by title.

Each gap says what it claims of the demo directory, so a test can hold the two together:
an open gap ("identified" or "being addressed") claims no demo listing of its category (or a
sub-category) serves its age group in its areas (narrowed to `towns` and to weekday
evenings when given); a closed gap claims at least one listing now does.
"""

from typing import Any

from assets_directory.models import Area, Taxonomy

from .models import Gap, StrategyAction

DEMO_GAPS: list[dict[str, Any]] = [
    {
        "title": "No bereavement support for under-18s in the north of the county",
        "areas": ["Bassetlaw", "Newark and Sherwood", "Mansfield"],
        "category": "bereavement-support",
        "age_group": "11_17",
        "evidence": "Bereavement groups in Worksop, Mansfield, Newark and Edwinstowe are for "
        "adults only; young people bereaved by violence are sent to Nottingham or wait for "
        "school counselling. The needs assessment calls for better access to trauma and "
        "bereavement support.",
        "source": Gap.Source.SNA,
        "status": Gap.Status.BEING_ADDRESSED,
        "action": "T3-6",
    },
    {
        "title": "No evening youth provision in Hucknall",
        "areas": ["Ashfield"],
        "towns": ["Hucknall"],
        "weekday_evenings": True,
        "category": "youth-clubs-and-diversionary-activity",
        "age_group": "11_17",
        "evidence": "Ambassadors heard from parents and young people that nothing is open "
        "after school on weekdays: the youth club and football run on Saturdays and "
        "Sundays only, and the nearest weekday club is in Bulwell.",
        "source": Gap.Source.AMBASSADOR,
        "status": Gap.Status.IDENTIFIED,
        "action": "T2-12",
    },
    {
        "title": "Mentoring for young adults leaving custody",
        "areas": ["Nottingham City"],
        "category": "mentoring",
        "age_group": "18_24",
        "evidence": "Stakeholders described a gap between custody and community mentoring; "
        "a through-the-gate mentoring service now meets young adults before release.",
        "source": Gap.Source.STAKEHOLDER,
        "status": Gap.Status.CLOSED,
        "action": "T1-1",
    },
]


def load() -> None:
    for item in DEMO_GAPS:
        if Gap.objects.filter(title=item["title"]).exists():
            continue
        gap = Gap.objects.create(
            title=item["title"],
            category=Taxonomy.objects.filter(slug=item["category"]).first(),
            age_group=item["age_group"],
            evidence=item["evidence"],
            source=item["source"],
            status=item["status"],
            action=StrategyAction.objects.filter(reference=item["action"]).first(),
        )
        gap.areas.set(Area.objects.filter(name__in=item["areas"]))
