"""Demo listings: about 330 realistic services across Nottingham City and the seven districts.

Made from templates of the kinds of help the VRU's Strategic Needs Assessment asks for, placed
in real towns. Contact details are fictional: example.org addresses and Ofcom's drama
numbers (0115 496 0xxx, 01632 960xxx). Idempotent: listings are found by slug.
"""

from __future__ import annotations

import json
import random
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.utils.text import slugify
from wagtail.signal_handlers import disable_reference_index_auto_update

from .geocoding import Point
from .indexing import reindex_all
from .models import (
    Area,
    Contact,
    Language,
    Location,
    Organisation,
    Place,
    Postcode,
    RegularSchedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
)

WEEKDAYS_ONLY = (1, 2, 3, 4, 5)
STREETS = [
    "High Street",
    "Station Road",
    "Church Street",
    "Market Place",
    "Victoria Road",
    "Mill Lane",
    "Queen Street",
    "Park Road",
    "Chapel Lane",
    "King Street",
]
VENUES = [
    "Community Centre",
    "Youth and Community Hub",
    "Methodist Church Hall",
    "Library",
    "Leisure Centre",
    "Family Hub",
]

# name, categories, description, (min age, max age), cost or "", days, opens, closes
Template = tuple[
    str,
    list[str],
    str,
    tuple[int | None, int | None],
    str,
    tuple[int, ...],
    time | None,
    time | None,
]
TEMPLATES: list[Template] = [
    (
        "{town} Youth Club",
        ["youth-clubs"],
        "Open-access youth club with pool, table tennis, "
        "cooking and trips. Youth workers are on hand to talk things through.",
        (11, 18),
        "",
        (1, 3, 5),
        time(18),
        time(21),
    ),
    (
        "{town} Mentoring Project",
        ["mentoring"],
        "One-to-one mentoring with a trained volunteer "
        "for young people finding school or home life hard, or who are at risk of exclusion.",
        (10, 25),
        "",
        (2, 4),
        time(16),
        time(19),
    ),
    (
        "{town} Boxing Academy",
        ["sport-and-fitness", "knife-crime-awareness"],
        "Boxing and "
        "fitness sessions that build discipline and confidence, with talks on staying safe and "
        "making good choices.",
        (8, 25),
        "£2 a session; free for anyone who cannot pay.",
        (2, 4),
        time(17),
        time(20),
    ),
    (
        "{town} Food Bank",
        ["food-banks"],
        "Emergency food parcels and toiletries, with a friendly "
        "chat and signposting to advice. Bring a referral if you have one, or just come along.",
        (None, None),
        "",
        (1, 3, 5),
        time(10),
        time(13),
    ),
    (
        "{town} Family Hub",
        ["early-help", "parenting-courses"],
        "Help for families with children "
        "of any age: parenting courses, stay-and-play, and early help workers who can visit you "
        "at home.",
        (None, None),
        "",
        WEEKDAYS_ONLY,
        time(9),
        time(17),
    ),
    (
        "{town} Young People's Counselling",
        ["counselling"],
        "Free, confidential counselling "
        "for young people dealing with anxiety, low mood, trauma or anger. Self-referrals welcome.",
        (11, 25),
        "",
        (1, 2, 3, 4),
        time(10),
        time(18),
    ),
    (
        "{town} Bereavement Support Group",
        ["bereavement-support"],
        "A weekly group for anyone "
        "who has lost someone, including through violence. Share, listen or simply have a cup of "
        "tea with people who understand.",
        (16, None),
        "",
        (3,),
        time(18, 30),
        time(20, 30),
    ),
    (
        "{town} Drug and Alcohol Drop-in",
        ["drug-and-alcohol-support"],
        "Confidential advice on "
        "drugs and alcohol, harm reduction, and support to cut down or stop. No appointment "
        "needed.",
        (13, None),
        "",
        (2,),
        time(10),
        time(16),
    ),
    (
        "{town} Domestic Abuse Outreach",
        ["domestic-abuse"],
        "Support for anyone affected by "
        "domestic abuse: safety planning, help with housing and the courts, and groups for "
        "survivors. If you are in danger now, call 999.",
        (16, None),
        "",
        WEEKDAYS_ONLY,
        time(9),
        time(17),
    ),
    (
        "Knife Crime Awareness Workshops ({town})",
        ["knife-crime-awareness"],
        "Workshops for "
        "schools and youth groups on the real consequences of carrying a knife, led by people "
        "with lived experience.",
        (10, 19),
        "",
        (),
        None,
        None,
    ),
    (
        "{town} Debt and Benefits Advice",
        ["benefits-and-debt-advice"],
        "Free, independent "
        "advice on benefits, debts, bills and budgeting. We can help fill in forms and speak to "
        "creditors for you.",
        (18, None),
        "",
        (2, 4),
        time(9, 30),
        time(16, 30),
    ),
    (
        "{town} SEND Parent Support Group",
        ["send-support"],
        "Friendly group for parents and "
        "carers of children with special educational needs and disabilities: advice on EHC plans, "
        "school and benefits.",
        (None, None),
        "",
        (4,),
        time(10),
        time(12),
    ),
    (
        "{town} Youth Housing Advice",
        ["housing-and-homelessness"],
        "Advice for young people "
        "who are homeless or at risk of losing their home, including emergency accommodation and "
        "help to stay with family safely.",
        (16, 25),
        "",
        WEEKDAYS_ONLY,
        time(9),
        time(17),
    ),
    (
        "{town} Music and Media Studio",
        ["arts-music-and-media"],
        "Recording studio, DJ and "
        "film-making sessions where young people write, record and share their own work.",
        (13, 19),
        "£1 a session.",
        (6,),
        time(11),
        time(16),
    ),
    (
        "{town} Skills and Jobs Club",
        ["skills-and-training", "apprenticeships-and-jobs"],
        "Help "
        "with CVs, applications, interviews and finding apprenticeships, with free courses in "
        "English, maths and digital skills.",
        (16, 30),
        "",
        (3,),
        time(10),
        time(15),
    ),
    (
        "{town} Victim Support Drop-in",
        ["victims-support"],
        "Practical and emotional support for "
        "victims and witnesses of crime, whether or not it was reported to the police.",
        (None, None),
        "",
        (5,),
        time(10),
        time(14),
    ),
    (
        "{town} Exploitation and County Lines Outreach",
        ["gangs-county-lines-and-exploitation"],
        "Youth workers who support young people being groomed or exploited, and their families. "
        "We work with schools, police and social care.",
        (10, 25),
        "",
        WEEKDAYS_ONLY,
        time(12),
        time(20),
    ),
    (
        "{town} Resettlement Support",
        ["rehabilitation-and-resettlement"],
        "Support after prison: housing, benefits, ID, training and a mentor who has been there.",
        (18, None),
        "",
        (1, 3),
        time(9, 30),
        time(15, 30),
    ),
    (
        "{town} Alternative Education Centre",
        ["alternative-education"],
        "Small-group learning "
        "for young people out of mainstream school, with GCSEs, vocational courses and pastoral "
        "support.",
        (11, 16),
        "",
        WEEKDAYS_ONLY,
        time(9),
        time(15),
    ),
    (
        "{town} Sexual Violence Support",
        ["sexual-violence"],
        "Confidential support for anyone "
        "who has experienced rape or sexual abuse, at any time in their life. Counselling and "
        "advocacy.",
        (13, None),
        "",
        (1, 2, 3, 4, 5),
        time(9),
        time(19),
    ),
]
ORGANISATION_KINDS = ["Community Trust", "Youth Partnership", "Family Network", "Together CIC"]
SERVICES_PER_PLACE = 10
# The demo's towns: data/areas.json's places (the gazetteer's villages get no listings).
DEMO_TOWNS = [
    place["name"]
    for place in json.loads((Path(__file__).parent / "data" / "areas.json").read_text())["places"]
]
REGIONAL_LANGUAGES = ["pl", "ur", "pa", "ar", "ro", "ku", "so", "bn", "bfi"]


