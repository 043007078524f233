"""Ambassadors link to the directory: listings they signposted, and gaps they propose."""

import pytest
from django.urls import reverse

from ambassadors.models import AreaCovered, OutreachLog
from assets_directory.models import Service
from tests.ambassadors.test_outreach import log_data
from tests.directory.factories import publish_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(ambassador):
    AreaCovered.objects.create(ambassador=ambassador, area="mansfield", ward="Oak Tree")
    return {
        "mansfield": publish_service(name="Oak Tree Youth Club", areas=["mansfield"]),
        "elsewhere": publish_service(name="Beeston Boxing", areas=["broxtowe"]),
    }


def test_the_form_offers_published_listings_in_the_ambassadors_areas(ambassador_client, listings):
    draft = Service.objects.create(
        organisation=listings["mansfield"].organisation, name="Unpublished Club", live=False
    )
    draft.areas.set([listings["mansfield"].areas.get()])

    form = ambassador_client.get(reverse("ambassadors:log_create")).context["form"]
    offered = list(form.fields["services_signposted"].queryset)

    assert offered == [listings["mansfield"]]


def test_a_signposted_listing_is_saved_and_counted_on_the_dashboard(
    ambassador_client, listings, coordinator
):
    youth_club = listings["mansfield"]
    ambassador_client.post(
        reverse("ambassadors:log_create"), log_data(services_signposted=[str(youth_club.pk)])
    )
    assert list(OutreachLog.objects.get().services_signposted.all()) == [youth_club]

    ambassador_client.force_login(coordinator)
    response = ambassador_client.get(reverse("ambassadors_dashboard"))
    services = next(s for s in response.context["sections"] if s.key == "services")
    assert services.rows == [{"label": "Oak Tree Youth Club", "activities": 1}]


def test_a_listing_outside_the_ambassadors_areas_is_refused(ambassador_client, listings):
    response = ambassador_client.post(
        reverse("ambassadors:log_create"),
        log_data(services_signposted=[str(listings["elsewhere"].pk)]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not OutreachLog.objects.exists()


def test_the_portal_links_to_proposing_a_gap(ambassador_client):
    response = ambassador_client.get(reverse("ambassadors:portal"))
    assert f'href="{reverse("gaps:propose")}"' in response.content.decode()
