"""Demo gaps, paraphrasing the kind of findings in the Strategic Needs Assessment and what
ambassadors report. Idempotent: gaps are matched by title."""

from typing import Any

from assets_directory.models import Area, Taxonomy

from .models import Gap, StrategyAction

DEMO_GAPS: list[dict[str, Any]] = [
    {
        "title": "Little bereavement support for young people outside the city",
        "areas": ["Bassetlaw", "Newark and Sherwood", "Mansfield"],
        "category": "mental-health-trauma-loss-and-bereavement",
        "age_group": "11_17",
        "evidence": "Young people bereaved by violence wait longest in the north of the county; "
        "the needs assessment calls for better access to trauma and bereavement support.",
        "source": Gap.Source.SNA,
        "status": Gap.Status.BEING_ADDRESSED,
        "action": "T3-6",
    },
    {
        "title": "No evening youth provision in Hucknall",
        "areas": ["Ashfield"],
        "category": "youth-clubs-and-diversionary-activity",
        "age_group": "11_17",
        "evidence": "Ambassadors heard from parents and young people that nothing is open after "
        "school on weekdays.",
        "source": Gap.Source.AMBASSADOR,
        "status": Gap.Status.IDENTIFIED,
        "action": "T2-12",
    },
    {
        "title": "Mentoring for young adults leaving custody",
        "areas": ["Nottingham City"],
        "category": "mentoring",
        "age_group": "18_24",
        "evidence": "Stakeholders described a gap between custody and community mentoring.",
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
