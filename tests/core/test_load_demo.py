"""`load_demo` builds a working site and running it twice changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_is_idempotent_and_prints_the_login(
    client, capsys, django_capture_on_commit_callbacks
):
    # Listings reach the search index after their transaction commits, as in a real run.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    first = _row_counts()
    out = capsys.readouterr().out
    assert "staff@example.org" in out and "password:" in out

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert _row_counts() == first

    home = client.get("/")
    assert home.status_code == 200
    assert "Notts Community Hub" in home.content.decode()
    priorities = client.get("/about-the-vru/our-priorities/").content.decode()
    assert "Community capacity building and empowerment" in priorities
    areas = client.get("/about-the-vru/areas-we-cover/").content.decode()
    for area in (
        "Nottingham City",
        "Ashfield",
        "Bassetlaw",
        "Broxtowe",
        "Gedling",
        "Mansfield",
        "Newark and Sherwood",
        "Rushcliffe",
    ):
        assert area in areas
