"""Factories for gaps tests: listings in wards, and recorded gaps."""

import factory

from assets_directory.gaps.models import Gap
from assets_directory.models import Area, Service, Ward
from tests.directory.factories import publish_service


def publish_in_wards(*, wards: list[str], **kwargs) -> Service:
    """A published listing that names some wards, published the way staff approval does."""
    service = publish_service(**kwargs)
    service.wards = list(Ward.objects.filter(name__in=wards))
    service.save_revision().publish()
    return service


class GapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gap
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Missing support {n}")
    evidence = "Young people told our ambassadors there is nothing nearby."
    source = Gap.Source.SNA
    status = Gap.Status.IDENTIFIED

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(Area.objects.filter(slug__in=extracted or ["ashfield"]))
