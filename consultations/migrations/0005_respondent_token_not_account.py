"""Responses keep a one-way token of who gave them, never the account.

Each response linked to an account gets the keyed HMAC of that account and consultation;
each anonymous one, the HMAC of its browser token (which becomes that browser's resume
code); then the account link is dropped. Already anonymised responses stay as they are.
"""

from django.db import migrations, models

from consultations.respondents import account_token, resume_code_token


def tokens_instead_of_accounts(apps, schema_editor):
    ConsultationResponse = apps.get_model("consultations", "ConsultationResponse")
    for response in ConsultationResponse.objects.filter(anonymised_at__isnull=True):
        if response.user_id:
            token = account_token(response.user_id, response.consultation_id)
        elif response.respondent_token:
            token = resume_code_token(response.respondent_token, response.consultation_id)
        else:
            continue
        ConsultationResponse.objects.filter(pk=response.pk).update(respondent_token=token)


class Migration(migrations.Migration):
    dependencies = [
        ('consultations', '0004_decision_reason_length_limit'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="consultationresponse", name="one_response_per_account"
        ),
        migrations.RemoveConstraint(
            model_name="consultationresponse", name="one_response_per_browser"
        ),
        migrations.RunPython(tokens_instead_of_accounts, migrations.RunPython.noop),
        migrations.RemoveField(model_name="consultationresponse", name="user"),
        migrations.AddConstraint(
            model_name="consultationresponse",
            constraint=models.UniqueConstraint(
                condition=models.Q(("respondent_token", ""), _negated=True),
                fields=("consultation", "respondent_token"),
                name="one_response_per_person",
            ),
        ),
    ]
