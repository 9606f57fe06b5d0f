"""The programme's names and the certificate's signatory become a setting edited in the admin
(certificates.CertificateSettings), no longer constants in code. Programme managers may change it;
administrators hold every permission of the certificates app, this model's included."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CHANGE_SETTINGS = "change_certificatesettings"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    of_settings = Permission.objects.filter(
        content_type__app_label="certificates", content_type__model="certificatesettings"
    )
    Group.objects.get(name="Programme manager").permissions.add(
        of_settings.get(codename=CHANGE_SETTINGS)
    )
    Group.objects.get(name="Administrator").permissions.add(*of_settings)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="certificates", content_type__model="certificatesettings"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0003_action_permissions'),
    ]

    operations = [
        migrations.CreateModel(
            name='CertificateSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('programme_name_en', models.CharField(default='Himaya', max_length=60, verbose_name='programme name (English)')),
                ('programme_name_ar', models.CharField(default='حماية', max_length=60, verbose_name='programme name (Arabic)')),
                ('programme_full_name_en', models.CharField(default='National programme for identifying and referring victims of trafficking', max_length=200, verbose_name="programme's full name (English)")),
                ('programme_full_name_ar', models.CharField(default='البرنامج الوطني للتعرف على ضحايا الاتجار بالأشخاص وإحالتهم', max_length=200, verbose_name="programme's full name (Arabic)")),
                ('signatory_name_en', models.CharField(default='Dr. Amal Al-Fahad', max_length=100, verbose_name="signatory's name (English)")),
                ('signatory_name_ar', models.CharField(default='د. آمال الفهد', max_length=100, verbose_name="signatory's name (Arabic)")),
                ('signatory_title_en', models.CharField(default='Director, National Training Programme', max_length=150, verbose_name="signatory's title (English)")),
                ('signatory_title_ar', models.CharField(default='مديرة البرنامج الوطني للتدريب', max_length=150, verbose_name="signatory's title (Arabic)")),
            ],
            options={
                'verbose_name': 'certificate settings',
                'verbose_name_plural': 'certificate settings',
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
