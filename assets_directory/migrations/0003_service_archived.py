"""`Service.archived` replaces the "archived" value of `Service.status` (see 0004, 0005).
Claims become staff decisions (cms.core.decisions): only the reason's label changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assets_directory", "0002_reference_data_and_moderation"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="archived",
            field=models.BooleanField(
                default=False, help_text="Out of the directory for good (its history is kept)."
            ),
        ),
        migrations.AlterField(
            model_name="organisationclaim",
            name="decision_reason",
            field=models.TextField(blank=True, verbose_name="reason for the decision"),
        ),
    ]
