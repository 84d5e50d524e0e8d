"""The audit log's index with its hash chain, and who may read it.

Existing history rows get their index rows with `manage.py controleer_historie --indexeer
--eerste-opbouw` (once).
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.conf import settings
from django.db import migrations, models


# Who reads the audit log: the beheerder and the members of both regiekamers. The e2e fixture
# `rollen` (tests/e2e/conftest.py) applies these too, after a live-server test's flush.
ROLES = {
    "Ambtelijke regiekamer": ["drechtsteden.view_historieregel"],
    "Bestuurlijke regiekamer": ["drechtsteden.view_historieregel"],
    "Beheerder": ["drechtsteden.view_historieregel"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("drechtsteden")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="drechtsteden", content_type__model="historieregel"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('drechtsteden', '0001_initial'),
        # The roles exist (and have their permissions set) before this adds one to them.
        ('transitie', '0002_rollen'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Historieregel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('historie_id', models.BigIntegerField(verbose_name='historie-id')),
                ('object_id', models.BigIntegerField(verbose_name='object-id')),
                ('object_naam', models.CharField(max_length=255, verbose_name='object')),
                ('gebruikersnaam', models.CharField(blank=True, max_length=150, verbose_name='gebruikersnaam')),
                ('type', models.CharField(max_length=1, verbose_name='soort wijziging')),
                ('datum', models.DateTimeField(verbose_name='datum')),
                ('reden', models.TextField(blank=True, verbose_name='reden')),
                ('hash', models.CharField(max_length=64, unique=True, verbose_name='hash')),
                ('vorige_hash', models.CharField(max_length=64, unique=True, verbose_name='vorige hash')),
                ('gebruiker', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker')),
                ('gemeente', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='drechtsteden.gemeente', verbose_name='gemeente')),
                ('soort', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='soort object')),
            ],
            options={
                'verbose_name': 'historieregel',
                'verbose_name_plural': 'historieregels',
                'ordering': ['-datum', '-id'],
                'indexes': [models.Index(fields=['datum', 'id'], name='historieregel_datum'), models.Index(fields=['gebruiker', 'datum', 'id'], name='historieregel_gebruiker'), models.Index(fields=['gemeente', 'datum', 'id'], name='historieregel_gemeente'), models.Index(fields=['soort', 'datum', 'id'], name='historieregel_soort'), models.Index(fields=['soort', 'object_id', 'datum', 'id'], name='historieregel_object')],
                'constraints': [models.UniqueConstraint(fields=('soort', 'historie_id'), name='historieregel_een_per_historierij'), models.CheckConstraint(condition=models.Q(('type__in', ['+', '~', '-'])), name='historieregel_type')],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
