"""Postcodes load from the ONS file; providers' addresses are geocoded; problems reported."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from assets_directory.geocoding import normalise_postcode
from assets_directory.models import ListingReport, Location, Postcode
from assets_directory.tasks import geocode_location
from cms.core.roles import VRU_STAFF
from tests.directory.factories import publish_service

pytestmark = pytest.mark.django_db


def test_loader_reads_onspd_columns_skips_terminated_and_is_rerunnable(tmp_path):
    source = tmp_path / "ONSPD.csv"
    source.write_text(
        "pcd,pcds,doterm,oslaua,osward,lat,long,extra\n"
        "NG1  5FS,NG1 5FS,,E06000018,E05012275,52.95,-1.15,x\n"
        "NG1  5ZZ,NG1 5ZZ,199901,E06000018,,52.95,-1.15,x\n"
        "ZZ99 3WZ,ZZ99 3WZ,,,,99.999999,0.000000,x\n"
        "S80  1AA,S80 1AA,,E07000171,,53.30,-1.12,x\n"
    )
    call_command("load_postcodes", str(source), "--prefix", "NG", verbosity=0)
    assert list(Postcode.objects.values_list("postcode", "ward_code")) == [("NG1 5FS", "E05012275")]
    call_command("load_postcodes", str(source), verbosity=0)
    assert Postcode.objects.count() == 2


def test_loader_refuses_a_file_that_is_not_postcodes(tmp_path):
    source = tmp_path / "other.csv"
    source.write_text("name,age\nSam,3\n")
    with pytest.raises(CommandError, match="Not a postcode file"):
        call_command("load_postcodes", str(source), verbosity=0)


def test_codepoint_open_grid_references_become_the_right_latitude_and_longitude(postcodes):
    """Real Code-Point Open rows from the package, converted from the National Grid."""
    square = Postcode.objects.get(postcode="NG1 5FS")
    # NG1 5FS is on the north side of Nottingham's Old Market Square (52.9536, -1.1505).
    assert square.latitude == pytest.approx(52.955, abs=0.003)
    assert square.longitude == pytest.approx(-1.152, abs=0.005)
    worksop = Postcode.objects.get(postcode="S80 2AH")  # Bassetlaw's offices, Worksop
    assert (round(worksop.latitude, 2), round(worksop.longitude, 2)) == (53.30, -1.12)


def test_codepoint_rows_without_coordinates_are_skipped(tmp_path):
    source = tmp_path / "ng.csv"
    # Copied from the package's ng.csv.gz, plus one row marked "no coordinates" (quality 90).
    source.write_text("NG1 1AA,10,457804,340087\nNG1 1ZZ,90,0,0\n")
    call_command("load_postcodes", str(source), verbosity=0)
    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["NG1 1AA"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ng15fs", "NG1 5FS"), (" s80 1aa ", "S80 1AA"), ("NG1", None), ("12345", None)],
)
def test_postcodes_are_normalised(typed, expected):
    assert normalise_postcode(typed) == expected


def test_geocode_task_fills_in_the_point(postcodes):
    location = Location.objects.create(address_1="1 Road", city="Worksop", postal_code="S80 1AA")
    assert geocode_location.delay(location.pk).get() is False  # not in the test sectors
    location = Location.objects.create(address_1="1 Road", city="Bulwell", postal_code="NG6 8QA")
    assert geocode_location.delay(location.pk).get() is True
    location.refresh_from_db()
    assert (location.latitude, location.longitude) == (53.001202, -1.196974)


def test_report_a_problem_goes_to_moderators(
    client, make_user, home_page, django_capture_on_commit_callbacks
):
    make_user(username="vru", email="vru@example.org", roles=[VRU_STAFF])
    service = publish_service(name="Food bank")
    page = client.get(service.get_absolute_url())
    assert "Report a problem with this listing" in page.content.decode()
    url = f"{service.get_absolute_url()}report/"
    empty = client.post(url, {"problem": ""})
    assert empty.status_code == 400
    assert "Tell us what is wrong" in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # mail goes once it is saved
        response = client.post(
            url, {"problem": "It closed in May.", "reporter_email": "me@example.org"}
        )
    assert response.status_code == 200
    report = ListingReport.objects.get()
    assert report.problem == "It closed in May."
    assert mail.outbox[-1].to == ["vru@example.org"]
    assert mail.outbox[-1].subject == "Problem reported with the listing 'Food bank'"
    report.resolved = True
    report.save()
    report.refresh_from_db()
    assert report.reporter_email == ""  # retention: gone once dealt with
