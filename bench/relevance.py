"""How well the directory answers residents' own questions, on the demo directory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_relevance \
        .venv/bin/python bench/relevance.py [--keep] [--show]

Creates a throwaway test database next to DATABASE_URL's (or SQLite without it), loads the
directory's demo (real Code-Point Open postcodes, the place names, the demo listings), then
asks each judged question below through the same query builder the search page uses, and
prints:
- precision at 3: the share of the first three results that are relevant (÷ 3);
- relevant first: the share of questions whose first result is relevant;
- zero results: the share of questions with no result at all.
Targets (issue 14): relevant first >= 90%, zero results <= 2%.

The questions are written as a parent, a young person or a support worker would type them:
plain words, misspellings, "for my daughter", "near me", place names and postcodes. Each
says which kinds of listing count as relevant (by the demo's categories: what the person
means, not what the engine happens to return) and, when the question names a town, that
the listing must be in that town.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402

KM_PER_MILE = 1.609344
MONEY = {"benefits-and-debt-advice", "food-banks"}
TALKING = {"counselling"}
YOUTH = {"youth-clubs", "sport-and-fitness", "arts-music-and-media"}
FAMILY = {"early-help", "parenting-courses"}


@dataclass(frozen=True)
class Question:
    text: str
    relevant: frozenset[str]  # category slugs of the listings that answer it
    place: str = ""  # typed in the "postcode or town" box (5 miles, the page's default)
    town: str = ""  # the question names a town in its words: the listing must be there


def q(text: str, relevant: set[str] | str, place: str = "", town: str = "") -> Question:
    kinds = {relevant} if isinstance(relevant, str) else relevant
    return Question(text, frozenset(kinds), place, town)


QUESTIONS = [
    # Plain words and residents' own vocabulary
    q("talking therapy", TALKING),
    q("someone to talk to about my anxiety", TALKING),
    q("stressed out teenager", TALKING),
    q("CAMHS", TALKING),
    q("counselling for my daughter", TALKING),
    q("skint", MONEY),
    q("money worries", MONEY),
    q("cant afford food", "food-banks"),
    q("where can i get free food", "food-banks"),
    q("food parcel", "food-banks"),
    q("debt advice", "benefits-and-debt-advice"),
    q("universal credit help", "benefits-and-debt-advice"),
    q("bailiffs", "benefits-and-debt-advice"),
    q("DV", "domestic-abuse"),
    q("my partner hits me", "domestic-abuse"),
    q("controlling partner", "domestic-abuse"),
    q("rape", "sexual-violence"),
    q("sexual assault", "sexual-violence"),
    q(
        "help for my son who is being groomed",
        {"gangs-county-lines-and-exploitation", "sexual-violence"},
    ),
    q("county lines", "gangs-county-lines-and-exploitation"),
    q("my lad carries a knife", {"knife-crime-awareness", "gangs-county-lines-and-exploitation"}),
    q("knife crime workshop for schools", "knife-crime-awareness"),
    q("boxing for kids", "sport-and-fitness"),
    q("football for my son", "sport-and-fitness"),
    q("youth club", "youth-clubs"),
    q("things to do for teenagers", YOUTH),
    q("somewhere for my daughter to go in the evening", YOUTH),
    q("music studio", "arts-music-and-media"),
    q("my son wants to make music", "arts-music-and-media"),
    q("mentor for my son", "mentoring"),
    q("role model for a teenager", "mentoring"),
    q("bereavement", "bereavement-support"),
    q("my mum died", "bereavement-support"),
    q("grief support group", "bereavement-support"),
    q("drugs", "drug-and-alcohol-support"),
    q("my son is smoking weed", "drug-and-alcohol-support"),
    q("drink problem", "drug-and-alcohol-support"),
    q("homeless", "housing-and-homelessness"),
    q("kicked out by my parents", "housing-and-homelessness"),
    q("nowhere to stay tonight", "housing-and-homelessness"),
    q("parenting course", FAMILY),
    q("struggling with my toddler", FAMILY),
    q("autism support for parents", "send-support"),
    q("special needs", "send-support"),
    q("excluded from school", "alternative-education"),
    q("apprenticeship", "apprenticeships-and-jobs"),
    q("help writing a cv", {"apprenticeships-and-jobs", "skills-and-training"}),
    q("job for a 17 year old", {"apprenticeships-and-jobs", "skills-and-training"}),
    q("victim of crime", "victims-support"),
    q("i was mugged", "victims-support"),
    q("just got out of prison", "rehabilitation-and-resettlement"),
    q("my drink was spiked on a night out", "victims-support"),
    q("forced marriage", "domestic-abuse"),
    q("young carer", "early-help"),
    q("lgbt youth group", "youth-clubs"),
    q("probation support", "rehabilitation-and-resettlement"),
    # Misspellings
    q("councelling", TALKING),
    q("bereavment", "bereavement-support"),
    q("mentorng", "mentoring"),
    q("homelesness", "housing-and-homelessness"),
    # Places and postcodes in the place box
    q("counselling", TALKING, place="NG7 2BT"),
    q("food bank near me", "food-banks", place="NG18 1SU"),
    q("youth club", "youth-clubs", place="Hucknall"),
    q("mentoring", "mentoring", place="Worksop"),
    q("domestic abuse", "domestic-abuse", place="Newark"),
    q("debt", "benefits-and-debt-advice", place="Sutton in Ashfield"),
    q("family support", FAMILY, place="Beeston"),
    q("talking therapies", TALKING, place="Mapperley"),
    q("drugs advice near me", "drug-and-alcohol-support", place="NG5 6LU"),
    q("housing", "housing-and-homelessness", place="S80 2AH"),
    # Places in the question's own words
    q("food bank in Mansfield", "food-banks", town="Mansfield"),
    q("mentoring in Bulwell", "mentoring", town="Bulwell"),
    q("youth club retford", "youth-clubs", town="Retford"),
    q("boxing in worksop", "sport-and-fitness", town="Worksop"),
]


def categories_and_towns() -> dict[int, tuple[set[str], str]]:
    from assets_directory.models import Service

    services = Service.objects.prefetch_related("categories", "service_at_locations__location")
    facts = {}
    for service in services:
        location = service.primary_location()
        facts[service.pk] = (
            {c.slug for c in service.categories.all()},
            location.city if location else "",
        )
    return facts


def judge(show: bool) -> None:
    from assets_directory.models import Service
    from assets_directory.search_query import PlaceNotFound, Search, build_query, search_widening

    facts = categories_and_towns()
    names = dict(Service.objects.values_list("pk", "name"))
    first = precision = zero = 0.0
    for question in QUESTIONS:
        try:
            built = build_query(
                Search(text=question.text, place=question.place, radius_km=5 * KM_PER_MILE),
                limit=3,
            )
        except PlaceNotFound as problem:
            print(f"  place not found: {question.place!r}: {problem}")
            zero += 1
            continue
        results, _answered = search_widening(built.query)  # as the search page asks
        good = [
            bool(facts[hit.id][0] & question.relevant)
            and (not question.town or facts[hit.id][1] == question.town)
            for hit in results.hits
        ]
        zero += not results.hits
        first += bool(good and good[0])
        precision += sum(good) / 3
        if show or not (good and good[0]):
            top = [
                f"{'+' if g else '-'}{names[h.id]}" for g, h in zip(good, results.hits, strict=True)
            ]
            print(f"  {question.text!r} {question.place!r}: {results.total} found, top {top}")
    n = len(QUESTIONS)
    print(f"\n{n} judged questions on {connection.vendor}, {len(facts)} demo listings")
    print(f"precision at 3:         {precision / n:.0%}")
    print(f"relevant first result:  {first / n:.0%}  (target >= 90%)")
    print(f"zero-result rate:       {zero / n:.0%}  (target <= 2%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep and reuse the test database")
    parser.add_argument("--show", action="store_true", help="print every question's results")
    args = parser.parse_args()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(
        verbosity=0, autoclobber=not args.keep, keepdb=args.keep, serialize=False
    )
    try:
        from assets_directory import demo
        from assets_directory.indexing import reindex_all
        from assets_directory.models import Service

        if Service.objects.exists():
            reindex_all()  # a kept database: index it as this code indexes
        else:
            print("Loading the demo directory …", flush=True)
            demo.load()
        judge(args.show)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
