"""Create the platform's roles as groups, with the admin rights VRU staff and coordinators need."""

from django.db import migrations

from cms.core.roles import (
    ALL_ROLES,
    AMBASSADOR_COORDINATOR,
    VRU_STAFF,
    grant_permissions,
)

WAGTAIL_STARTER_GROUPS = ["Moderators", "Editors"]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    # Wagtail's generic starter groups would sit confusingly beside the platform's roles.
    Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS).delete()
    for role in ALL_ROLES:
        Group.objects.get_or_create(name=role)

    for role in (VRU_STAFF, AMBASSADOR_COORDINATOR):
        grant_permissions(apps, role, [("wagtailadmin", "access_admin")])

    _grant_page_and_collection_rights(apps, VRU_STAFF)
    _grant_collection_rights(apps, AMBASSADOR_COORDINATOR)


def _grant_page_and_collection_rights(apps, role):
    """VRU staff edit and publish every page on the site."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.get(name=role)
    root = Page.objects.filter(depth=1).first()
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    _grant_collection_rights(apps, role)


def _grant_collection_rights(apps, role):
    """Upload and choose images and documents in every collection."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    grant_permissions(apps, role, COLLECTION_PERMISSIONS)
    group = Group.objects.get(name=role)
    root = Collection.objects.filter(depth=1).first()
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ALL_ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
