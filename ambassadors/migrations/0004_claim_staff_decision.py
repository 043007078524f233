# Claim is now a cms.core.decisions.StaffDecision. It already had decided_by, decided_at and
# decision_reason under those names, so only the reason's label changes: no data moves.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0003_outreach_services_signposted"),
    ]

    operations = [
        migrations.AlterField(
            model_name="claim",
            name="decision_reason",
            field=models.TextField(blank=True, verbose_name="reason for the decision"),
        ),
    ]
