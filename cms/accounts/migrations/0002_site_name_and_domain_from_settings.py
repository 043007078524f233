"""The Sites record says the site's name and public address, from the settings.

allauth's e-mails greet people with the site's name ("Hello from Notts Community Hub!");
without this Django's placeholder "example.com" would be used.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def name_the_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={
            "domain": urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc,
            "name": settings.WAGTAIL_SITE_NAME,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("sites", "0002_alter_domain_unique"), ("accounts", "0001_self_service_signups")]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
