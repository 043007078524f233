"""Benchmark the directory search page on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_directory \
        .venv/bin/python bench/directory_search.py [--services 50000] [--runs 30]

Creates a throwaway test database next to DATABASE_URL's (test_<name>), fills it with N
synthetic published services spread over the VRU area, builds the search index, then times:

- the search page (GET /services/?..., through Django's test client: URL routing, form
  validation, the engine's queries, loading the page of listings and rendering the HTML);
- the same queries issued as raw SQL: every statement the page sent to the database
  (captured once, then replayed through a bare cursor), so the ratio is what the view,
  ORM and template add on top of the database's own work; and
- for comparison, one hand-written statement per search with every filter it has and the
  engine's order, returning the page of ids only: no totals and no facet counts, which the
  page computes too, so this is a floor, not the same work.

It prints p50 and p95 in milliseconds for each, the ratios, and the page's on-CPU time per
request (from /proc/thread-self/schedstat, so waiting for a busy machine's cores is left
out). Targets (issue 3): page p95 <= 50 ms, and within 3x of the same queries as raw SQL.
The test database is dropped at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SEARCHES = [
    ("keyword", {"q": "mentoring"}),
    ("keyword", {"q": "food bank"}),
    ("keyword", {"q": "bereavement support"}),
    ("plain words", {"q": "talking therapy for my daughter"}),
    ("plain words", {"q": "skint need help with debt"}),
    ("plain words", {"q": "mentoring in bulwell"}),  # no listing has both: partial matching
    ("postcode", {"location": "NG1 5FS", "distance": "3"}),
    ("postcode", {"location": "NG18 1SU", "distance": "5"}),
    ("postcode+keyword", {"q": "youth club", "location": "NG7 2BT", "distance": "5"}),
    ("filtered", {"q": "support", "category": "early-help", "free": "on"}),
    ("filtered", {"area": "mansfield", "age": "15", "wheelchair": "on"}),
    ("filtered", {"language": "pl", "open": "2"}),
]
# Names and descriptions come from the demo directory's listings, so a keyword matches a
# realistic share of listings (a few per cent), not nearly all of them as random words from a
# tiny list would.
from assets_directory.demo import listings  # noqa: E402

DEMO_LISTINGS = listings()

DISTANCE_SQL = """2 * 6371.0088 * asin(sqrt(
    power(sin(radians(e.latitude - %(lat)s) / 2), 2)
    + cos(radians(%(lat)s)) * cos(radians(e.latitude))
      * power(sin(radians(e.longitude - %(lng)s) / 2), 2)))"""
FACET_SQL = """e.facet_codes @> ARRAY[(SELECT id FROM search_facetvalue
                                 WHERE facet = '{facet}' AND value = %({facet})s)]"""


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
                postal_code="NG1 5FS",
                latitude=p.latitude + rng.uniform(-0.03, 0.03),
                longitude=p.longitude + rng.uniform(-0.05, 0.05),
                wheelchair_accessible=rng.random() < 0.5,
            )
            for p in picks
        )
        services = Service.objects.bulk_create(
            Service(
                organisation=rng.choice(organisations),
                name=f"{DEMO_LISTINGS[(start + i) % len(DEMO_LISTINGS)].name} {start + i}",
                slug=f"bench-{start + i}",
                description=DEMO_LISTINGS[(start + i) % len(DEMO_LISTINGS)].description,
                minimum_age=rng.choice([None, 8, 11, 16, 18]),
                maximum_age=rng.choice([None, 18, 25]),
                is_free=rng.random() < 0.8,
                live=True,
            )
            for i in range(size)
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


def raw_search_sql(params: dict) -> tuple[str, dict]:
    """One search as hand-written SQL: every filter it has, in the engine's order, returning
    the page of ids only (no totals, no facet counts), and its parameters."""
    from assets_directory.geocoding import locate

    where, score, args = ["TRUE"], "0.0", {}
    distance = ""
    if "q" in params:
        args["text"] = params["q"]
        where.append("e.search_vector @@ websearch_to_tsquery('english', %(text)s)")
        score = "ts_rank(e.search_vector, websearch_to_tsquery('english', %(text)s))"
    if "location" in params:
        point = locate(params["location"]).point
        radius = float(params["distance"]) * 1.609344
        args |= {"lat": point.latitude, "lng": point.longitude, "radius": radius}
        args |= {"dlat": radius / 111.32, "dlng": radius / 67.0}
        distance = DISTANCE_SQL
        where += [
            "e.latitude BETWEEN %(lat)s - %(dlat)s AND %(lat)s + %(dlat)s",
            "e.longitude BETWEEN %(lng)s - %(dlng)s AND %(lng)s + %(dlng)s",
            f"{distance} <= %(radius)s",
        ]
    for facet in ("category", "area", "language"):
        if facet in params:
            args[facet] = params[facet]
            where.append(FACET_SQL.format(facet=facet))
    if "age" in params:
        args["age"] = int(params["age"])
        where.append("(e.minimum_age IS NULL OR e.minimum_age <= %(age)s)")
        where.append("(e.maximum_age IS NULL OR e.maximum_age >= %(age)s)")
    where += [
        f"e.{flag}"
        for flag, name in (("is_free", "free"), ("wheelchair", "wheelchair"))
        if name in params
    ]
    if "open" in params:
        args["day"] = int(params["open"])  # the bench asks for a weekday, not "now"
        where.append(
            "EXISTS (SELECT 1 FROM search_directoryentryopening o"
            " WHERE o.entry_id = e.id AND o.weekday = %(day)s)"
        )
    order = f"{distance}, score DESC, e.name, e.id" if distance else "score DESC, e.name, e.id"
    sql = f"""SELECT e.id, {score} AS score FROM search_directoryentry e
              WHERE {" AND ".join(where)} ORDER BY {order} LIMIT 20"""
    return sql, args


def measure(runs: int) -> None:
    """Time each search three ways, interleaved so that a busy moment hits all three."""
    client = Client()
    times: dict[str, dict[str, list[float]]] = {"page": {}, "replayed": {}, "hand": {}}
    on_cpu: list[float] = []
    for kind, params in SEARCHES:
        with CaptureQueriesContext(connection) as issued:
            assert client.get("/services/", params).status_code == 200, params  # warm up
        replayed = [(query["sql"], None) for query in issued.captured_queries]
        hand_written = [raw_search_sql(params)]
        for _ in range(runs):
            cpu_before = _on_cpu_ms()
            _timed(times["page"], kind, partial(client.get, "/services/", params))
            on_cpu.append(_on_cpu_ms() - cpu_before)
            _timed(times["replayed"], kind, partial(_run_sql, replayed))
            _timed(times["hand"], kind, partial(_run_sql, hand_written))
    columns = [
        f"{name} {pct}" for name in ("page", "same SQL", "hand SQL") for pct in ("p50", "p95")
    ]
    print(f"\n{'query type':<18}" + "".join(f"{column:>14}" for column in columns))
    for kind in times["page"]:
        figures = [
            percentile(times[way][kind], pct)
            for way in ("page", "replayed", "hand")
            for pct in (50, 95)
        ]
        print(f"{kind:<18}" + "".join(f"{figure:>14.1f}" for figure in figures))
    p50, p95 = ({way: percentile(_every(times[way]), pct) for way in times} for pct in (50, 95))
    print(f"\nsearch page:          p50 {p50['page']:.1f} ms, p95 {p95['page']:.1f} ms")
    print(f"same SQL, issued raw: p50 {p50['replayed']:.1f} ms, p95 {p95['replayed']:.1f} ms")
    print(f"hand-written page SQL: p50 {p50['hand']:.1f} ms, p95 {p95['hand']:.1f} ms")
    print(
        f"on-CPU time per page request (this process, /proc/self/schedstat): "
        f"p50 {percentile(on_cpu, 50):.1f} ms, p95 {percentile(on_cpu, 95):.1f} ms"
    )
    print(f"ratio page / same SQL at p95: {p95['page'] / p95['replayed']:.1f}x")
    print(f"ratio page / hand-written page SQL at p95: {p95['page'] / p95['hand']:.1f}x")
    print(f"target p95 <= 50 ms: {'met' if p95['page'] <= 50 else 'NOT met'}")
    within = p95["page"] <= 3 * p95["replayed"]
    print(f"target within 3x of the same queries as raw SQL: {'met' if within else 'NOT met'}")


def _timed(times: dict[str, list[float]], kind: str, run: Callable[[], object]) -> None:
    started = time.perf_counter()
    run()
    times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)


def _on_cpu_ms() -> float:
    """Time this thread has spent on a CPU (the first field of schedstat, in ns), in ms: on a
    shared, busy machine the wall-clock time includes waiting for a core, this does not."""
    with open("/proc/thread-self/schedstat") as stats:
        return int(stats.read().split()[0]) / 1e6


def _run_sql(statements: list[tuple[str, dict | None]]) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description:
                cursor.fetchall()


def _every(times_by_kind: dict[str, list[float]]) -> list[float]:
    return [t for times in times_by_kind.values() for t in times]


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

            call_command("load_postcodes", "--area", "NG", verbosity=0)
            print(f"Building {args.services} services …", flush=True)
            build(args.services)
        measure(args.runs)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
