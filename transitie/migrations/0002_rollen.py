"""Creates the portal's roles as Django groups with their permissions.

The role definitions are frozen here, as a migration must be; a later change of a role's permissions is
a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_ALL = [
    "drechtsteden.view_gemeente",
    "thema.view_thema",
    "thema.view_teamlid",
    "thema.view_partner",
    "thema.view_activiteit",
    "thema.view_deelname",
    "thema.view_beoordeling",
    "thema.view_financieleconsequentie",
    "transitie.view_regiekamer",
    "transitie.view_lidmaatschap",
    "transitie.view_verantwoordelijkheid",
    "transitie.view_advies",
    "transitie.view_stem",
    "transitie.view_besluit",
    "transitie.view_transitieplan",
    "transitie.view_aanbeveling",
    "transitie.view_mijlpaal",
    "transitie.view_begroting",
    "transitie.view_begrotingspost",
    "transitie.view_bijdrage",
    "transitie.view_raadsinformatiebrief",
    "transitie.view_briefsectie",
    "transitie.view_briefpublicatie",
]

DRAFT_LETTERS = [
    "transitie.add_raadsinformatiebrief",
    "transitie.change_raadsinformatiebrief",
    "transitie.add_briefsectie",
    "transitie.change_briefsectie",
]

ROLES = {
    "Ambtenaar": VIEW_ALL
    + DRAFT_LETTERS
    + [
        "thema.add_beoordeling",
        "thema.change_beoordeling",
        "thema.submit_beoordeling",
        "thema.add_financieleconsequentie",
        "thema.change_financieleconsequentie",
        "thema.delete_financieleconsequentie",
    ],
    "Ambtelijke regiekamer": VIEW_ALL
    + DRAFT_LETTERS
    + [
        "transitie.add_advies",
        "transitie.agenderen_advies",
        "transitie.add_mijlpaal",
        "transitie.change_mijlpaal",
    ],
    "Bestuurlijke regiekamer": VIEW_ALL
    + [
        "transitie.add_stem",
        "transitie.change_stem",
        "transitie.aftekenen_mijlpaal",
        "transitie.publish_raadsinformatiebrief",
    ],
    "Raadslid": [
        "transitie.view_raadsinformatiebrief",
        "transitie.view_briefpublicatie",
    ],
}
BEHEERDER = "Beheerder"


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
    beheerder, _ = Group.objects.get_or_create(name=BEHEERDER)
    beheerder.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[*ROLES, BEHEERDER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("drechtsteden", "0001_initial"),
        ("thema", "0001_initial"),
        ("transitie", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
