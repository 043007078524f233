"""Demo gaps, paraphrasing the kind of findings in the Strategic Needs Assessment and what
ambassadors report, and the Response Strategy tracker's content for the seeded actions (their
leads and progress, from the strategy's own facts in our words). Idempotent: gaps are matched
by title, and an action that already has a lead or updates is left alone.

Each gap says what it claims of the demo directory, so a test can hold the two together:
an open gap ("identified" or "being addressed") claims no demo listing of its category (or a
sub-category) serves its age group in its areas (narrowed to `towns` and to weekday
evenings when given); a closed gap claims at least one listing now does.
"""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ambassadors.models import Topic
from assets_directory.models import Area, Taxonomy
from consultations import demo as consultations_demo
from consultations.models import ConsultationPage

from .models import ActionConsultation, Gap, ProgressUpdate, StrategyAction

Status = StrategyAction.Status

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
        "topics": ["Mental health and wellbeing"],
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
        "topics": ["Youth activities", "Feeling safe in the area"],
        "consultations": ["youth-provision-in-your-area"],
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
        "topics": ["Education, training and jobs"],
    },
]


# What the tracker shows for each seeded action: (status, lead, summary, updates as (days
# ago, text, published), slugs of the demo consultations that informed it). Facts from the
# Response Strategy (/work/shared/seed, docs/seed-facts.md section 6), in our own words.
DEMO_ACTIONS: dict[str, tuple[str, str, str, list[tuple[int, str, bool]], list[str]]] = {
    "T1-1": (
        Status.CONTINUING,
        "VRU team, with the two police custody suites",
        "A trained mentor in each custody suite meets people at the police station, then "
        "keeps coaching them back in the community and into education, training or work.",
        [
            (200, "Both custody suites have a mentor in post again for the year.", True),
            (
                40,
                "Mentors now meet young adults before they leave custody, closing the gap "
                "stakeholders described between custody and community mentoring.",
                True,
            ),
        ],
        [],
    ),
    "T1-2": (
        Status.IN_DELIVERY,
        "Commissioned youth outreach provider, with Nottingham City Council",
        "Detached youth workers in the city's hotspots, including the city centre and "
        "Radford, steering young people away from violence and helping with whatever else "
        "they need. The strategy also asks whether the model could work elsewhere.",
        [
            (
                90,
                "Outreach teams are out on weekday evenings in the city centre and Radford.",
                True,
            ),
            (
                20,
                "Looking at which county towns could have the same model, starting with what "
                "people said in the youth provision consultation.",
                True,
            ),
            (3, "Draft: shortlist of county towns, not yet agreed with partners.", False),
        ],
        ["youth-provision-in-your-area"],
    ),
    "T1-3": (
        Status.CONTINUING,
        "Probation Service, in Integrated Offender Management",
        "Probation officers manage a cohort of people at risk of knife crime who are not on "
        "statutory supervision, opening up support and a way out of violence.",
        [(120, "The knife crime cohort is being managed for another year.", True)],
        [],
    ),
    "T1-4": (
        Status.CONTINUING,
        "Beyond Recovery, at HMP Nottingham",
        "A programme in prison that works on compassion and empathy to cut violent and "
        "aggressive acts, inside and after release. Extending it to HMP Ranby is being "
        "looked at.",
        [(150, "Groups continue at HMP Nottingham; talks with HMP Ranby have started.", True)],
        [],
    ),
    "T1-5": (
        Status.IN_DELIVERY,
        "City and county parenting services",
        "More support for parents, including those whose children have ADHD, autism or a "
        "conduct disorder, who are over-represented among both victims and perpetrators.",
        [(60, "Extra parenting group places are open in the city and the county.", True)],
        [],
    ),
    "T1-6": (
        Status.IN_DELIVERY,
        "VRU team, with schools and youth services",
        "Building children's and young people's resilience, and making sure who gets "
        "support depends on need rather than on where they live.",
        [
            (
                30,
                "Following the knife-crime consultation, workshops for year 6 pupils led by "
                "youth workers and people with lived experience have begun in Radford, "
                "St Ann's and Mansfield.",
                True,
            )
        ],
        ["knife-crime-awareness-in-schools"],
    ),
    "T2-1": (
        Status.IN_DELIVERY,
        "VRU team, with partners' analysts",
        "A steering group to improve how partners record and share data, and to produce "
        "joint analysis that draws police, health and education data together.",
        [(100, "The steering group has met and agreed its first joint products.", True)],
        [],
    ),
    "T2-2": (
        Status.IN_DELIVERY,
        "VRU data team",
        "A quarterly report for partners that brings together injury surveillance, "
        "ambulance and police data, to show where violence happens and target what we do.",
        [(45, "The first quarterly report has gone to partners.", True)],
        ["night-time-economy"],
    ),
    "T2-3": (
        Status.PLANNED,
        "VRU team, with safeguarding partners",
        "Joining a contextual safeguarding network, so local partners can learn from areas "
        "that already work this way.",
        [],
        [],
    ),
    "T2-6": (
        Status.COMPLETE,
        "VRU team, with Leicestershire Violence Reduction Network",
        "A workshop to roll out the bystander approach of Mentors in Violence Prevention "
        "to frontline workers such as prison officers and domestic violence practitioners.",
        [(180, "The workshop was held and frontline staff from both areas took part.", True)],
        [],
    ),
    "T2-8": (
        Status.IN_DELIVERY,
        "VRU team, with a research partner",
        "A research partner evaluates the projects the VRU commissions, adding to the "
        "national evidence on what reduces violence.",
        [(75, "The research partner is in place and evaluation plans are agreed.", True)],
        [],
    ),
    "T2-12": (
        Status.IN_DELIVERY,
        "VRU community engagement team",
        "A network of Community and Youth Ambassadors connecting people, groups and "
        "services across the city and county, and bringing back what they hear.",
        [
            (160, "Ambassadors are now working in all eight areas.", True),
            (
                25,
                "Ambassadors' reports of nothing open on weekday evenings in Hucknall are "
                "recorded as a gap and shared with Ashfield's youth services.",
                True,
            ),
        ],
        ["youth-provision-in-your-area"],
    ),
    "T2-13": (
        Status.PLANNED,
        "VRU team",
        "A hub that helps local groups show what their work achieves, with one evaluation "
        "framework for the projects the VRU and partners commission.",
        [],
        [],
    ),
    "T2-14": (
        Status.IN_DELIVERY,
        "VRU team",
        "One picture of the services and community assets across the city and county, and "
        "of the gaps between them: the directory and Gaps page of this site.",
        [
            (
                50,
                "The directory and the Gaps page are live, and groups update their own listings.",
                True,
            )
        ],
        [],
    ),
    "T3-1": (
        Status.IN_DELIVERY,
        "VRU team, with Ask Lion and Notts Help Yourself",
        "Finding out why people struggle to find services in the existing directories, and "
        "why some groups never list themselves there.",
        [(70, "Listings can now be shared as Open Referral UK data with other directories.", True)],
        [],
    ),
    "T3-3": (
        Status.CONSIDERING,
        "VRU team, with Leicestershire Violence Reduction Network",
        "Looking at the evidence on mentoring young people affected by violence, towards one "
        "standard way of training mentors.",
        [],
        [],
    ),
    "T3-6": (
        Status.IN_DELIVERY,
        "VRU team, with mental health commissioners",
        "Working with commissioners so that people bereaved or traumatised by violence can "
        "get the right support, as part of local mental health services.",
        [
            (
                35,
                "Commissioners are looking at bereavement support for under-18s in the north "
                "of the county, where groups are for adults only.",
                True,
            )
        ],
        [],
    ),
    "T3-24": (
        Status.CONSIDERING,
        "VRU team",
        "Placing medical trauma packs in communities, so that people can act quickly and fewer "
        "knife injuries end in death.",
        [],
        [],
    ),
}


