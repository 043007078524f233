"""Benchmark the public pages under load: gunicorn, production settings, the demo, wrk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python bench/pages.py [--uncached] [--seconds 8] [--rounds 3] [--port 8170]

Needs the demo loaded in DATABASE_URL (`manage.py migrate && manage.py load_demo`) and
Debian's `wrk`. It collects the static files, starts gunicorn (2 workers, production
settings plus one extra URL, /bench/trivial/, a view that returns "ok" through the same
middleware) and runs wrk (32 connections) against each page below and the trivial view,
interleaved, for --rounds rounds. Each page's req/s is compared with the trivial view's in
the same round, so a machine loaded by others shifts both alike; it prints the median of
the rounds: req/s, p50 and p99 in ms, and that ratio. A second peer, a Wagtail page drawn
with a one-line template, is measured the same way: the ratio to it ("x bare") is what our
own templates and context add to Wagtail's work for a page.

--uncached turns the page cache off (PAGE_CACHE_ENABLED=0): every request renders, as for
a cold cache or a signed-in person. Targets (issue 17): cached pages >= 0.8x the trivial
view; uncached home and content pages >= 0.5x, the gaps page and the API's first page >= 0.3x.
The gaps page at 50,000 listings is `bench/gaps_scale.py`.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ("home", "/"),
    ("standard page", None),  # paths marked None are the demo's first of the kind
    ("service page", None),
    ("easy-read page", None),
    ("search: keyword", "/services/?q=mentoring"),
    ("search: postcode+filter", "/services/?location=NG1+5FS&distance=3&free=on"),
    ("gaps page", "/services/gaps/"),
    ("/api/services", "/api/services"),
    ("static file", "/static/css/main.css"),
]
TRIVIAL = ("trivial view", "/bench/trivial/")
# The second peer: a Wagtail page routed as Wagtail serves any page, drawn with a one-line
# template (bench/pages_urls.py). Each page's ratio to it is what our own templates and
# context cost on top of the framework's work for a page.
BARE_WAGTAIL = ("bare Wagtail page", "/bench/bare-wagtail-page/")
TARGETS = {
    "cached": {name: 0.8 for name, _ in PAGES if name != "static file"},
    "uncached": {
        "home": 0.5,
        "standard page": 0.5,
        "service page": 0.5,
        "easy-read page": 0.5,
        "gaps page": 0.3,
        "/api/services": 0.3,
    },
}


def _environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.pages_site",
        PYTHONPATH=str(ROOT),
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        MFA_REQUIRED_FOR_STAFF="1",
        PAGE_CACHE_ENABLED="0" if args.uncached else "1",
        LOG_LEVEL="ERROR",
    )
    return env


def _first_paths(env: dict[str, str]) -> dict[str, str]:
    """The demo's first standard page, listing and easy-read page, asked of Django itself."""
    code = (
        "import django; django.setup();"
        "from assets_directory.models import Service;"
        "from cms.core.models import StandardPage;"
        "from cms.publications.models import EasyReadPage;"
        "print(StandardPage.objects.live().first().url);"
        "print(Service.objects.searchable().order_by('pk').first().get_absolute_url());"
        "print(EasyReadPage.objects.live().first().url)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return dict(zip(["standard page", "service page", "easy-read page"], out, strict=True))


def _start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--timeout=120",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{TRIVIAL[1]}", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


def _wrk(url: str, seconds: int, connections: int) -> tuple[float, float, float, str]:
    """req/s, p50 ms, p99 ms and any errors wrk reported."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout=10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = " ".join(re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", out))
    return rate, _latency_ms(out, "50%"), _latency_ms(out, "99%"), errors


def _latency_ms(out: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)\b", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uncached", action="store_true", help="page cache off")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8170)
    args = parser.parse_args()
    env = _environment(args)
    found = _first_paths(env)
    pages = [BARE_WAGTAIL, *((name, path or found[name]) for name, path in PAGES)]
    server = _start_gunicorn(env, args.port)
    # Stopped from outside (Ctrl+C, `timeout`): still stop the gunicorn it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    results: dict[str, list[tuple[float, float, float, float, float]]] = {}
    errors: dict[str, str] = {}
    try:
        for url in [path for _, path in [*pages, TRIVIAL]]:  # warm: connections, cache
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}{url}", timeout=60).read()
        for round_number in range(1, args.rounds + 1):
            trivial = _wrk(f"http://127.0.0.1:{args.port}{TRIVIAL[1]}", args.seconds, 32)
            bare = _wrk(f"http://127.0.0.1:{args.port}{BARE_WAGTAIL[1]}", args.seconds, 32)
            results.setdefault(TRIVIAL[0], []).append((*trivial[:3], 1.0, trivial[0] / bare[0]))
            for name, path in pages:
                rate, p50, p99, error = (
                    bare
                    if name == BARE_WAGTAIL[0]
                    else _wrk(f"http://127.0.0.1:{args.port}{path}", args.seconds, args.connections)
                )
                results.setdefault(name, []).append(
                    (rate, p50, p99, rate / trivial[0], rate / bare[0])
                )
                if error:
                    errors[name] = error
            print(f"round {round_number} done (trivial view {trivial[0]:.0f} req/s)", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    mode = "uncached" if args.uncached else "cached"
    print(
        f"\n{mode}: median of {args.rounds} rounds, {args.connections} connections, load "
        f"average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'page':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'x trivial':>11}{'x bare':>9}"
        "  target (x trivial)"
    )
    for name, _ in [TRIVIAL, *pages]:
        rows = results[name]
        rate, p50, p99, ratio, to_bare = (
            statistics.median(column) for column in zip(*rows, strict=True)
        )
        target = TARGETS[mode].get(name)
        verdict = (
            "" if target is None else f">= {target}x {'met' if ratio >= target else 'NOT met'}"
        )
        figures = f"{rate:>9.0f}{p50:>9.1f}{p99:>9.1f}{ratio:>10.2f}x{to_bare:>8.2f}x"
        print(f"{name:<26}{figures}  {verdict}")
        if name in errors:
            print(f"{'':<26}wrk: {errors[name]}")


if __name__ == "__main__":
    main()
