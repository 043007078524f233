"""Choosing directory listings from other parts of the platform (e.g. ambassadors' logs).

Other apps call these functions instead of querying the directory's models themselves, so
what counts as "a listing people can be sent to" is decided here, once.
"""

from collections.abc import Iterable

from django.db.models import Q

from .models import Service, ServiceQuerySet


def signposting_choices(
    area_slugs: Iterable[str] = (), keep_ids: Iterable[int] = ()
) -> ServiceQuerySet:
    """Listings residents can find today in the given areas (all areas when none given),
    plus `keep_ids`: listings chosen earlier stay valid even after they close."""
    findable = Service.objects.searchable()
    area_slugs = [slug for slug in area_slugs if slug]
    if area_slugs:
        findable = findable.filter(areas__slug__in=area_slugs)
    return (
        Service.objects.filter(Q(pk__in=findable.values("pk")) | Q(pk__in=list(keep_ids)))
        .select_related("organisation")
        .order_by("name")
    )