def load() -> None:
    _load_gaps()
    consultations_demo.load()  # the consultations to link (it leaves what exists alone)
    _link_gap_evidence()
    _load_tracker()


def _load_gaps() -> None:
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


def _link_gap_evidence() -> None:
    for item in DEMO_GAPS:
        gap = Gap.objects.filter(title=item["title"]).first()
        if gap is None or gap.consultations.exists() or gap.outreach_topics.exists():
            continue
        gap.outreach_topics.set(Topic.objects.filter(name__in=item.get("topics", [])))
        gap.consultations.set(
            ConsultationPage.objects.filter(slug__in=item.get("consultations", []))
        )


@transaction.atomic
def _load_tracker() -> None:
    today = timezone.localdate()
    for reference, (status, owner, summary, updates, slugs) in DEMO_ACTIONS.items():
        action = StrategyAction.objects.filter(reference=reference).first()
        if action is None or action.owner or action.updates.exists():
            continue
        action.status, action.owner, action.summary = status, owner, summary
        action.save()
        for days_ago, text, published in updates:
            ProgressUpdate.objects.create(
                action=action, date=today - timedelta(days=days_ago), text=text, published=published
            )
        for order, page in enumerate(ConsultationPage.objects.filter(slug__in=slugs)):
            ActionConsultation.objects.create(action=action, consultation=page, sort_order=order)
