from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import services
from assessments.access import can_regrade_quizzes
from assessments.exchange import ExchangeError, load_yaml
from assessments.models import QuizVersion, Tag
from lms.people.models import User


class Command(BaseCommand):
    help = (
        "Regrades every submitted attempt of a quiz version with a corrected key (a YAML file of "
        "the version's scenarios). Old grades are kept; the regrade records who, when and why."
    )

    def add_arguments(self, parser):
        parser.add_argument("quiz_code")
        parser.add_argument("version", type=int)
        parser.add_argument("file")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--by", required=True, help="Email of the programme manager.")

    def handle(self, *args, quiz_code, version, file, reason, by, **options):
        frozen = QuizVersion.objects.filter(quiz__code=quiz_code, number=version).first()
        if frozen is None:
            raise CommandError(f"No version {version} of quiz {quiz_code}.")
        manager = User.objects.filter(email__iexact=by).first()
        if manager is None or not can_regrade_quizzes(manager):
            raise CommandError("Regrading is for programme managers.")
        try:
            scenarios = load_yaml(
                Path(file).read_text(encoding="utf-8-sig"),
                known_tags=set(Tag.objects.values_list("code", flat=True)),
            )
            regrade = services.regrade_version(
                version=frozen, scenarios=scenarios, reason=reason, by=manager
            )
        except ExchangeError as error:
            raise CommandError(str(error)) from error
        except services.AssessmentError as error:
            raise CommandError(str(error)) from error
        count = frozen.attempts.filter(submitted_at__isnull=False).count()
        self.stdout.write(self.style.SUCCESS(f"Regrade {regrade.pk}: {count} attempt(s) regraded."))
