from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import services
from assessments.exchange import ExchangeError


class Command(BaseCommand):
    help = (
        "Imports scenarios from the YAML exchange format (docs/exchange-format.md) or Moodle GIFT. "
        "The whole file is checked first: any problem is reported with its line and nothing is "
        "written. An existing scenario code gets a new revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--publish", action="store_true", help="Publish, not just draft.")
        parser.add_argument("--scenario-code", default="", help="GIFT only: the scenario code.")

    def handle(self, *args, file, publish, scenario_code, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            scenarios = services.import_file(
                name=path.name, text=text, publish=publish, gift_code=scenario_code
            )
        except ExchangeError as error:
            for problem in error.problems:
                line = f"line {problem.line}" if problem.line else "file"
                self.stderr.write(f"{path.name}, {line}: {problem.where}: {problem.message}")
            raise CommandError(
                f"{len(error.problems)} problem(s); nothing was imported."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(f"Imported {len(scenarios)} scenario(s): ")
            + ", ".join(s.code for s in scenarios)
        )
