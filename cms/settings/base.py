"""Settings shared by every environment, read from environment variables.

Every value has a safe default for a newcomer's first run: an SQLite file, Celery tasks run
eagerly in-process, the database search engine and e-mail printed to the console.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The project's apps come first, in the order `load_demo` runs their `demo.load()`: pages,
# then listings (imported feeds before the gaps that refer to them), then engagement.
INSTALLED_APPS = [
    "cms.core",
    "cms.accounts",
    "assets_directory",
    "assets_directory.oruk",
    "assets_directory.gaps",
    "consultations",
    "cms.publications",
    "ambassadors",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django.contrib.sitemaps",
    "django.contrib.sites",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "cms.core.security_headers.AdminScriptsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' public pages from the cache: see "Page cache and speed" below.
    "cms.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "cms.core.bad_input.RefuseNulBytesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.accounts.middleware.RequireStaffMFAMiddleware",
    "cms.accounts.middleware.NoStoreAccountPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections (opening one costs 13-18 ms), checked before each request reuses them.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# --- Auth and accounts (django-allauth) --------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "cms.accounts.validators.MaximumLengthValidator"},
]
# The Sites record holds the site's name and public address, which allauth's e-mails use;
# a migration (cms.accounts) sets it from WAGTAIL_SITE_NAME and WAGTAILADMIN_BASE_URL.
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_overview"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Notts Community Hub] "
ACCOUNT_ADAPTER = "cms.accounts.adapter.AccountAdapter"
# allauth's forms with messages that name the empty field (cms.accounts.forms).
ACCOUNT_FORMS = {
    name: f"cms.accounts.forms.{form}"
    for name, form in [
        ("login", "LoginForm"),
        ("signup", "SignupForm"),
        ("reset_password", "ResetPasswordForm"),
        ("reset_password_from_key", "ResetPasswordKeyForm"),
        ("change_password", "ChangePasswordForm"),
        ("add_email", "AddEmailForm"),
    ]
}
MFA_ADAPTER = "cms.accounts.adapter.MFAAdapter"
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Notts Community Hub"
# Staff (and anyone who can reach the Wagtail admin) must set up an authenticator app.
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=True)

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# en_GB wording for third-party strings, e.g. allauth's "Sign In" becomes "Sign in".
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# The site serves only MEDIA_ROOT/original_images/ and images/ (the public pictures) at
# /media/, in every setting (cms/core/media.py). Turn it off when the web server in front
# serves those two folders itself (README: "Serving uploaded files in production").
SERVE_PUBLIC_IMAGES = env.bool("SERVE_PUBLIC_IMAGES", default=True)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail -------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# A mail server that stops answering must not hold a worker (and an outbox row) forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Notts Community Hub <hub@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the accessibility statement tells people to report a problem or ask for another format.
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="hub@example.org")


# --- Cache and sessions ---------------------------------------------------------------
# django-redis, so that Redis being down degrades the cache instead of failing the page:
# IGNORE_EXCEPTIONS turns every cache error into a miss, and the short timeouts stop a dead
# or hanging Redis from holding a request for long. Sessions live in the database, so
# nobody is signed out (or loses a draft) when Redis goes.
REDIS_URL = env("REDIS_URL", default="")
CACHE_REDIS_TIMEOUT_SECONDS = env.float("CACHE_REDIS_TIMEOUT_SECONDS", default=0.5)
REDIS_CACHE = {
    "BACKEND": "cms.core.cache.DegradingRedisCache",
    "LOCATION": REDIS_URL,
    "OPTIONS": {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": CACHE_REDIS_TIMEOUT_SECONDS,
        "SOCKET_TIMEOUT": CACHE_REDIS_TIMEOUT_SECONDS,
    },
}
CACHES = {
    "default": (
        REDIS_CACHE if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Page cache and speed (issue 17) ------------------------------------------------------
# Anonymous visitors' public pages are served from this cache alias (cms/core/page_cache.py).
# Each cached page names what it shows with tags, and a change to that content drops it.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TAGS = ["pages", "directory", "gaps"]
# URL prefixes cached as public pages without their views saying so, with their tags: the
# Open Referral UK API serves listings (anonymous GETs only, like every cached page).
PAGE_CACHE_PATHS = {"/api/": ["directory"]}
# Part of every key: set RELEASE (e.g. the commit deployed) so a new release, whose templates
# may differ, starts with no cached pages.
PAGE_CACHE_RELEASE = env("RELEASE", default="")
# Seconds a page stays stored: changes drop it sooner; this bounds what a cache that was
# unreachable while something changed can hold.
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
# How long a CDN or reverse proxy may keep a public page (`s-maxage`); browsers always
# revalidate (a 304 when unchanged). Purged on change when WAGTAILFRONTENDCACHE is set.
PAGE_CACHE_SHARED_MAX_AGE = env.int("PAGE_CACHE_SHARED_MAX_AGE", default=60)
# Directory searches: results per normalised query, for this many seconds at most, dropped
# whenever the index changes (search/engine.py `CachedEngine`).
DIRECTORY_SEARCH_CACHE_SECONDS = env.int("DIRECTORY_SEARCH_CACHE_SECONDS", default=60)
# Wagtail's frontend-cache invalidation, for a CDN or reverse proxy in front: set
# FRONTEND_CACHE_PURGE_URL to the proxy's purge endpoint (e.g. Varnish, nginx's cache purge)
# and published pages' URLs are purged there. Other backends (Cloudflare, CloudFront, Azure)
# are configured the same way in WAGTAILFRONTENDCACHE, see Wagtail's docs.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", default="")
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# --- Celery: background jobs and the schedule of periodic ones ----------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker, tasks run in-process so a first run needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Nothing lost when a worker dies: a task is acknowledged only after it has run, and put back
# on the queue if the worker running it is killed. So every task must be safe to run twice
# (mail is: the outbox sends each message once). Each worker takes one task at a time, so a
# killed worker holds back no others.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged task to another worker after the visibility timeout. It must
# outlast the longest task (an ORUK import, a full reindex: minutes) and the longest retry
# countdown (the index update backs off to 10 minutes), or a task would run twice at once.
CELERY_VISIBILITY_TIMEOUT_SECONDS = env.int("CELERY_VISIBILITY_TIMEOUT_SECONDS", default=3600)
# Redis down: queueing gives up within about two seconds (and `cms.core.queue` keeps the job
# for the beat sweep) rather than holding the person's request for twenty.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT_SECONDS,
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    "max_retries": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT_SECONDS}
_ONE_DAY = 60 * 60 * 24
# Every periodic job of every app, in one place, so what runs when can be read at a glance.
CELERY_BEAT_SCHEDULE = {
    # Mail: deliver outbox messages a worker could not (killed, Redis or SMTP down).
    "sweep-outbox": {"task": "cms.core.mail.sweep_outbox", "schedule": 60},
    # Jobs that could not be queued while Redis was down are queued again.
    "requeue-deferred-tasks": {"task": "cms.core.queue.requeue_deferred_tasks", "schedule": 60},
    # Retention: expired sessions are removed from the database.
    "clear-expired-sessions": {
        "task": "cms.accounts.tasks.clear_expired_sessions",
        "schedule": _ONE_DAY,
    },
    # Retention: sign-ups never confirmed within a week are removed.
    "purge-unverified-accounts": {
        "task": "cms.accounts.tasks.purge_unverified_accounts",
        "schedule": _ONE_DAY,
    },
    # Directory: reminders at 12 months without review, hidden from search at 18.
    "directory-review-cycle": {
        "task": "assets_directory.tasks.review_cycle",
        "schedule": _ONE_DAY,
    },
    # Directory: pull the Open Referral UK feeds in ORUK_IMPORT_FEEDS.
    "oruk-import-feeds": {
        "task": "assets_directory.oruk.tasks.import_oruk_feeds",
        "schedule": _ONE_DAY,
    },
    # Ambassadors: coordinators told weekly of DBS checks and training expiring within 30 days.
    "ambassador-expiry-warnings": {
        "task": "ambassadors.tasks.email_expiry_warnings",
        "schedule": crontab(hour=8, minute=0, day_of_week="monday"),
    },
    # Ambassadors: safeguarding alerts that could not be queued (broker down) are queued again.
    "ambassador-missed-safeguarding-alerts": {
        "task": "ambassadors.tasks.queue_missed_safeguarding_alerts",
        "schedule": 5 * 60,
    },
    # Ambassadors: each ambassador reminded 30 and 7 days before their DBS check or training
    # expires.
    "ambassador-expiry-reminders": {
        "task": "ambassadors.tasks.email_ambassador_expiry_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    # Retention: coordinators' messages to ambassadors are deleted two years after sending.
    "ambassador-message-retention": {
        "task": "ambassadors.tasks.delete_old_messages",
        "schedule": crontab(hour=3, minute=30),
    },
    # Retention: expense claims and receipts older than six years are deleted, monthly.
    "ambassador-claim-retention": {
        "task": "ambassadors.tasks.delete_expired_claims",
        "schedule": crontab(hour=3, minute=0, day_of_month=1),
    },
    # Retention: who gave a consultation response is removed months after it closes.
    "anonymise-old-consultation-responses": {
        "task": "consultations.tasks.anonymise_old_responses",
        "schedule": _ONE_DAY,
    },
    # Panel: members with a place at tomorrow's meeting are reminded, each once, at 9am.
    "panel-meeting-reminders": {
        "task": "consultations.tasks.send_panel_meeting_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    # Retention: places at (and attendance of) panel meetings held months ago are deleted.
    "forget-old-panel-meeting-places": {
        "task": "consultations.tasks.forget_old_meeting_places",
        "schedule": _ONE_DAY,
    },
    # Consultations: subscribers e-mailed, once, when a consultation opens in their area.
    "consultation-opening-alerts": {
        "task": "consultations.tasks.email_opening_alerts",
        "schedule": 15 * 60,
    },
    # Retention: alert subscriptions never confirmed within a week are deleted.
    "delete-unconfirmed-alert-subscriptions": {
        "task": "consultations.tasks.delete_unconfirmed_alert_subscriptions",
        "schedule": _ONE_DAY,
    },
    # Gaps: the stored coverage matrix is recounted on every listing change; hourly as well,
    # in case a queued recount was lost.
    "gaps-coverage-refresh": {
        "task": "assets_directory.gaps.coverage.refresh_coverage",
        "schedule": 60 * 60,
    },
}

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Notts Community Hub"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Nobody signs in or resets a password through Wagtail's own forms: every way in is allauth's
# (rate limited, then the authenticator code), and private pages and documents send people
# to the same sign-in page (cms/urls.py turns Wagtail's login addresses into redirects).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Every document goes through Wagtail's permission-checked view (/documents/<id>/<name>), which
# honours collection view restrictions (panel papers, ambassadors' resources); nothing serves
# MEDIA_ROOT/documents/ directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of each staff member's email address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Search: site search (Wagtail) and the directory's engine ------------------------------
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="nottshub")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": ELASTICSEARCH_INDEX_PREFIX,
            "TIMEOUT": 5,
        },
        # Kept current beside Elasticsearch, so site search can answer while it is down.
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Directory search engine: a dotted path to a search.engine.DirectoryEngine. Empty means the
# PostgreSQL full-text engine on PostgreSQL and the SQLite fallback elsewhere. With
# ELASTICSEARCH_URL set, the directory searches Elasticsearch and answers from the database
# (with a warning in the log) whenever the cluster cannot. The alias below is what searches
# read; `manage.py rebuild_directory_index` builds a new index behind it.
DIRECTORY_SEARCH_ENGINE = env("DIRECTORY_SEARCH_ENGINE", default="")
# What the site search finds besides pages and publications (search/site.py): each a
# function (text, limit) -> search.site.SiteSection, its section shown in this order.
SITE_SEARCH_SOURCES = ["assets_directory.site_search.services_matching"]
if ELASTICSEARCH_URL and not DIRECTORY_SEARCH_ENGINE:
    DIRECTORY_SEARCH_ENGINE = "search.es.engine.ElasticsearchWithFallback"
DIRECTORY_ELASTICSEARCH_INDEX = env(
    "DIRECTORY_ELASTICSEARCH_INDEX", default=f"{ELASTICSEARCH_INDEX_PREFIX}-directory"
)
DIRECTORY_ELASTICSEARCH_TIMEOUT = env.float("DIRECTORY_ELASTICSEARCH_TIMEOUT", default=5.0)

# --- Assets directory, gaps and Open Referral UK ------------------------------------------
# Postcode geocoder: a dotted path to a class with geocode(postcode) -> Point | None. Empty
# means the loaded postcodes (`manage.py load_postcodes`: OS Code-Point Open), no network;
# "assets_directory.geocoding.PostcodesIoGeocoder" asks postcodes.io first.
DIRECTORY_GEOCODER = env("DIRECTORY_GEOCODER", default="")
DIRECTORY_POSTCODES_IO_URL = env("DIRECTORY_POSTCODES_IO_URL", default="https://api.postcodes.io")
DIRECTORY_GEOCODER_TIMEOUT = env.float("DIRECTORY_GEOCODER_TIMEOUT", default=2.0)
# Map tiles for the Leaflet maps, e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png".
# Empty: maps show markers without a background, and the browser fetches nothing.
DIRECTORY_MAP_TILES = env("DIRECTORY_MAP_TILES", default="")
# Open Referral UK feeds `import_oruk_feeds` pulls on a schedule: a comma-separated list of
# name=URL pairs, e.g. "city=https://city.example/api/services,county=https://...".
ORUK_IMPORT_FEEDS = env.dict("ORUK_IMPORT_FEEDS", default={})
ORUK_IMPORT_TIMEOUT = env.int("ORUK_IMPORT_TIMEOUT", default=30)
# Feeds (by name) whose new and changed records go to the moderators instead of going live.
ORUK_IMPORT_MODERATED = env.list("ORUK_IMPORT_MODERATED", default=[])

# --- Ambassadors ----------------------------------------------------------------------------
# Who gets the safeguarding-concern alert (a link only, never the details).
AMBASSADORS_SAFEGUARDING_LEAD_EMAIL = env(
    "AMBASSADORS_SAFEGUARDING_LEAD_EMAIL", default="safeguarding@example.org"
)
# Claim receipts: stored outside MEDIA_ROOT (never served by the web server), capped in size.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
AMBASSADORS_RECEIPT_MAX_BYTES = env.int("AMBASSADORS_RECEIPT_MAX_BYTES", default=5 * 1024 * 1024)

# --- Consultations and the Citizen's Advisory Panel ---------------------------------------
# Retention: who gave a consultation response is removed this many months after it closes;
# the answers are kept (see the beat schedule above).
CONSULTATION_ANONYMISE_AFTER_MONTHS = env.int("CONSULTATION_ANONYMISE_AFTER_MONTHS", default=12)

# --- Security defaults that hold in every environment -------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# What a page may load and run (django-csp). Scripts come only from our own static files, so a
# name an attacker slipped into a listing cannot run even if some code wrote it as HTML. The
# inline-style allowance covers `style=` attributes (chart bar widths), not <style> blocks.
# Wagtail's admin has inline scripts of its own: cms.core.security_headers allows them there.
_MAP_TILE_ORIGIN = "/".join(env("DIRECTORY_MAP_TILES", default="").split("/")[:3])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([_MAP_TILE_ORIGIN] if _MAP_TILE_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        # The ambassadors' portal works offline: its service worker and web app manifest.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # 'self', not 'none': Wagtail previews a page in a frame of the admin.
        "frame-ancestors": ["'self'"],
    }
}
# Powerful browser features nothing on the site uses are switched off for every page.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- Logging --------------------------------------------------------------------------------
# Access logs keep no query strings: they carry search terms and postcodes (personal data).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"drop_query_strings": {"()": "cms.core.log_filters.DropQueryStrings"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "access": {
            "class": "logging.StreamHandler",
            "filters": ["drop_query_strings"],
            "formatter": "django.server",
        },
    },
    "loggers": {
        "django.server": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
