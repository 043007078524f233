"""Reference data every site needs, and the moderation workflow for listings.

The eight areas come from cms.core.areas, their wards and the places residents type from
data/areas.json (keyed by area slug); the category tree follows the VRU's
scope and the Strategic Needs Assessment. Staff can edit all of it afterwards in the admin.
VRU staff moderate listings: a Wagtail workflow with one group-approval task.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

from cms.core.areas import AREAS
from cms.core.roles import VRU_STAFF, grant_permissions

DATA = Path(__file__).resolve().parents[1] / "data" / "areas.json"

CATEGORIES = [
    ("Mentoring", []),
    (
        "Education, training and employment",
        ["Alternative education", "Apprenticeships and jobs", "Skills and training"],
    ),
    (
        "Youth clubs and diversionary activity",
        ["Youth clubs", "Sport and fitness", "Arts, music and media"],
    ),
    ("Parenting and family support", ["Early help", "Parenting courses"]),
    ("Drug and alcohol support", []),
    ("Mental health, trauma, loss and bereavement", ["Counselling", "Bereavement support"]),
    ("Domestic and sexual violence support", ["Domestic abuse", "Sexual violence"]),
    ("Knife crime awareness", []),
    ("Gangs, county lines and exploitation", []),
    ("SEND support", []),
    ("Housing and homelessness", []),
    ("Money and food", ["Food banks", "Benefits and debt advice"]),
    ("Victims' support", []),
    ("Rehabilitation and resettlement", []),
]

LANGUAGES = [
    ("en", "English"),
    ("pl", "Polish"),
    ("ur", "Urdu"),
    ("pa", "Punjabi"),
    ("ro", "Romanian"),
    ("ar", "Arabic"),
    ("ku", "Kurdish"),
    ("so", "Somali"),
    ("bn", "Bengali"),
    ("bfi", "British Sign Language"),
]


def load_reference_data(apps, schema_editor):
    Area = apps.get_model("assets_directory", "Area")
    Ward = apps.get_model("assets_directory", "Ward")
    Place = apps.get_model("assets_directory", "Place")
    Taxonomy = apps.get_model("assets_directory", "Taxonomy")
    Language = apps.get_model("assets_directory", "Language")
    data = json.loads(DATA.read_text())
    for vru_area in AREAS:
        area, _ = Area.objects.get_or_create(
            slug=vru_area.slug, defaults={"name": vru_area.name, "gss_code": vru_area.gss_code}
        )
        for ward in data["wards"][vru_area.slug]:
            Ward.objects.get_or_create(area=area, name=ward)
    for item in data["places"]:
        Place.objects.get_or_create(
            name=item["name"],
            defaults={
                "area": Area.objects.get(slug=item["area"]),
                "latitude": item["latitude"],
                "longitude": item["longitude"],
            },
        )
    for order, (name, children) in enumerate(CATEGORIES):
        parent, _ = Taxonomy.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": order}
        )
        for child_order, child in enumerate(children):
            Taxonomy.objects.get_or_create(
                slug=slugify(child),
                defaults={"name": child, "parent": parent, "sort_order": child_order},
            )
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})


def set_up_moderation(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")

    models = ["service", "organisation", "organisationclaim", "listingreport", "taxonomy"]
    models += ["area", "ward", "language", "location"]
    grant_permissions(
        apps,
        VRU_STAFF,
        [("assets_directory", f"{verb}_{model}") for model in models for verb in ("add", "change")]
        + [("assets_directory", "delete_taxonomy"), ("assets_directory", "delete_ward")],
    )
    staff = Group.objects.get(name=VRU_STAFF)
    service_type, _ = ContentType.objects.get_or_create(
        app_label="assets_directory", model="service"
    )
    for codename, name in [("publish_service", "Can publish"), ("lock_service", "Can lock")]:
        permission, _ = Permission.objects.get_or_create(
            content_type=service_type, codename=codename, defaults={"name": name}
        )
        staff.permissions.add(permission)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Directory moderators approve").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Directory moderators approve", content_type=task_type, active=True
        )
        task.groups.set([staff])
    workflow, _ = Workflow.objects.get_or_create(name="Directory listing review")
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=Task.objects.get(pk=task.pk), defaults={"sort_order": 0}
    )
    WorkflowContentType.objects.update_or_create(
        content_type=service_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("assets_directory", "0001_initial"),
        ("core", "0002_create_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
        migrations.RunPython(set_up_moderation, migrations.RunPython.noop),
    ]
