"""Safeguarding alerts move into the mail outbox.

Logs whose lead was already told get a sent (empty) outbox record with the same time, so
they are not alerted again; flagged logs never told get their alert from the sweep
(`queue_missed_safeguarding_alerts`) after the upgrade.
"""

import django.db.models.deletion
from django.db import migrations, models


def record_alerts_already_sent(apps, schema_editor):
    OutreachLog = apps.get_model("ambassadors", "OutreachLog")
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    told = OutreachLog.objects.filter(safeguarding_lead_notified_at__isnull=False)
    for log in told:
        log.safeguarding_alert = OutgoingEmail.objects.create(
            next_attempt_at=log.safeguarding_lead_notified_at,
            sent_at=log.safeguarding_lead_notified_at,
        )
        log.save(update_fields=["safeguarding_alert"])


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0005_free_text_length_limits"),
        ("core", "0005_outgoing_email_and_deferred_task"),
    ]

    operations = [
        migrations.AddField(
            model_name="outreachlog",
            name="safeguarding_alert",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.outgoingemail",
            ),
        ),
        migrations.RunPython(record_alerts_already_sent, migrations.RunPython.noop),
        migrations.RemoveField(model_name="outreachlog", name="safeguarding_alert_queued_at"),
        migrations.RemoveField(model_name="outreachlog", name="safeguarding_lead_notified_at"),
    ]
