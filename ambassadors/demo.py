"""Demo ambassadors: 12 people across the eight areas, six months of outreach, claims, resources.

Also: hours approval (older logs approved, a few queried, the last fortnight awaiting), who has
read the required documents, and two coordinators' messages, some of them read.

Deterministic (a seeded random generator) and idempotent: an ambassador that already exists is
left alone. Accounts use example.org addresses. They get a usable password only when
DEMO_AMBASSADOR_PASSWORD is set in the environment; nothing secret is printed.
"""

import os
import random
from datetime import date, timedelta
from decimal import Decimal
from uuid import NAMESPACE_URL, UUID, uuid5

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from assets_directory.picker import signposting_choices
from cms.core.areas import AREAS
from cms.core.models import OutgoingEmail
from cms.core.roles import COMMUNITY_AMBASSADOR, YOUTH_AMBASSADOR

from .models import (
    AGE_BANDS,
    Ambassador,
    AreaCovered,
    Claim,
    CoordinatorMessage,
    MessageReceipt,
    OutreachLog,
    ReadingDone,
    Topic,
    TrainingRecord,
    message_audience,
)
from .resources import REQUIRED_READING_TAG, required_documents, resources_collection

# (username, display name, kind, area slug, ward, under 18)
PEOPLE = [
    ("amira", "Amira K", "community", "nottingham-city", "St Ann's", False),
    ("dwayne", "Dwayne R", "community", "nottingham-city", "Bulwell", False),
    ("sofia", "Sofia M", "youth", "nottingham-city", "Meadows", True),
    ("gary", "Gary T", "community", "ashfield", "Sutton-in-Ashfield", False),
    ("leah", "Leah P", "youth", "ashfield", "Kirkby-in-Ashfield", False),
    ("martin", "Martin H", "community", "bassetlaw", "Worksop", False),
    ("priya", "Priya S", "community", "broxtowe", "Beeston", False),
    ("tyrone", "Tyrone B", "youth", "gedling", "Arnold", True),
    ("joanne", "Joanne W", "community", "mansfield", "Mansfield Woodhouse", False),
    ("kieran", "Kieran O", "youth", "mansfield", "Oak Tree", False),
    ("hannah", "Hannah D", "community", "newark-and-sherwood", "Ollerton", False),
    ("yusuf", "Yusuf A", "community", "rushcliffe", "Cotgrave", False),
]

TRAINING = [
    ("Safeguarding children and adults at risk", 365),
    ("Trauma-informed practice", 730),
    ("Knife crime awareness", 365),
    ("Data protection and confidentiality", 365),
]

HEARD = [
    "Young people said the park feels unsafe after dark since the lights stopped working.",
    "Parents are worried about older teenagers hanging around the shops after school.",
    "Several people asked where to find free activities in the holidays.",
    "Talk of a fight planned after a football match; passed to the coordinator.",
    "Residents want more youth provision on Friday nights; the club closes at 8.",
    "Some lads said carrying a knife makes them feel safer; we talked through the risks.",
    "The mosque committee would welcome a session on online grooming for parents.",
    "Year 9 pupils said there is nowhere to go between school and tea time.",
    "People at the stall knew little about where to get help with cannabis use.",
    "Shop staff reported groups of younger children being sent on errands by older youths.",
    "Good turnout; families asked for the same event again next month.",
    "Young women said they avoid the underpass and take a longer way home.",
    "",
]

CLAIM_DESCRIPTIONS = ["Bus fares to outreach sessions", "Refreshments for a parents' session", ""]

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
QUERIES = [
    "Three hours for a stall seems long: was setting up included?",
    "Was this the same session as the one logged the day before?",
    "Please check the minutes: the school says the talk was 45 minutes.",
]
# Logs this recent still await a coordinator; older ones are decided.
AWAITING_DAYS = 14
# (subject, body, ambassador type, area, days ago)
MESSAGES = [
    (
        "Safeguarding refresher dates for the new year",
        "The next safeguarding refreshers are on 14 and 28 January at the Council House.\n\n"
        "Please book a place if your training expires in the next three months.",
        "",
        "",
        20,
    ),
    (
        "Youth ambassadors: half-term activities in the city",
        "The youth clubs in the Meadows and St Ann's are open every weekday over half-term.\n\n"
        "Please tell the young people you meet; the listings are in the directory.",
        "youth",
        "nottingham-city",
        6,
    ),
]
RESOURCES = [
    ("Safeguarding: what to do if you are worried", True),
    ("Outreach logs: what to record and what not to", True),
    ("Signposting guide: services for young people", False),
]


