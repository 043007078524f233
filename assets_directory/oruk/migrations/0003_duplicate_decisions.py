"""Duplicate reviews become staff decisions: who decided, when (was resolved_at) and why."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("oruk", "0002_staff_review_duplicates"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("duplicatepair", "resolved_at", "decided_at"),
        migrations.AddField(
            model_name="duplicatepair",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="duplicatepair",
            name="decision_reason",
            field=models.TextField(blank=True, verbose_name="reason for the decision"),
        ),
    ]
