"""Panel applications become staff decisions: who decided, when and why.

`status_changed_at` meant two things: when staff decided, or, for a member who left, when
they left. It becomes `left_at` for those who left, and `decided_at` for the decided, so each
field means one thing and retention (declined: from the decision; left: from leaving) keeps
the same dates. Nothing is lost: a member who left had no other date recorded.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F

DECIDED = ["approved", "declined"]


def split_dates(apps, schema_editor):
    PanelApplication = apps.get_model("consultations", "PanelApplication")
    PanelApplication.objects.filter(status__in=DECIDED).update(
        decided_at=F("left_at"), left_at=None
    )


def join_dates(apps, schema_editor):
    PanelApplication = apps.get_model("consultations", "PanelApplication")
    PanelApplication.objects.filter(status__in=DECIDED).update(left_at=F("decided_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_staff_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="panelapplication",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="panelapplication",
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
            model_name="panelapplication",
            name="decision_reason",
            field=models.TextField(blank=True, verbose_name="reason for the decision"),
        ),
        migrations.RenameField(
            model_name="panelapplication", old_name="status_changed_at", new_name="left_at"
        ),
        migrations.AlterField(
            model_name="panelapplication",
            name="left_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="left the panel at"),
        ),
        migrations.RunPython(split_dates, join_dates),
    ]
