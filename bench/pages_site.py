"""Production settings plus one trivial view (bench/pages_urls.py), the peer bench/pages.py
compares every page with."""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.pages_urls"
