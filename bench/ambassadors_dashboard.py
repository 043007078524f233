"""Print how long the coordinator's dashboard figures take, and how many queries they make.

Run after `make demo` (or `manage.py load_demo`) against the database in DATABASE_URL:
    .venv/bin/python bench/ambassadors_dashboard.py
It reads only; it prints figures and asserts nothing.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from ambassadors.models import OutreachLog  # noqa: E402
from ambassadors.reporting import dashboard_sections, months_back, sections_rows  # noqa: E402
from cms.core.exports import csv_bytes  # noqa: E402

RUNS = 5


def main() -> None:
    today = timezone.localdate()
    print(f"outreach logs in the database: {OutreachLog.objects.count()}")
    for months in (6, 12):
        start = months_back(today, months)
        timings = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                csv_bytes(sections_rows(dashboard_sections(start, today)))
                timings.append(time.perf_counter() - began)
        best, worst = min(timings) * 1000, max(timings) * 1000
        print(
            f"dashboard figures, {months:>2} months: best {best:.1f} ms, worst {worst:.1f} ms, "
            f"{len(queries)} queries"
        )


if __name__ == "__main__":
    main()