@transaction.atomic
def load() -> None:
    rng = random.Random(2026)
    today = timezone.localdate()
    topics = list(Topic.objects.all())
    for index, person in enumerate(PEOPLE):
        if Ambassador.objects.filter(user__username=f"ambassador-{person[0]}").exists():
            continue
        ambassador = _ambassador(person, index, today)
        _outreach(ambassador, person[3], person[4], topics, rng, today)
        _claims(ambassador, rng, today)
        _hours_decisions(ambassador, rng, today)
    _resources()
    _reading(rng)
    _messages(rng)


def _ambassador(person: tuple, index: int, today: date) -> Ambassador:
    username, name, kind, area, ward, under_18 = person
    user = _account(username, name, kind)
    started = today - timedelta(days=200 + 40 * index)
    # Two ambassadors have a DBS check due for renewal soon, so the warnings have something to show.
    dbs_expires = today + timedelta(days=12 if index in (1, 6) else 400 + 20 * index)
    ambassador = Ambassador.objects.create(
        user=user,
        display_name=name,
        kind=kind,
        start_date=started,
        under_18=under_18,
        parental_consent_recorded_on=started - timedelta(days=7) if under_18 else None,
        dbs_checked_on=dbs_expires - timedelta(days=3 * 365),
        dbs_expires_on=dbs_expires,
    )
    AreaCovered.objects.create(ambassador=ambassador, area=area, ward=ward)
    for number, (module, valid_days) in enumerate(TRAINING):
        # The latest renewal, spread out so only the refresher below falls due soon.
        completed = today - timedelta(days=40 + (53 * index + 29 * number) % (valid_days - 80))
        if index == 3 and number == 2:  # one refresher falls due within the month
            completed = today - timedelta(days=valid_days - 20)
        TrainingRecord.objects.create(
            ambassador=ambassador,
            module=module,
            completed_on=completed,
            expires_on=completed + timedelta(days=valid_days),
        )
    return ambassador


def _account(username: str, name: str, kind: str) -> User:
    email = f"ambassador-{username}@example.org"
    user, _ = get_user_model().objects.get_or_create(
        username=f"ambassador-{username}",
        defaults={"email": email, "first_name": name.split()[0]},
    )
    password = os.environ.get("DEMO_AMBASSADOR_PASSWORD")
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    role = YOUTH_AMBASSADOR if kind == "youth" else COMMUNITY_AMBASSADOR
    user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _outreach(
    ambassador: Ambassador,
    home_area: str,
    ward: str,
    topics: list[Topic],
    rng: random.Random,
    today: date,
) -> None:
    """About two activities a week for six months, mostly in the home area."""
    settings = [choice for choice, _ in OutreachLog.Setting.choices]
    if ambassador.kind == Ambassador.Kind.YOUTH:
        settings = ["school", "youth-club", "online", "event", "street"]
    other_areas = [area.slug for area in AREAS if area.slug != home_area]
    logs = []
    day = today - timedelta(days=182)
    while day <= today:
        day += timedelta(days=rng.randint(2, 5))
        if day > today:
            break
        youth = ambassador.kind == Ambassador.Kind.YOUTH
        bands = _reach(rng, youth)
        logs.append(
            OutreachLog(
                ambassador=ambassador,
                date=day,
                duration_minutes=rng.choice([30, 45, 60, 90, 120, 180]),
                area=home_area if rng.random() < 0.8 else rng.choice(other_areas),
                ward=ward,
                setting=rng.choice(settings),
                activity_type=rng.choice(OutreachLog.ActivityType.values),
                what_we_heard=rng.choice(HEARD),
                safeguarding_concern=rng.random() < 0.02,
                **bands,
            )
        )
    for log in logs:
        log.client_reference = _sent_from_the_phone(log)
    created = OutreachLog.objects.bulk_create(logs)
    through = OutreachLog.topics.through
    through.objects.bulk_create(
        through(outreachlog_id=log.pk, topic_id=topic.pk)
        for log in created
        for topic in rng.sample(topics, k=min(len(topics), rng.randint(1, 3)))
    )
    _signposting(created, rng)
    _alerts_already_sent([log for log in created if log.safeguarding_concern])


def _sent_from_the_phone(log: OutreachLog) -> UUID | None:
    """Street outreach has the poorest signal: the street logs of every third week were kept on
    the ambassador's phone and sent later, so they carry the phone's reference. Derived from
    the log, not the seeded generator, so the rest of the demo stays as it was."""
    if log.setting != OutreachLog.Setting.STREET or log.date.isocalendar().week % 3:
        return None
    return uuid5(NAMESPACE_URL, f"demo-outreach/{log.ambassador.display_name}/{log.date}")


