"""Fast, isolated settings for the test suite (bakerydemo style)."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="nottshub-test-media-")
ALLOWED_HOSTS = ["*"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ACCOUNT_RATE_LIMITS = False
# Tests exercise real Redis only where they say so; the rest run tasks eagerly.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# Serve static files straight from the finders; no collectstatic needed. The browser tests
# load axe-core from our own origin, as the Content-Security-Policy allows no inline script.
STATICFILES_DIRS = [*STATICFILES_DIRS, ("axe", BASE_DIR / "node_modules" / "axe-core")]  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The directory searches its database engine in tests even when ELASTICSEARCH_URL is set (to
# run the Elasticsearch contract tests): tests that need Elasticsearch choose it themselves.
DIRECTORY_SEARCH_ENGINE = env("DIRECTORY_SEARCH_ENGINE", default="")
# Directory searches are not cached in tests (so engines are seen as configured); the tests
# of the search cache turn it on.
DIRECTORY_SEARCH_CACHE_SECONDS = 0
