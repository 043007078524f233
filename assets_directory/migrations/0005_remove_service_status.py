"""`Service.status` is gone: Wagtail's `live` and workflow state say draft, in review and
published; `Service.archived` (0004 filled it) says archived."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assets_directory", "0004_archived_from_status"),
    ]

    operations = [migrations.RemoveField(model_name="service", name="status")]
