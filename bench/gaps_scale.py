"""Benchmark the Gaps page as the directory grows: its cost must not grow with the listings.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench \\
        .venv/bin/python bench/gaps_scale.py [--services 50000] [--runs 30] [--keep]

In a throwaway test database (test_<name>) it times the Gaps page uncached (the page cache
off, through Django's test client: routing, forms, the stored counts, the gaps, rendering)
with the seed data and the demo's recorded gaps (each shown with its evidence), then adds N
synthetic published listings (categories, areas, and a ward for a third of them), times the
refresh that counts them (once per change, in Celery) and the page again. Three views: all
areas, one area's wards, an age group. It prints wall p50/p95 and on-CPU p50 (process time,
which other load on the machine inflates far less than wall time, though a busy 2-core
machine still slows it by up to a third: compare runs at similar load averages).
Target (issue 17): <= 50 ms uncached at 50,000 listings.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

VIEWS = [
    ("all areas", {}),
    ("one area's wards", {"area": "ashfield"}),
    ("age 11 to 17", {"age": "11_17"}),
]


def build(count: int) -> None:
    """Published listings stored as providers' are (rows and their many-to-many links)."""
    from assets_directory.models import Area, Organisation, Service, Taxonomy, Ward

    rng = random.Random(17)
    terms = list(Taxonomy.objects.all())
    areas = list(Area.objects.all())
    wards = {area.pk: list(Ward.objects.filter(area=area)) for area in areas}
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Gaps bench organisation {n}", slug=f"gaps-bench-org-{n}")
        for n in range(200)
    )
    for start in range(0, count, 5000):
        size = min(5000, count - start)
        services = Service.objects.bulk_create(
            Service(
                organisation=rng.choice(organisations),
                name=f"Gaps bench listing {start + i}",
                slug=f"gaps-bench-{start + i}",
                description="A listing made for the benchmark.",
                minimum_age=rng.choice([None, 8, 11, 16, 18]),
                maximum_age=rng.choice([None, 18, 25]),
                live=True,
            )
            for i in range(size)
        )
        placed = [(service, rng.choice(areas)) for service in services]
        Service.categories.through.objects.bulk_create(
            Service.categories.through(service=s, taxonomy=rng.choice(terms)) for s in services
        )
        Service.areas.through.objects.bulk_create(
            Service.areas.through(service=s, area=area) for s, area in placed
        )
        Service.wards.through.objects.bulk_create(
            Service.wards.through(service=s, ward=rng.choice(wards[area.pk]))
            for s, area in placed
            if wards[area.pk] and rng.random() < 1 / 3
        )
        print(f"  created {start + size} listings", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def measure(label: str, runs: int) -> None:
    client = Client()
    for name, params in VIEWS:
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get("/services/gaps/", params)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            assert response.status_code == 200, response.status_code
        walls.sort()
        p95 = walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))]
        print(
            f"  {label:<22}{name:<18} p50 {statistics.median(walls):6.1f} ms   "
            f"p95 {p95:6.1f} ms   on-CPU p50 {statistics.median(cpus):6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the test database afterwards")
    args = parser.parse_args()
    from assets_directory.gaps import coverage
    from assets_directory.gaps import demo as gaps_demo
    from assets_directory.gaps.models import Gap
    from assets_directory.models import Service

    old_name = connection.settings_dict["NAME"]
    # serialize=False: the copy of the database TransactionTestCase restores from is not
    # needed here, and making it walks every listing (minutes at 50,000).
    connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=args.keep, serialize=False
    )
    try:
        # The demo's recorded gaps, with the consultations behind them: the page shows each
        # gap's evidence (coverage, consultations, outreach) under the matrix.
        gaps_demo.load()
        print(f"{Gap.objects.public().count()} public recorded gaps (the demo's)")
        with override_settings(PAGE_CACHE_ENABLED=False):
            if Service.objects.filter(slug__startswith="gaps-bench-").count() != args.services:
                coverage.refresh()
                measure(f"{Service.objects.count()} listings", args.runs)
                print(f"Building {args.services} listings …", flush=True)
                build(args.services)
            started = time.perf_counter()
            coverage.refresh()
            print(f"  refresh (once per change): {time.perf_counter() - started:.2f} s")
            measure(f"{Service.objects.count()} listings", args.runs)
        print("Target: <= 50 ms uncached at 50,000 listings.")
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
