"""Factories for ambassadors and their records."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from ambassadors.models import Ambassador, Claim, OutreachLog, Topic, TrainingRecord
from cms.core.roles import COMMUNITY_AMBASSADOR, YOUTH_AMBASSADOR
from tests.factories import UserFactory


class AmbassadorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambassador
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Ambassador {n}")
    kind = Ambassador.Kind.COMMUNITY
    start_date = date(2025, 1, 6)
    dbs_checked_on = date(2025, 1, 1)
    dbs_expires_on = date(2028, 1, 1)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """The account gets the ambassador role that matches the record."""
        if create and self.user:
            role = YOUTH_AMBASSADOR if self.kind == Ambassador.Kind.YOUTH else COMMUNITY_AMBASSADOR
            self.user.groups.add(Group.objects.get(name=role))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Topic {n}")


class OutreachLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachLog

    ambassador = factory.SubFactory(AmbassadorFactory)
    date = factory.LazyFunction(timezone.localdate)
    duration_minutes = 60
    area = "nottingham-city"
    ward = "Bulwell"
    setting = OutreachLog.Setting.STREET
    activity_type = OutreachLog.ActivityType.CONVERSATIONS
    reached_11_to_15 = 4
    reached_18_to_24 = 2
    what_we_heard = "Young people want the youth club open on Fridays."


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    ambassador = factory.SubFactory(AmbassadorFactory)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    hours = Decimal("12.50")
    expenses = Decimal("8.40")
    expenses_description = "Bus fares"
    receipt = factory.django.FileField(filename="receipt.pdf", data=b"%PDF-1.4\n%%EOF\n")


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    ambassador = factory.SubFactory(AmbassadorFactory)
    module = "Safeguarding"
    completed_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=265))
