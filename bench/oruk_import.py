"""Benchmark an Open Referral UK import of N services on PostgreSQL (issues 15 and 17).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_t15 \
        .venv/bin/python bench/oruk_import.py [--services 10000] [--moderated]

Creates a throwaway test database next to DATABASE_URL's (test_<name>), writes a feed of N
ORUK 3.0 full service records (each with an organisation, a location, two opening times, a
contact, a cost option and a category) to a file, then times, through `import_feed`:

- the first run (every record new: a published revision each, history kept),
- the unchanged second run (every record skipped by its hash), and
- a third run where every record changed upstream (each updated as a new revision; no
  target, shown so the update path is measured too),
- a fourth run of a feed that dropped half its services (each dropped one archived as a
  published, archived revision) and marked a tenth of the rest defunct (withdrawn: archived
  the same way),

`--moderated`: the feed is a moderated one, so the first and third runs send every record
to the moderators' workflow instead (a revision and a workflow each; the third run cancels
the moderation each is in and starts another) and the moderators get one e-mail per run,

and, as the peer measured in the same run on the same machine, reading the file and
hashing every record (the least any import must do). It prints seconds, records per
second, the ratio to the peer, the index tasks queued (one per batch, not per listing), and
on-CPU seconds of this process and of its PostgreSQL backend (from /proc, so a machine
loaded by other work cannot hide the cost, nor can work moved into SQL). Targets: first
run < 60 s, second run < 15 s. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402


def cpu_seconds() -> float:
    """This process's on-CPU time (user + system), which other processes do not inflate."""
    times = os.times()
    return times.user + times.system


def database_cpu_seconds() -> float | None:
    """On-CPU time of the PostgreSQL backend serving this connection (from /proc, when the
    server runs on this machine), so work moved into SQL is counted too; None otherwise."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def feed_records(n: int) -> list[dict]:
    records = []
    for i in range(n):
        sid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench-service-{i}"))
        org = str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench-org-{i % 500}"))
        records.append(
            {
                "id": sid,
                "name": f"Bench service {i}",
                "description": "Youth work, mentoring and sport for young people.",
                "status": "active",
                "minimum_age": 11,
                "maximum_age": 25,
                "assured_date": "2026-06-01",
                "organization": {"id": org, "name": f"Bench organisation {i % 500}"},
                "contacts": [
                    {"id": str(uuid.uuid4()), "phones": [{"id": "p", "number": "0115 496 0000"}]}
                ],
                "cost_options": [{"id": str(uuid.uuid4()), "option": "Free", "amount": 0}],
                "schedules": [
                    {
                        "id": str(uuid.uuid4()),
                        "byday": "MO,WE",
                        "opens_at": "18:00",
                        "closes_at": "21:00",
                    }
                ],
                "service_at_locations": [
                    {
                        "id": str(uuid.uuid4()),
                        "location": {
                            "id": str(uuid.uuid4()),
                            "location_type": "physical",
                            "latitude": 52.95 + (i % 100) / 1000,
                            "longitude": -1.15,
                            "addresses": [
                                {
                                    "id": "a",
                                    "address_1": f"{i} High Street",
                                    "city": "Nottingham",
                                    "postal_code": "NG1 2PW",
                                    "country": "GB",
                                    "address_type": "physical",
                                }
                            ],
                        },
                    }
                ],
                "attributes": [
                    {
                        "id": "t",
                        "taxonomy_term_id": "x",
                        "taxonomy_term": {
                            "id": "x",
                            "name": "Mentoring",
                            "taxonomy": "nottshub-needs",
                        },
                    }
                ],
            }
        )
    return records


def timed(label: str, run: Callable[[], object], peer_seconds: float | None = None) -> float:
    database = database_cpu_seconds()
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = run()
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    after = database_cpu_seconds()
    ratio = f", {wall / peer_seconds:.0f}x the peer" if peer_seconds else ""
    sql = (
        f" + {after - database:.1f} s PostgreSQL"
        if after is not None and database is not None
        else ""
    )
    print(f"{label}: {wall:.1f} s wall, {cpu:.1f} s on CPU{sql}{ratio}  {result}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument(
        "--moderated", action="store_true", help="send the records to the moderators instead"
    )
    args = parser.parse_args()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        from wagtail.models import TaskState

        from assets_directory import indexing
        from assets_directory.oruk.importer import import_feed, record_hash
        from cms.core.models import OutgoingEmail
        from cms.core.roles import VRU_STAFF
        from tests.factories import UserFactory

        UserFactory(username="moderator", email="moderator@example.org", roles=[VRU_STAFF])
        moderated = args.moderated

        records = feed_records(args.services)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump({"contents": records}, handle)
        path = handle.name
        print(
            f"{args.services} services{' (moderated feed)' if moderated else ''}; "
            f"load average {os.getloadavg()[0]:.1f} "
            "(the machine is shared with other work: compare the ratio and CPU seconds)"
        )

        def peer() -> str:
            data = json.loads(Path(path).read_text())["contents"]
            return f"{len({record_hash(r) for r in data})} hashed"

        peer_seconds = timed("peer (read the feed, hash every record)", peer)
        tasks: list[list[int]] = []

        def run() -> object:
            return import_feed("bench", path, moderated=moderated)

        with mock.patch.object(indexing.update_directory_index, "delay", tasks.append):
            first = timed("first run", run, peer_seconds)
            print(f"  index tasks queued: {len(tasks)} for {sum(map(len, tasks))} listings")
            if moderated:
                print(
                    f"  in review: {TaskState.objects.filter(status='in_progress').count()}; "
                    f"e-mails to moderators: {OutgoingEmail.objects.count()}"
                )
            second = timed("unchanged second run", run, peer_seconds)
            for record in records:
                record["description"] += " Now with a hot meal."
            Path(path).write_text(json.dumps({"contents": records}))
            timed("changed third run", run, peer_seconds)
            kept = records[: len(records) // 2]
            for record in kept[::10]:
                record["status"] = "defunct"
            Path(path).write_text(json.dumps({"contents": kept}))
            del tasks[:]
            timed("half dropped, a tenth of the rest withdrawn", run, peer_seconds)
            print(f"  index tasks queued: {len(tasks)} for {sum(map(len, tasks))} listings")
        print(
            f"targets: first < 60 s ({'met' if first < 60 else 'NOT met'}), "
            f"second < 15 s ({'met' if second < 15 else 'NOT met'})"
        )
        os.unlink(path)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
