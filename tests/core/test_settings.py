"""Settings come from the environment and production passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(settings: str, extra_env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_ALLOW_ASYNC"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": settings, **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy_with_real_values():
    result = _run(
        "cms.settings.production",
        {
            "SECRET_KEY": "a-real-production-secret-" + "k" * 40,
            "ALLOWED_HOSTS": "hub.example.org",
            "DATABASE_URL": "postgres://hub@db.example.org/hub",
            "EMAIL_URL": "smtp+tls://hub:secret@smtp.example.org:587",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("cms.settings.production", {"ALLOWED_HOSTS": "hub.example.org"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_first_run_defaults_need_no_services():
    from django.conf import settings

    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND,"
        " s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_URL")
    }
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "wagtail.search.backends.database",
    ]
    assert settings.ROOT_URLCONF == "cms.urls"