def _alerts_already_sent(flagged: list[OutreachLog]) -> None:
    """The demo's flagged logs are old news: their alerts are recorded as sent long ago."""
    for log in flagged:
        sent = timezone.now()
        log.safeguarding_alert = OutgoingEmail.objects.create(next_attempt_at=sent, sent_at=sent)
        log.save(update_fields=["safeguarding_alert"])


def _signposting(logs: list[OutreachLog], rng: random.Random) -> None:
    """Most activities point someone to one or two listings in that area's directory."""
    listings = {
        area.slug: list(signposting_choices([area.slug]).values_list("pk", flat=True))
        for area in AREAS
    }
    through = OutreachLog.services_signposted.through
    through.objects.bulk_create(
        through(outreachlog_id=log.pk, service_id=service_id)
        for log in logs
        if listings[log.area] and rng.random() < 0.7
        for service_id in rng.sample(listings[log.area], k=min(2, len(listings[log.area])))
    )


def _reach(rng: random.Random, youth: bool) -> dict[str, int]:
    weights = [0.1, 0.5, 0.3, 0.1, 0.05] if youth else [0.05, 0.2, 0.2, 0.25, 0.6]
    total = rng.randint(3, 40)
    return {
        field: round(total * weight * rng.uniform(0.5, 1.5))
        for (field, _), weight in zip(AGE_BANDS, weights, strict=True)
    }


def _claims(ambassador: Ambassador, rng: random.Random, today: date) -> None:
    """Five decided months and, for some, this month's claim awaiting approval."""
    for months_ago in range(5, -1, -1):
        index = today.year * 12 + today.month - 1 - months_ago
        month = date(index // 12, index % 12 + 1, 1)
        if months_ago == 0 and rng.random() < 0.5:
            continue
        description = rng.choice(CLAIM_DESCRIPTIONS)
        Claim.objects.create(
            ambassador=ambassador,
            month=month,
            hours=Decimal(rng.randint(16, 60)) / 2,
            expenses=Decimal(rng.randint(4, 30)) if description else Decimal("0"),
            expenses_description=description,
            status=Claim.Status.SUBMITTED if months_ago == 0 else Claim.Status.APPROVED,
            decided_at=None if months_ago == 0 else timezone.now(),
        )


def _resources() -> None:
    Document = get_document_model()
    collection = resources_collection()
    for title, required in RESOURCES:
        if Document.objects.filter(collection=collection, title=title).exists():
            continue
        document = Document(title=title, collection=collection)
        document.file.save(f"{title[:20].lower().replace(' ', '-')}.pdf", ContentFile(MINIMAL_PDF))
        if required:
            document.tags.add(REQUIRED_READING_TAG)


def _hours_decisions(ambassador: Ambassador, rng: random.Random, today: date) -> None:
    """Older logs' hours approved, one in twenty-five of them queried; recent ones awaiting."""
    decided = []
    for log in ambassador.outreach_logs.filter(date__lt=today - timedelta(days=AWAITING_DAYS)):
        queried = rng.random() < 0.04
        log.status = OutreachLog.Status.QUERIED if queried else OutreachLog.Status.APPROVED
        log.decision_reason = rng.choice(QUERIES) if queried else ""
        log.decided_at = timezone.now() - timedelta(days=(today - log.date).days - 3)
        decided.append(log)
    OutreachLog.objects.bulk_update(decided, ["status", "decision_reason", "decided_at"])


def _reading(rng: random.Random) -> None:
    """Most ambassadors have read most required documents, so the report shows both."""
    if ReadingDone.objects.exists():
        return
    documents = list(required_documents())
    for ambassador in Ambassador.objects.filter(status=Ambassador.Status.ACTIVE):
        for document in documents:
            if rng.random() < 0.7:
                ReadingDone.objects.create(ambassador=ambassador, document=document)


def _messages(rng: random.Random) -> None:
    """Two messages already sent (the demo e-mails nobody), each read by some recipients."""
    for subject, body, kind, area, days_ago in MESSAGES:
        if CoordinatorMessage.objects.filter(subject=subject).exists():
            continue
        message = CoordinatorMessage.objects.create(
            subject=subject,
            body=body,
            kind=kind,
            area=area,
            sent_at=timezone.now() - timedelta(days=days_ago),
        )
        MessageReceipt.objects.bulk_create(
            MessageReceipt(
                message=message,
                ambassador=ambassador,
                read_at=message.sent_at + timedelta(hours=5) if rng.random() < 0.5 else None,
            )
            for ambassador in message_audience(kind, area)
        )
