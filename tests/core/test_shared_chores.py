"""The shared chores of cms/core: each done once, and nothing in the project goes round them."""

from __future__ import annotations

import ast
import csv
import io

import pytest
from django.core import mail
from django.db import transaction
from openpyxl import load_workbook

from cms.core import exports
from cms.core import mail as hub_mail
from cms.core.areas import AREAS

from .test_architecture import MODULES

DANGEROUS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", '=HYPERLINK("http://x")']


def _calls_and_names(module: str) -> set[str]:
    """Dotted names a module uses (`csv.writer`, `send_mail`, `send_email.delay`, …)."""
    tree = ast.parse(MODULES[module].read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            found.add(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            found.add(f"{node.value.attr}.{node.attr}")
        elif isinstance(node, ast.ImportFrom):
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _modules_using(names: set[str], allowed: str) -> list[str]:
    return sorted(
        f"{module}: {', '.join(sorted(used))}"
        for module in MODULES
        if module != allowed and (used := _calls_and_names(module) & names)
    )


def test_only_cms_core_exports_writes_spreadsheets():
    writers = {"csv.writer", "csv.DictWriter", "openpyxl.Workbook"}
    assert _modules_using(writers, "cms.core.exports") == []


def test_only_cms_core_mail_sends_mail():
    senders = {
        "django.core.mail.send_mail",
        "django.core.mail.send_mass_mail",
        "django.core.mail.mail_admins",
        "django.core.mail.EmailMessage",
        "django.core.mail.EmailMultiAlternatives",
        "mail.send_mail",
        "send_email.delay",
        "send_email.apply_async",
    }
    assert _modules_using(senders, "cms.core.mail") == []


@pytest.mark.parametrize("value", DANGEROUS)
def test_every_csv_cell_that_would_run_as_a_formula_is_quoted(value):
    content = exports.csv_bytes([["Title", "Count"], [value, 3], [f"ok {value}", -4]])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[1] == ["'" + value, "3"]
    assert rows[2] == [f"ok {value}", "-4"], "text that only contains the sign is left alone"


@pytest.mark.parametrize("value", DANGEROUS)
def test_every_xlsx_cell_that_would_run_as_a_formula_is_quoted(value):
    book = load_workbook(io.BytesIO(exports.xlsx_bytes([[value, -1.5, None]], "Results")))
    sheet = book["Results"]
    # XML turns a carriage return into a line feed; what matters is the leading quote.
    assert sheet["A1"].value == "'" + value.replace("\r", "\n")
    assert sheet["A1"].data_type == "s"
    assert sheet["B1"].value == -1.5


def test_plain_negative_numbers_stay_numbers():
    assert exports.guard_cell("-12.50") == "-12.50"
    assert exports.guard_cell("-12.50+A1") == "'-12.50+A1"


def test_a_download_is_an_attachment_with_the_right_type():
    response = exports.csv_response("gaps.csv", [["a"]])
    assert response["Content-Type"] == exports.CSV_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="gaps.csv"'


@pytest.mark.django_db
def test_mail_from_a_rolled_back_transaction_is_never_sent(django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        hub_mail.queue_email("Subject", "Body", ["someone@example.org"])
        raise RuntimeError("the change failed")
    assert callbacks == [] and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        hub_mail.queue_email("Subject", "Body", ["someone@example.org", ""])
        assert mail.outbox == [], "nothing is sent before the change commits"
    assert [message.to for message in mail.outbox] == [["someone@example.org"]]


@pytest.mark.django_db
def test_a_task_delivered_twice_sends_its_once_only_message_once(
    django_capture_on_commit_callbacks,
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            hub_mail.queue_email("Digest", "Body", ["a@example.org"], once_key="digest:2026-W49")
            hub_mail.send_email.apply(
                ("Old", "Body", ["b@example.org"], "hub@example.org"), task_id="legacy-1"
            )
    assert sorted(message.subject for message in mail.outbox) == ["Digest", "Old"]


def test_messages_are_rendered_as_plain_text_with_the_site_address(settings, tmp_path):
    (tmp_path / "hello_subject.txt").write_text("Hello\n  {{ name }}\n")
    (tmp_path / "hello_message.txt").write_text("{{ name }}: read it at {{ site_url }}/x/\n")
    settings.TEMPLATES = [
        {"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [tmp_path]}
    ]
    settings.WAGTAILADMIN_BASE_URL = "https://hub.example.org/"
    subject, body = hub_mail.render_message("hello", {"name": "O'Brien & <Sons>"})
    assert subject == "Hello O'Brien & <Sons>"
    assert body == "O'Brien & <Sons>: read it at https://hub.example.org/x/\n"


def test_the_eight_areas_are_the_city_and_the_seven_county_districts():
    assert AREAS[0].name == "Nottingham City" and AREAS[0].gss_code.startswith("E06")
    county = [area for area in AREAS[1:] if area.gss_code.startswith("E07")]
    assert len(county) == 7 and len({area.slug for area in AREAS}) == 8


def test_discovery_finds_only_the_projects_own_apps():
    from django.apps import apps

    from cms.core.discovery import _is_project_app

    ours = {config.name for config in apps.get_app_configs() if _is_project_app(config)}
    assert ours == {
        "cms.core",
        "cms.accounts",
        "cms.publications",
        "assets_directory",
        "assets_directory.oruk",
        "assets_directory.gaps",
        "ambassadors",
        "consultations",
        "search",
    }
