"""Benchmark the directory search page on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_directory \
        .venv/bin/python bench/directory_search.py [--services 50000] [--runs 30]

Creates a throwaway test database next to DATABASE_URL's (test_<name>), fills it with N
synthetic published services spread over the VRU area, builds the search index, then times:

- the search page (GET /services/?..., through Django's test client: URL routing, form
  validation, the engine's queries, loading the page of listings and rendering the HTML), and
- the same searches as one hand-written SQL statement each (the page of matching ids only).

It prints p50 and p95 in milliseconds for each, and the ratio. Targets (issue 3): page p95
<= 50 ms, and within 3x of raw SQL. The test database is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

SEARCHES = [
    ("keyword", {"q": "mentoring"}),
    ("keyword", {"q": "food bank"}),
    ("keyword", {"q": "bereavement support"}),
    ("postcode", {"location": "NG1 2PW", "distance": "3"}),
    ("postcode", {"location": "NG18 1XQ", "distance": "5"}),
    ("postcode+keyword", {"q": "youth club", "location": "NG7 4YN", "distance": "5"}),
    ("filtered", {"q": "support", "category": "early-help", "free": "on"}),
    ("filtered", {"area": "mansfield", "age": "15", "wheelchair": "on"}),
    ("filtered", {"language": "pl", "open": "2"}),
]
# Descriptions come from the demo's templates, so a keyword matches a realistic share of
# listings (a few per cent), not nearly all of them as random words from a tiny list would.
from assets_directory.demo import TEMPLATES  # noqa: E402

NAME_WORDS = [t[0].replace("{town} ", "").replace(" ({town})", "") for t in TEMPLATES]

RAW_SQL = {
    "keyword": """
        SELECT e.id, ts_rank(e.search_vector, q) AS score
        FROM search_directoryentry e, websearch_to_tsquery('english', %(text)s) q
        WHERE e.search_vector @@ q ORDER BY score DESC, e.name, e.id LIMIT 20""",
    "postcode": """
        SELECT id, d FROM (
          SELECT id, name, 2 * 6371.0088 * asin(sqrt(
            power(sin(radians(latitude - %(lat)s) / 2), 2)
            + cos(radians(%(lat)s)) * cos(radians(latitude))
              * power(sin(radians(longitude - %(lng)s) / 2), 2))) AS d
          FROM search_directoryentry
          WHERE latitude BETWEEN %(lat)s - %(dlat)s AND %(lat)s + %(dlat)s
            AND longitude BETWEEN %(lng)s - %(dlng)s AND %(lng)s + %(dlng)s) near
        WHERE d <= %(radius)s ORDER BY d, name, id LIMIT 20""",
    "filtered": """
        SELECT e.id FROM search_directoryentry e
        WHERE e.facet_codes @> ARRAY[(SELECT id FROM search_facetvalue
                                      WHERE facet = %(facet)s AND value = %(value)s)]
          AND e.is_free ORDER BY e.name, e.id LIMIT 20""",
}


def build(count: int) -> None:
    """Synthetic listings made the way providers' listings are stored, then indexed."""
    from assets_directory.indexing import reindex_all
    from assets_directory.models import (
        Area,
        Language,
        Location,
        Organisation,
        Place,
        RegularSchedule,
        Service,
        ServiceAtLocation,
        Taxonomy,
    )

    rng = random.Random(50)
    places = list(Place.objects.select_related("area"))
    terms = list(Taxonomy.objects.all())
    languages = list(Language.objects.all())
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench organisation {n}", slug=f"bench-org-{n}") for n in range(500)
    )
    started = time.perf_counter()
    for start in range(0, count, 5000):
        size = min(5000, count - start)
        picks = [rng.choice(places) for _ in range(size)]
        locations = Location.objects.bulk_create(
            Location(
                address_1="1 High Street",
                city=p.name,
                postal_code="NG1 2PW",
                latitude=p.latitude + rng.uniform(-0.03, 0.03),
                longitude=p.longitude + rng.uniform(-0.05, 0.05),
                wheelchair_accessible=rng.random() < 0.5,
            )
            for p in picks
        )
        services = Service.objects.bulk_create(
            Service(
                organisation=rng.choice(organisations),
                name=f"{p.name} {NAME_WORDS[(start + i) % len(TEMPLATES)]} {start + i}",
                slug=f"bench-{start + i}",
                description=TEMPLATES[(start + i) % len(TEMPLATES)][2],
                minimum_age=rng.choice([None, 8, 11, 16, 18]),
                maximum_age=rng.choice([None, 18, 25]),
                is_free=rng.random() < 0.8,
                status=Service.Status.PUBLISHED,
                live=True,
            )
            for i, p in enumerate(picks)
        )
        ServiceAtLocation.objects.bulk_create(
            ServiceAtLocation(service=s, location=loc)
            for s, loc in zip(services, locations, strict=True)
        )
        Service.categories.through.objects.bulk_create(
            Service.categories.through(service=s, taxonomy=rng.choice(terms)) for s in services
        )
        Service.areas.through.objects.bulk_create(
            Service.areas.through(service=s, area=p.area)
            for s, p in zip(services, picks, strict=True)
        )
        Service.languages.through.objects.bulk_create(
            Service.languages.through(service=s, language=rng.choice(languages)) for s in services
        )
        RegularSchedule.objects.bulk_create(
            RegularSchedule(
                service=s, weekday=rng.randint(1, 7), opens_at="09:00", closes_at="17:00"
            )
            for s in services
        )
        print(f"  created {start + size} services", flush=True)
    assert Area.objects.count() == 8
    print(f"  indexing … ({time.perf_counter() - started:.0f}s so far)", flush=True)
    reindex_all(batch_size=2000)
    # What autovacuum does in production after a bulk write: without it the indexing pass's
    # dead rows and unset visibility map push PostgreSQL to sequential scans.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  built and indexed in {time.perf_counter() - started:.0f}s", flush=True)


def already_built(count: int) -> bool:
    """A database kept by an earlier --keep run already holds this many services."""
    from assets_directory.models import Service

    return Service.objects.filter(slug__startswith="bench-").count() == count


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def raw_params(kind: str, params: dict) -> tuple[str, dict]:
    """The hand-written SQL that answers the heart of each search, and its parameters."""
    from assets_directory.geocoding import locate

    if "location" in params:
        point = locate(params["location"]).point
        radius = float(params["distance"]) * 1.609344
        return RAW_SQL["postcode"], {
            "lat": point.latitude,
            "lng": point.longitude,
            "radius": radius,
            "dlat": radius / 111.32,
            "dlng": radius / 67.0,
        }
    if kind == "filtered":
        facet = next((k for k in ("category", "area", "language") if k in params), "area")
        return RAW_SQL["filtered"], {"facet": facet, "value": params[facet]}
    return RAW_SQL["keyword"], {"text": params["q"]}


def measure(runs: int) -> None:
    client = Client()
    page_times: dict[str, list[float]] = {}
    sql_times: dict[str, list[float]] = {}
    for kind, params in SEARCHES:
        assert client.get("/services/", params).status_code == 200, params  # warm up
        sql, sql_params = raw_params(kind, params)
        for _ in range(runs):
            started = time.perf_counter()
            client.get("/services/", params)
            page_times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, sql_params)
                cursor.fetchall()
            sql_times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    print(f"\n{'query type':<18}{'page p50':>10}{'page p95':>10}{'SQL p50':>10}{'SQL p95':>10}")
    for kind in page_times:
        page, raw = page_times[kind], sql_times[kind]
        print(
            f"{kind:<18}{percentile(page, 50):>10.1f}{percentile(page, 95):>10.1f}"
            f"{percentile(raw, 50):>10.1f}{percentile(raw, 95):>10.1f}"
        )
    every_page = [t for times in page_times.values() for t in times]
    every_sql = [t for times in sql_times.values() for t in times]
    page_p95, sql_p95 = percentile(every_page, 95), percentile(every_sql, 95)
    print(f"\nall searches: page p50 {percentile(every_page, 50):.1f} ms, p95 {page_p95:.1f} ms")
    print(f"raw SQL:      p50 {percentile(every_sql, 50):.1f} ms, p95 {sql_p95:.1f} ms")
    print(f"ratio page/SQL at p95: {page_p95 / sql_p95:.1f}x")
    print(f"target p95 <= 50 ms: {'met' if page_p95 <= 50 else 'NOT met'}")
    print(f"target within 3x of SQL: {'met' if page_p95 <= 3 * sql_p95 else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each search")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the test database afterwards and reuse it when it already holds the services",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: this measures the PostgreSQL engine.")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=args.keep, serialize=False
    )
    if args.keep and not already_built(args.services):
        # A kept database of another size (or from before a schema change): start afresh.
        connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        if already_built(args.services):
            print(f"Reusing the kept database with {args.services} services", flush=True)
        else:
            from django.core.management import call_command

            call_command("load_postcodes", verbosity=0)
            print(f"Building {args.services} services …", flush=True)
            build(args.services)
        measure(args.runs)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
