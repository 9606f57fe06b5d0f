import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0006_completion_export_table"),
    ]

    operations = [
        migrations.AddField(
            model_name="learningrecordstatement",
            name="next_try_at",
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now, null=True),
        ),
    ]
