"""Make the private "Panel papers" document collection (panel members and VRU staff only),
use the papers chooser for meetings' papers, and file every existing paper in it, so no paper
stays where Wagtail's document view would give it to anybody."""

import wagtail.fields
from django.db import migrations

from cms.core.private_collections import make_restricted_collection
from cms.core.roles import PANEL_MEMBER, VRU_STAFF

PAPERS_COLLECTION = "Panel papers"


def file_papers_privately(apps, schema_editor):
    collection = make_restricted_collection(apps, PAPERS_COLLECTION, [PANEL_MEMBER, VRU_STAFF])
    PanelMeeting = apps.get_model("consultations", "PanelMeeting")
    Document = apps.get_model("wagtaildocs", "Document")
    paper_ids = {
        block["value"]
        for meeting in PanelMeeting.objects.all()
        for block in meeting.papers.raw_data
        if block.get("value")
    }
    Document.objects.filter(pk__in=paper_ids).update(collection=collection)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_respondent_token_not_account"),
        ("core", "0002_create_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.AlterField(
            model_name="panelmeeting",
            name="papers",
            field=wagtail.fields.StreamField(
                [("paper", 0)],
                blank=True,
                block_lookup={0: ("consultations.papers.PanelPaperChooserBlock", (), {})},
            ),
        ),
        migrations.RunPython(file_papers_privately, migrations.RunPython.noop),
    ]
