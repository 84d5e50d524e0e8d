"""Publishing in the background: a request per letter and a step per council (rendered by the
worker). The beheerder sees them in the admin (read-only there).

`ROLES` names what this migration gives each role; tests/conftest.py restores the roles from it.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from django.contrib.auth.management import create_permissions

ROLES = {
    "Beheerder": ["transitie.view_publicatieopdracht", "transitie.view_publicatiestap"],
}


def _permissions(apps, codes):
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
        ('auth', '0012_alter_user_first_name_max_length'),
        ('drechtsteden', '0003_meldingen'),
        ('transitie', '0008_briefdatum_in_bereik'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Publicatieopdracht',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('bezig', 'Bezig'), ('gepubliceerd', 'Gepubliceerd'), ('mislukt', 'Mislukt')], default='bezig', max_length=20, verbose_name='status')),
                ('aangevraagd_op', models.DateTimeField(verbose_name='aangevraagd op')),
                ('peildatum', models.DateField(verbose_name='peildatum')),
                ('afgerond_op', models.DateTimeField(blank=True, null=True, verbose_name='afgerond op')),
                ('fout', models.TextField(blank=True, verbose_name='fout')),
                ('aangevraagd_door', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='aangevraagd door')),
                ('brief', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='publicatieopdrachten', to='transitie.raadsinformatiebrief', verbose_name='brief')),
            ],
            options={
                'verbose_name': 'publicatieopdracht',
                'verbose_name_plural': 'publicatieopdrachten',
                'ordering': ['-aangevraagd_op', '-id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalPublicatiestap',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('status', models.CharField(choices=[('wachtend', 'In de wachtrij'), ('bezig', 'Wordt gemaakt'), ('klaar', 'Klaar'), ('mislukt', 'Mislukt')], default='wachtend', max_length=20, verbose_name='status')),
                ('bestandsnaam', models.CharField(blank=True, max_length=200, verbose_name='bestandsnaam')),
                ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                ('open_data_json', models.TextField(blank=True, verbose_name='open data (JSON)')),
                ('open_data_csv', models.TextField(blank=True, verbose_name='open data (CSV)')),
                ('gestart_op', models.DateTimeField(blank=True, null=True, verbose_name='gestart op')),
                ('klaar_op', models.DateTimeField(blank=True, null=True, verbose_name='klaar op')),
                ('fout', models.TextField(blank=True, verbose_name='fout')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('gemeente', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='drechtsteden.gemeente', verbose_name='gemeente')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('opdracht', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='transitie.publicatieopdracht', verbose_name='publicatieopdracht')),
            ],
            options={
                'verbose_name': 'historical publicatiestap',
                'verbose_name_plural': 'historical publicatiestappen',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Publicatiestap',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('wachtend', 'In de wachtrij'), ('bezig', 'Wordt gemaakt'), ('klaar', 'Klaar'), ('mislukt', 'Mislukt')], default='wachtend', max_length=20, verbose_name='status')),
                ('bestandsnaam', models.CharField(blank=True, max_length=200, verbose_name='bestandsnaam')),
                ('pdf', models.BinaryField(blank=True, null=True, verbose_name='PDF')),
                ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                ('open_data_json', models.TextField(blank=True, verbose_name='open data (JSON)')),
                ('open_data_csv', models.TextField(blank=True, verbose_name='open data (CSV)')),
                ('gestart_op', models.DateTimeField(blank=True, null=True, verbose_name='gestart op')),
                ('klaar_op', models.DateTimeField(blank=True, null=True, verbose_name='klaar op')),
                ('fout', models.TextField(blank=True, verbose_name='fout')),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='drechtsteden.gemeente', verbose_name='gemeente')),
                ('opdracht', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stappen', to='transitie.publicatieopdracht', verbose_name='publicatieopdracht')),
            ],
            options={
                'verbose_name': 'publicatiestap',
                'verbose_name_plural': 'publicatiestappen',
                'ordering': ['gemeente__naam'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalPublicatieopdracht',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('status', models.CharField(choices=[('bezig', 'Bezig'), ('gepubliceerd', 'Gepubliceerd'), ('mislukt', 'Mislukt')], default='bezig', max_length=20, verbose_name='status')),
                ('aangevraagd_op', models.DateTimeField(verbose_name='aangevraagd op')),
                ('peildatum', models.DateField(verbose_name='peildatum')),
                ('afgerond_op', models.DateTimeField(blank=True, null=True, verbose_name='afgerond op')),
                ('fout', models.TextField(blank=True, verbose_name='fout')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('aangevraagd_door', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='aangevraagd door')),
                ('brief', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='transitie.raadsinformatiebrief', verbose_name='brief')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical publicatieopdracht',
                'verbose_name_plural': 'historical publicatieopdrachten',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
                'indexes': [models.Index(fields=['history_date', 'id'], name='transitie_h_history_abc38b_idx')],
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name='publicatieopdracht',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['bezig', 'gepubliceerd', 'mislukt'])), name='publicatieopdracht_status_geldig'),
        ),
        migrations.AddConstraint(
            model_name='publicatieopdracht',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'bezig')), fields=('brief',), name='publicatieopdracht_een_lopend_per_brief'),
        ),
        migrations.AddConstraint(
            model_name='publicatieopdracht',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('afgerond_op__isnull', True), ('status', 'bezig')), models.Q(models.Q(('status', 'bezig'), _negated=True), ('afgerond_op__isnull', False)), _connector='OR'), name='publicatieopdracht_afgerond_met_datum'),
        ),
        migrations.AddIndex(
            model_name='historicalpublicatiestap',
            index=models.Index(fields=['history_date', 'id'], name='transitie_h_history_3293cd_idx'),
        ),
        migrations.AddConstraint(
            model_name='publicatiestap',
            constraint=models.UniqueConstraint(fields=('opdracht', 'gemeente'), name='publicatiestap_een_per_gemeente'),
        ),
        migrations.AddConstraint(
            model_name='publicatiestap',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['wachtend', 'bezig', 'klaar', 'mislukt'])), name='publicatiestap_status_geldig'),
        ),
        migrations.AddConstraint(
            model_name='publicatiestap',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'klaar'), _negated=True), ('sha256__regex', '^[0-9a-f]{64}$'), _connector='OR'), name='publicatiestap_klaar_met_sha256'),
        ),
        migrations.RunPython(grant, revoke),
    ]
