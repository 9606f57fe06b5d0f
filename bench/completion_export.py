"""How long an XLSX completion export takes, and how much memory, for many people.

    cd /work/main && .venv/bin/python bench/completion_export.py [--rows N]
        Synthetic: N people rows (default 100,000) of the people table's shape, through the
        export's own XLSX writer (constant memory, every cell neutralised). No database.

    cd /work/main && DATABASE_URL=sqlite:////tmp/scale.db .venv/bin/python manage.py migrate
    cd /work/main && DATABASE_URL=sqlite:////tmp/scale.db .venv/bin/python manage.py \
        seed_scale --people N
    cd /work/main && DATABASE_URL=sqlite:////tmp/scale.db .venv/bin/python \
        bench/completion_export.py --database
        The whole export (every table and the chart sheet) of the programme in that database,
        through completion.py, as the task worker makes it; also counts its queries.

Prints the rows written, seconds, Python's peak allocation (tracemalloc) and the process's
peak resident size. Numbers are in bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from certificates import completion  # noqa: E402
from certificates.completion_exports import (  # noqa: E402
    ExportTable,
    Figures,
    pseudonym,
    write_export,
    write_xlsx,
)


def synthetic_people(count: int):
    """Rows shaped like the pseudonymised people table, with Arabic text in them."""
    today = datetime.date(2026, 6, 1)
    states = ("Completed", "In progress", "Not started", "Not enrolled")
    for number in range(count):
        yield [
            pseudonym(number, key="bench-key"),
            f"مكتب العمل رقم {number % 400}",
            ("Labour inspection", "Hotline", "Shelter")[number % 3],
            ("Riyadh", "Makkah", "Eastern Province")[number % 3],
            states[number % 4],
            "yes" if number % 7 == 0 else "no",
            today + datetime.timedelta(days=number % 90),
            1 + number % 3,
            number % 3,
            "yes" if number % 2 else "no",
            "yes" if number % 5 else "no",
            today + datetime.timedelta(days=number % 700),
        ]


def measure(action) -> tuple[float, float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    return seconds, peak, resident


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "export.xlsx"
        if options.database:
            figures = Figures(scope=completion.Scope.programme(), filters=completion.Filters())
            rows = completion.Scope.programme().people().count()
            with CaptureQueriesContext(connection) as queries:
                seconds, peak, resident = measure(
                    lambda: write_export(
                        target=target,
                        figures=figures,
                        format="xlsx",
                        table="",
                        language="ar",
                        pseudonymised=False,
                    )
                )
            extra = f", {len(queries)} queries"
        else:
            rows = options.rows
            headers = [f"column {n}" for n in range(12)]
            table = ExportTable("people", "People", headers, synthetic_people(rows))
            with translation.override("ar"):
                seconds, peak, resident = measure(
                    lambda: write_xlsx([table], str(target), right_to_left=True)
                )
            extra = ""
        size = target.stat().st_size / 1e6
    print(
        f"{rows:,} people rows: {seconds:.1f} s, {size:.1f} MB file, "
        f"peak Python allocation {peak:.1f} MB, peak resident size {resident:.0f} MB{extra}"
    )


if __name__ == "__main__":
    main()
