from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import services
from assessments.exchange import ExchangeError
from assessments.import_report import MAX_PROBLEMS_SHOWN, summary_lines, warning_lines


class Command(BaseCommand):
    help = (
        "Imports questions from the YAML exchange format (docs/exchange-format.md), Moodle GIFT "
        "or Moodle XML (docs/question-import.md), told apart by the file's content. The whole "
        "file is checked first: every problem is reported with its line and nothing is written. "
        "Prints what the import does to each scenario; an import that would remove questions or "
        "options from an existing scenario needs --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what the import would do; write nothing."
        )
        parser.add_argument(
            "--skip-unsupported",
            action="store_true",
            help="Import the supported questions and list the others (Moodle files).",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm an import that removes questions or options from existing scenarios.",
        )
        parser.add_argument(
            "--language",
            choices=["en", "ar"],
            help="The language of texts written in one language (default: told by their letters).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish, not just draft (never a scenario that still needs translation).",
        )
        parser.add_argument(
            "--scenario-code",
            default="",
            help="GIFT: the scenario's code. Moodle XML: for categories without an id number.",
        )

    def handle(self, *args, file, dry_run, skip_unsupported, yes, language, publish, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        arguments = {
            "text": text,
            "scenario_code": options["scenario_code"].strip().upper(),
            "language": language,
            "skip_unsupported": skip_unsupported,
        }
        try:
            if dry_run:
                plan = services.plan_import(**arguments)
            else:
                plan = services.import_file(**arguments, publish=publish, confirm_removal=yes)
        except ExchangeError as error:
            self.report_problems(path.name, error.problems)
            raise CommandError(
                f"{len(error.problems)} problem(s); nothing was imported."
            ) from error
        except services.RemovalNotConfirmed as error:
            self.stdout.write("\n".join(summary_lines(error.plan)))
            raise CommandError(
                "This import removes questions or options (listed above); nothing was "
                "imported. Run it again with --yes to confirm."
            ) from error
        self.stdout.write("\n".join(summary_lines(plan)))
        for line in warning_lines(plan):
            self.stderr.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Imported {len(plan.scenarios)} scenario(s): ")
                + ", ".join(scenario["code"] for scenario in plan.scenarios)
            )

    def report_problems(self, name, problems):
        # The first problems say what is wrong; thousands of lines would bury them.
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            line = f"line {problem.line}" if problem.line else "file"
            self.stderr.write(f"{name}, {line}: {problem.where}: {problem.message}")
        if len(problems) > MAX_PROBLEMS_SHOWN:
            self.stderr.write(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more problem(s).")
