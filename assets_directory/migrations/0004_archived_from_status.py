"""Carry each listing's archived status over to `Service.archived`, in its row and in every
revision, before the `status` column goes (0005).

The other statuses copied what Wagtail already records (`live`, the workflow), so only
"archived" needs keeping. Revisions carry it too: a provider's next edit starts from the
latest revision, and an archived listing must stay archived when that edit is approved.
"""

from django.db import migrations

ARCHIVED = "archived"


def _service_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    service_type = ContentType.objects.filter(app_label="assets_directory", model="service")
    return Revision.objects.filter(base_content_type__in=service_type)


def status_to_archived(apps, schema_editor):
    Service = apps.get_model("assets_directory", "Service")
    Service.objects.filter(status=ARCHIVED).update(archived=True)
    revisions = _service_revisions(apps)
    for revision in revisions.iterator():
        content = revision.content
        content["archived"] = content.pop("status", None) == ARCHIVED
        revisions.filter(pk=revision.pk).update(content=content)


def archived_to_status(apps, schema_editor):
    Service = apps.get_model("assets_directory", "Service")
    Service.objects.filter(archived=True).update(status=ARCHIVED)
    Service.objects.filter(archived=False, live=True).update(status="published")
    Service.objects.filter(archived=False, live=False).update(status="draft")
    revisions = _service_revisions(apps)
    for revision in revisions.iterator():
        content = revision.content
        content["status"] = ARCHIVED if content.pop("archived", False) else "published"
        revisions.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("assets_directory", "0003_service_archived"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(status_to_archived, archived_to_status)]
