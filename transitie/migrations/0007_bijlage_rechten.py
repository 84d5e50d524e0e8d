"""The beheerder sees the letters' annexes in the admin (read-only there; they are uploaded on the
letter's page). Raadsleden download them by the letter's own rule, not by a permission.

`ROLES` names what this migration gives each role; tests/conftest.py restores the roles from it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Beheerder": ["transitie.view_briefbijlage"],
}


def _permissions(apps, codes: list[str]):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in (code.split(".") for code in codes)
    ]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("transitie")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codes))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codes in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, codes))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("transitie", "0006_brief_onderdelen_bijlagen"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
