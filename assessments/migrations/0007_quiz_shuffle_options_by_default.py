"""Options shuffle by default in every quiz (issue 11, §6).

Quizzes already saved are switched on too, live and in their latest revision (which is what the
editor opens and the next publication freezes). Frozen versions keep the settings they were
published with: their attempts were drawn under them.
"""

from django.db import migrations, models


def shuffle_every_quiz(apps, schema_editor):
    Quiz = apps.get_model("assessments", "Quiz")
    Quiz.objects.update(shuffle_options=True)
    Revision = apps.get_model("wagtailcore", "Revision")
    latest = Quiz.objects.exclude(latest_revision=None).values_list("latest_revision", flat=True)
    for revision in Revision.objects.filter(pk__in=list(latest)):
        revision.content = {**revision.content, "shuffle_options": True}
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_matching_pair_tags_feedback_spare_answers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="quiz",
            name="shuffle_options",
            field=models.BooleanField(default=True, verbose_name="shuffle options"),
        ),
        migrations.RunPython(shuffle_every_quiz, migrations.RunPython.noop),
    ]
