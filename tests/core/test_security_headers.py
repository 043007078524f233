"""Every response carries a Content-Security-Policy and a Permissions-Policy, and no page of
ours needs an inline script, so the policy can refuse them all outside Wagtail's admin."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PROJECT_TEMPLATE_DIRS = [
    "templates",
    "cms",
    "assets_directory",
    "ambassadors",
    "consultations",
    "search",
]
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>"
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "path", ["/", "/services/", "/search/?q=youth", "/accounts/login/", "/no-such-page/"]
)
def test_public_responses_refuse_inline_and_foreign_scripts(client, home_page, path):
    response = client.get(path)

    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_the_open_data_api_and_redirects_carry_the_headers_too(client, db):
    for response in (client.get("/api/services"), client.get("/admin/")):
        assert "Content-Security-Policy" in response
        assert "Permissions-Policy" in response


def test_only_wagtails_admin_may_run_its_inline_scripts(client, mfa_user):
    user, _ = mfa_user(roles=["VRU staff"])
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response)["script-src"]
    assert directives(response)["object-src"] == ["'none'"]


def test_no_template_of_ours_has_an_inline_script_or_event_handler():
    offenders = []
    for folder in PROJECT_TEMPLATE_DIRS:
        for template in (ROOT / folder).rglob("*.html"):
            if ".venv" in template.parts or "node_modules" in template.parts:
                continue
            text = template.read_text()
            if INLINE_SCRIPT.search(text) or EVENT_HANDLER.search(text):
                offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []
