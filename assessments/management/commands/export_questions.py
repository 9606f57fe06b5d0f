from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments import services


class Command(BaseCommand):
    help = "Writes the published scenarios in the YAML exchange format (docs/exchange-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="Scenario codes (default: all).")
        parser.add_argument("--output", "-o", help="A file to write instead of standard output.")
        parser.add_argument("--drafts", action="store_true", help="Include unpublished scenarios.")
        parser.add_argument(
            "--gift",
            action="store_true",
            help="Write one scenario's questions as Moodle GIFT instead (give its code).",
        )

    def handle(self, *args, codes, output, drafts, gift, **options):
        if gift and len(codes) != 1:
            raise CommandError("GIFT holds one scenario's questions: give exactly one code.")
        try:
            text = services.export_scenarios(codes=codes or None, live_only=not drafts, gift=gift)
        except ValueError as error:
            raise CommandError(f"Cannot write GIFT: {error}") from None
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
