"""Production refuses to start when e-mail would only be printed (system check core.E001)."""

from tests.core.test_settings import _run

PRODUCTION = {
    "SECRET_KEY": "a-real-production-secret-" + "k" * 40,
    "ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "postgres://hub@db.example.org/hub",
}


def test_production_refuses_to_start_with_the_console_mail_backend():
    result = _run("cms.settings.production", {**PRODUCTION, "EMAIL_URL": "consolemail://"}, "check")
    assert result.returncode != 0
    assert "core.E001" in result.stderr + result.stdout


def test_production_starts_with_a_real_mail_server():
    result = _run(
        "cms.settings.production",
        {**PRODUCTION, "EMAIL_URL": "smtp+tls://hub:secret@smtp.example.org:587"},
        "check",
    )
    assert result.returncode == 0, result.stdout + result.stderr