@transaction.atomic
def load() -> int:
    """Create the demo listings (once) and index them. Returns how many listings exist."""
    with disable_reference_index_auto_update():  # listings reference nothing worth indexing
        _create_listings()
    reindex_all()
    return Service.objects.count()


def _create_listings() -> None:
    if not Postcode.objects.filter(postcode__startswith="DE").exists():
        call_command("load_postcodes", "--area", "vru", verbosity=0)
    call_command("load_places", verbosity=0)
    categories = {t.slug: t for t in Taxonomy.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    for place in Place.objects.filter(name__in=DEMO_TOWNS).select_related("area").order_by("name"):
        area = place.area
        assert area is not None  # every place in data/areas.json lies in an area
        rng = random.Random(place.name)  # per place, so a re-run makes the same choices
        postcode = _nearest_postcode(Point(place.latitude, place.longitude))
        for n, template in enumerate(rng.sample(TEMPLATES, SERVICES_PER_PLACE)):
            extra = rng.sample(REGIONAL_LANGUAGES, rng.choice([0, 0, 1, 2]))
            facts = {
                "organisation_kind": rng.choice(ORGANISATION_KINDS),
                "street": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                "venue": f"{place.name} {rng.choice(VENUES)}",
                "phone": f"0115 496 0{n:01d}{rng.randint(0, 99):02d}"
                if area.name == "Nottingham City"
                else f"01632 960{rng.randint(0, 999):03d}",
                "categories": [categories[c] for c in template[1]],
                "languages": [languages["en"], *(languages[c] for c in extra)],
                "wheelchair": rng.random() < 0.6,
                "reviewed": date.today() - timedelta(days=rng.randint(5, 340)),
            }
            if not Service.objects.filter(slug=slugify(template[0].format(town=place.name))):
                _create(template, place=place, area=area, postcode=postcode, **facts)


def _nearest_postcode(point: Point) -> Postcode:
    near = Postcode.objects.filter(
        latitude__range=(point.latitude - 0.02, point.latitude + 0.02),
        longitude__range=(point.longitude - 0.03, point.longitude + 0.03),
    )
    return min(
        near,
        key=lambda p: (p.latitude - point.latitude) ** 2 + (p.longitude - point.longitude) ** 2,
    )


def _organisation(place: Place, kind: str) -> Organisation:
    name = f"{place.name} {kind}"
    organisation, _ = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "description": f"A local charity working with people in and around {place.name}.",
            "email": f"{slugify(name)}@example.org",
            "url": f"https://{slugify(name)}.example.org",
            "verified": True,
        },
    )
    return organisation


