"""Frozen quiz versions record the edition of the scoring rules they were published under.
Versions frozen before this migration were scored under edition 1 and keep it; new versions are
published under the current edition (docs/scoring.md, "Editions")."""

from django.db import migrations, models

HELP = (
    "The edition of the scoring rules its attempts are scored and re-scored under "
    "(docs/scoring.md, Editions)."
)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_content_warning_labels")]

    operations = [
        migrations.AddField(
            model_name="quizversion",
            name="scoring_rules",
            field=models.PositiveSmallIntegerField(default=1, editable=False, help_text=HELP),
        ),
        migrations.AlterField(
            model_name="quizversion",
            name="scoring_rules",
            field=models.PositiveSmallIntegerField(default=2, editable=False, help_text=HELP),
        ),
    ]
