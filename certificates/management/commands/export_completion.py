"""Completion tables to a file, for scheduled exports (cron): the same tables as the pages."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.completion import Filters, Scope
from certificates.completion_exports import Figures, write_export
from certificates.models import CompletionExport
from lms.people.models import Organisation


class Command(BaseCommand):
    help = (
        "Writes the completion tables as CSV (one table) or XLSX (every table, one sheet each, "
        "and a chart sheet), for the whole programme or one organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=CompletionExport.Format.values)
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--table",
            choices=CompletionExport.Table.values,
            default=CompletionExport.Table.SECTORS,
            help="The table a CSV file holds (default: sectors). XLSX holds every table.",
        )
        parser.add_argument("--sector", help="Only this sector (its code, e.g. hotline).")
        parser.add_argument(
            "--organisation", type=int, help="Only this organisation (its id): its scope."
        )
        parser.add_argument("--language", choices=("en", "ar"), default="en")
        parser.add_argument(
            "--pseudonymised",
            action="store_true",
            help="No names; people by keyed hash (HIMAYA_PSEUDONYM_KEY); small groups left out.",
        )

    def handle(self, *args, **options):
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        scope = Scope.programme()
        if options["organisation"] is not None:
            organisation = Organisation.objects.filter(pk=options["organisation"]).first()
            if organisation is None:
                raise CommandError(
                    f"There is no organisation with the id {options['organisation']}."
                )
            scope = Scope.for_organisation(organisation)
        query = {"sector": options["sector"]} if options["sector"] else {}
        filters, errors = Filters.from_query(query, scope)
        if errors:
            raise CommandError(
                f"There is no sector with the code {options['sector']!r}"
                + ("" if scope.is_programme else " in that organisation")
                + "."
            )
        write_export(
            target=output,
            figures=Figures(scope=scope, filters=filters),
            format=options["format"],
            table=options["table"] if options["format"] == CompletionExport.Format.CSV else "",
            language=options["language"],
            pseudonymised=options["pseudonymised"],
        )
        self.stdout.write(f"Wrote {output}.")
