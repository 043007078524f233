"""The home page now draws its six task cards itself (cms.core.models.HOME_TASKS). A home page
made before that has a "cards" block in its body linking to the same places, which would show
every card twice: remove a cards block whose every link is one of the tasks' addresses (an
editor's own cards, linking anywhere else, stay)."""

import json

from django.db import migrations

TASK_PATHS = {
    "/services/",
    "/services/provider/",
    "/services/gaps/",
    "/have-your-say/",
    "/ambassadors/",
    "/publications/",
}


def duplicates_the_tasks(block: dict) -> bool:
    cards = (block.get("value") or {}).get("cards") or []
    return (
        block.get("type") == "cards"
        and bool(cards)
        and all(card.get("link_url") in TASK_PATHS and not card.get("link_page") for card in cards)
    )


def without_duplicate_cards(body: list) -> list:
    return [block for block in body if not duplicates_the_tasks(block)]


def drop_duplicate_cards(apps, schema_editor):
    HomePage = apps.get_model("core", "HomePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    home_type = ContentType.objects.filter(app_label="core", model="homepage").first()
    for page in HomePage.objects.all():
        body = [dict(block) for block in page.body.raw_data] if page.body else []
        kept = without_duplicate_cards(body)
        if kept != body:
            page.body = kept
            page.save(update_fields=["body"])
        revisions = Revision.objects.filter(content_type=home_type, object_id=str(page.pk))
        for revision in revisions:
            if "body" not in revision.content:
                continue
            stored = revision.content["body"]
            blocks = json.loads(stored) if isinstance(stored, str) else stored
            if without_duplicate_cards(blocks) != blocks:
                revision.content["body"] = json.dumps(without_duplicate_cards(blocks))
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_outgoing_email_once_key"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(drop_duplicate_cards, migrations.RunPython.noop)]