def _create(
    template: Template, *, place: Place, area: Area, postcode: Postcode, **facts: Any
) -> Service:
    organisation = _organisation(place, facts["organisation_kind"])
    name, _cats, description, (youngest, oldest), cost, days, opens, closes = template
    name = name.format(town=place.name)
    location = Location.objects.create(
        organisation=organisation,
        name=facts["venue"],
        address_1=facts["street"],
        city=place.name,
        postal_code=postcode.postcode,
        latitude=postcode.latitude,
        longitude=postcode.longitude,
        wheelchair_accessible=facts["wheelchair"],
        accessibility="Step-free entrance and accessible toilet." if facts["wheelchair"] else "",
    )
    service = Service(
        organisation=organisation,
        name=name,
        slug=slugify(name),
        description=description,
        email=f"{slugify(name)}@example.org",
        minimum_age=youngest,
        maximum_age=oldest,
        eligibility_description=f"People who live or study in {area.name}.",
        is_free=not cost,
        fees_description=cost,
        last_reviewed=facts["reviewed"],
        live=True,
    )
    service.categories = facts["categories"]
    service.areas = [area]
    service.languages = facts["languages"]
    service.service_at_locations = [ServiceAtLocation(location=location)]
    service.contacts = [Contact(name="Duty worker", phone=facts["phone"])]
    service.regular_schedules = (
        [RegularSchedule(weekday=day, opens_at=opens, closes_at=closes) for day in days]
        if opens and closes
        else []  # by arrangement: no regular opening times
    )
    service.save()  # published as-is; the first edit in the admin starts its history
    return service
