"""Migrations 0003-0005 replace `Service.status` with `Service.archived` without losing an
archived listing, in its row or in the revisions a provider's next edit starts from."""

import pytest
from django.utils import timezone

from assets_directory.models import Service
from tests.migrations import migrate, migrate_to_latest

BEFORE = [("assets_directory", "0002_reference_data_and_moderation")]
AFTER = [("assets_directory", "0007_free_text_length_limits")]  # the latest: other tests need it


@pytest.fixture
def listings_with_status():
    """An archived and a published listing, each with a revision, as 0002 stored them."""
    apps = migrate(BEFORE)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    Organisation = apps.get_model("assets_directory", "Organisation")
    OldService = apps.get_model("assets_directory", "Service")
    service_type, _ = ContentType.objects.get_or_create(
        app_label="assets_directory", model="service"
    )
    organisation = Organisation.objects.create(name="Meadows Trust", slug="meadows-trust")
    ids = {}
    for status in ("archived", "published"):
        service = OldService.objects.create(
            organisation=organisation,
            name=f"{status} club",
            slug=f"{status}-club",
            description="Games.",
            status=status,
            live=True,
        )
        revision = Revision.objects.create(
            content_type=service_type,
            base_content_type=service_type,
            object_id=str(service.pk),
            object_str=service.name,
            content={"pk": service.pk, "name": service.name, "status": status},
            created_at=timezone.now(),
        )
        OldService.objects.filter(pk=service.pk).update(latest_revision=revision)
        ids[status] = service.pk
    yield ids
    migrate_to_latest()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_archived_status_becomes_the_archived_flag_in_rows_and_revisions(listings_with_status):
    migrate(AFTER)

    archived = Service.objects.get(pk=listings_with_status["archived"])
    published = Service.objects.get(pk=listings_with_status["published"])
    assert archived.archived and not published.archived
    assert archived.latest_revision.content["archived"] is True
    assert "status" not in archived.latest_revision.content
    assert published.latest_revision.content["archived"] is False
    assert list(Service.objects.searchable()) == [published]
