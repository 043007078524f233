"""Spot listings that are probably the same service, imported from different directories.

Two published listings are a likely duplicate when they come from different sources (the
city feed, the county feed, or our own providers) and share the organisation name and a
postcode, or a phone number, or an email address. Staff decide: merge (keep one, archive
the other) or mark them as not duplicates; either way the pair is not raised again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from django.contrib.auth.models import User
from django.db import transaction

from assets_directory import lifecycle
from assets_directory.models import Service

from .models import DuplicatePair, ListingSource

OWN_LISTINGS = "hub"


def _phone_key(number: str) -> str | None:
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits if len(digits) >= 10 else None


def _keys(service: Service) -> set[tuple[str, str]]:
    """What this listing would share with a duplicate of it."""
    keys = set()
    organisation = " ".join(service.organisation.name.lower().split())
    for link in service.service_at_locations.all():
        if link.location.postal_code:
            postcode = link.location.postal_code.upper().replace(" ", "")
            keys.add(("same organisation name and postcode", f"{organisation}|{postcode}"))
    for contact in service.contacts.all():
        if phone := _phone_key(contact.phone):
            keys.add(("same phone number", phone))
        if contact.email:
            keys.add(("same email address", contact.email.lower()))
    if service.email:
        keys.add(("same email address", service.email.lower()))
    return keys


def find_duplicates() -> int:
    """Record new likely-duplicate pairs among searchable listings; returns how many."""
    services = (
        Service.objects.searchable()
        .select_related("organisation")
        .prefetch_related("contacts", "service_at_locations__location")
    )
    source_of = dict(
        ListingSource.objects.filter(kind=ListingSource.Kind.SERVICE).values_list(
            "service_id", "source_name"
        )
    )
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for service in services:
        for key in _keys(service):
            groups[key].append(service.pk)
    reasons: dict[tuple[int, int], set[str]] = defaultdict(set)
    for (reason, _), ids in groups.items():
        for first, second in combinations(sorted(set(ids)), 2):
            if source_of.get(first, OWN_LISTINGS) != source_of.get(second, OWN_LISTINGS):
                reasons[first, second].add(reason)
    created = 0
    for (first, second), why in sorted(reasons.items()):
        _, new = DuplicatePair.objects.get_or_create(
            first_id=first, second_id=second, defaults={"reason": ", ".join(sorted(why))}
        )
        created += new
    return created


@transaction.atomic
def merge(pair: DuplicatePair, keep: Service, *, by: User | None = None) -> None:
    """Keep one listing and archive the other; later imports leave the archived one alone."""
    if keep.pk not in (pair.first_id, pair.second_id):
        raise ValueError("Keep one of the two listings in the pair.")
    other = pair.second if keep.pk == pair.first_id else pair.first
    lifecycle.archive(other)
    ListingSource.objects.filter(service=other).update(merged_into=keep)
    pair.kept = keep
    pair.save(update_fields=["kept"])
    pair.decide(DuplicatePair.Status.MERGED, by=by)


def dismiss(pair: DuplicatePair, *, by: User | None = None) -> None:
    pair.decide(DuplicatePair.Status.DISMISSED, by=by)
