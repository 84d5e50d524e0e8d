"""The registers of changes to the financial frameworks and of the letters' commitments
(toezeggingen), and the roles' permissions on them.

`ROLES` is the whole role table as of this migration (0002's plus the new permissions); the e2e
harness restores the roles from it.
"""

import importlib

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
import simple_history.models
from django.conf import settings
from django.db import migrations, models

_rollen = importlib.import_module("transitie.migrations.0002_rollen")
BEHEERDER = _rollen.BEHEERDER

VIEW_REGISTERS = [
    "transitie.view_kaderwijziging",
    "transitie.view_raadsbehandeling",
    "transitie.view_toezegging",
]
# Both regiekamers put a framework change to the councils and record their decisions.
KADERS = [
    "transitie.add_kaderwijziging",
    "transitie.add_raadsbehandeling",
    "transitie.change_raadsbehandeling",
]
NIEUW = {
    "Ambtenaar": [*VIEW_REGISTERS, "transitie.add_toezegging"],
    "Ambtelijke regiekamer": [
        *VIEW_REGISTERS,
        *KADERS,
        "transitie.add_toezegging",
        "transitie.afdoen_toezegging",
    ],
    "Bestuurlijke regiekamer": [*VIEW_REGISTERS, *KADERS, "transitie.afdoen_toezegging"],
    "Raadslid": [],
}
ROLES = {naam: [*codes, *NIEUW[naam]] for naam, codes in _rollen.ROLES.items()}


def _permissions(apps, codes: list[str]):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in (code.split(".") for code in codes)
    ]


