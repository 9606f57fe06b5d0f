from pathlib import Path

from django.core.management.base import BaseCommand

from assessments import services


class Command(BaseCommand):
    help = "Writes the published scenarios in the YAML exchange format (docs/exchange-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="Scenario codes (default: all).")
        parser.add_argument("--output", "-o", help="A file to write instead of standard output.")
        parser.add_argument("--drafts", action="store_true", help="Include unpublished scenarios.")

    def handle(self, *args, codes, output, drafts, **options):
        text = services.export_scenarios(codes=codes or None, live_only=not drafts)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