def create_roles(apps, schema_editor):
    """Add the new permissions to the roles. `add`, not `set`: another app's migration (the audit
    log's) may already have given a role a permission of its own."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in NIEUW.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codes))
    beheerder, _ = Group.objects.get_or_create(name=BEHEERDER)
    beheerder.permissions.add(*Permission.objects.all())


def restore_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codes in NIEUW.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, codes))


class Migration(migrations.Migration):
    dependencies = [
        ("drechtsteden", "0001_initial"),
        ("transitie", "0002_rollen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Kaderwijziging",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("titel", models.CharField(max_length=300, verbose_name="titel")),
                ("omschrijving", models.TextField(blank=True, verbose_name="omschrijving")),
                (
                    "bedrag",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Het effect op de kaders in euro, waar dat van toepassing is.",
                        max_digits=14,
                        null=True,
                        verbose_name="financieel effect",
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum")),
                ("is_demo", models.BooleanField(default=False, verbose_name="demodata")),
                (
                    "brief",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="kaderwijzigingen",
                        to="transitie.raadsinformatiebrief",
                        verbose_name="aangekondigd in brief",
                    ),
                ),
            ],
            options={
                "verbose_name": "kaderwijziging",
                "verbose_name_plural": "kaderwijzigingen",
                "ordering": ["-datum", "-id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalKaderwijziging",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("titel", models.CharField(max_length=300, verbose_name="titel")),
                ("omschrijving", models.TextField(blank=True, verbose_name="omschrijving")),
                (
                    "bedrag",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Het effect op de kaders in euro, waar dat van toepassing is.",
                        max_digits=14,
                        null=True,
                        verbose_name="financieel effect",
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum")),
                ("is_demo", models.BooleanField(default=False, verbose_name="demodata")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField()),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "brief",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="transitie.raadsinformatiebrief",
                        verbose_name="aangekondigd in brief",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical kaderwijziging",
                "verbose_name_plural": "historical kaderwijzigingen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [
                    models.Index(
                        fields=["history_date", "id"], name="transitie_h_history_f13c2c_idx"
                    )
                ],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalToezegging",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("tekst", models.TextField(verbose_name="toezegging")),
                ("verwacht_op", models.DateField(verbose_name="verwacht op")),
                ("afdoening", models.TextField(blank=True, verbose_name="afdoening")),
                (
                    "afgedaan_op",
                    models.DateField(blank=True, null=True, verbose_name="afgedaan op"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField()),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "brief",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="transitie.raadsinformatiebrief",
                        verbose_name="brief",
                    ),
                ),
                (
                    "gemeente",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Leeg: de toezegging geldt voor alle zeven gemeenteraden.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="drechtsteden.gemeente",
                        verbose_name="gemeenteraad",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical toezegging",
                "verbose_name_plural": "historical toezeggingen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [
                    models.Index(
                        fields=["history_date", "id"], name="transitie_h_history_f6fd65_idx"
                    )
                ],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRaadsbehandeling",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("voorgelegd", "Voorgelegd"),
                            ("vastgesteld", "Vastgesteld"),
                            ("afgewezen", "Afgewezen"),
                        ],
                        default="voorgelegd",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum")),
                ("toelichting", models.TextField(blank=True, verbose_name="toelichting")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField()),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "gemeente",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="drechtsteden.gemeente",
                        verbose_name="gemeente",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "kaderwijziging",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="transitie.kaderwijziging",
                        verbose_name="kaderwijziging",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical raadsbehandeling",
                "verbose_name_plural": "historical raadsbehandelingen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
                "indexes": [
                    models.Index(
                        fields=["history_date", "id"], name="transitie_h_history_692f93_idx"
                    )
                ],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Raadsbehandeling",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("voorgelegd", "Voorgelegd"),
                            ("vastgesteld", "Vastgesteld"),
                            ("afgewezen", "Afgewezen"),
                        ],
                        default="voorgelegd",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("datum", models.DateField(verbose_name="datum")),
                ("toelichting", models.TextField(blank=True, verbose_name="toelichting")),
                (
                    "gemeente",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="raadsbehandelingen",
                        to="drechtsteden.gemeente",
                        verbose_name="gemeente",
                    ),
                ),
                (
                    "kaderwijziging",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="raadsbehandelingen",
                        to="transitie.kaderwijziging",
                        verbose_name="kaderwijziging",
                    ),
                ),
            ],
            options={
                "verbose_name": "raadsbehandeling",
                "verbose_name_plural": "raadsbehandelingen",
                "ordering": ["kaderwijziging", "gemeente__naam"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kaderwijziging", "gemeente"),
                        name="raadsbehandeling_uniek",
                        violation_error_message="Deze raad behandelt deze kaderwijziging al.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status__in", ["voorgelegd", "vastgesteld", "afgewezen"])
                        ),
                        name="raadsbehandeling_status_geldig",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Toezegging",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("tekst", models.TextField(verbose_name="toezegging")),
                ("verwacht_op", models.DateField(verbose_name="verwacht op")),
                ("afdoening", models.TextField(blank=True, verbose_name="afdoening")),
                (
                    "afgedaan_op",
                    models.DateField(blank=True, null=True, verbose_name="afgedaan op"),
                ),
                (
                    "brief",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="toezeggingen",
                        to="transitie.raadsinformatiebrief",
                        verbose_name="brief",
                    ),
                ),
                (
                    "gemeente",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leeg: de toezegging geldt voor alle zeven gemeenteraden.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="toezeggingen",
                        to="drechtsteden.gemeente",
                        verbose_name="gemeenteraad",
                    ),
                ),
            ],
            options={
                "verbose_name": "toezegging",
                "verbose_name_plural": "toezeggingen",
                "ordering": ["verwacht_op", "id"],
                "permissions": [("afdoen_toezegging", "Kan een toezegging afdoen")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("afdoening", ""), ("afgedaan_op__isnull", True)),
                            models.Q(
                                ("afgedaan_op__isnull", False),
                                models.Q(("afdoening", ""), _negated=True),
                            ),
                            _connector="OR",
                        ),
                        name="toezegging_afgedaan_met_datum_en_tekst",
                        violation_error_message="Een afgedane toezegging heeft een datum en een beschrijving van de afdoening.",
                    )
                ],
            },
        ),
        migrations.RunPython(create_roles, restore_roles),
    ]
