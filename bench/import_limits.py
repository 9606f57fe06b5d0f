"""How long the question import takes on the worst files its tests use: a 2 MB answer in each
format (plan only), 20,000 duplicate YAML codes and 20,000 GIFT questions with one code (both
refused with 100 problems listed). These were timed tests; a shared machine made them flaky.

    cd /work/main && DJANGO_SETTINGS_MODULE=lms.settings.test \
        .venv/bin/python bench/import_limits.py [REPEATS]

Builds a throw-away in-memory SQLite database (migrations, untimed), then runs each case REPEATS
times (default 3) and prints the median and slowest seconds. Goal: a 2 MB answer checked in
under 5 s, 20,000 problems reported in under 10 s.
"""

from __future__ import annotations

import contextlib
import copy
import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from assessments import services  # noqa: E402
from assessments.exchange import ExchangeError, dump_yaml  # noqa: E402
from tests.assessments.test_moodle_xml import BANK  # noqa: E402
from tests.quiz_fixtures import SCENARIO  # noqa: E402


def cases() -> dict:
    big = "x" * 2_000_000
    scenario = copy.deepcopy(SCENARIO)
    scenario["questions"][0]["options"][0]["text"]["en"] = big
    plans = {
        "2 MB answer, YAML": dump_yaml([scenario]),
        "2 MB answer, GIFT": f"::Q1::Which? || أي؟ {{={big} || نعم ~No || لا}}\n",
        "2 MB answer, Moodle XML": BANK.replace("Take his number", big),
        "20,000 duplicate YAML codes": "- code: SCN-HL-001\n" + "  code: SCN-HL-001\n" * 20_000,
        "20,000 GIFT questions, one code": "::Q1:: Safe? || آمن؟ {T}\n\n" * 20_000,
    }
    return plans


def run(text: str) -> None:
    # Refused with its problems is what the user sees for the last two.
    with contextlib.suppress(ExchangeError):
        services.plan_import(text=text, scenario_code="SCN-HL-796", skip_unsupported=True)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    setup_test_environment()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0)
    call_command("check", verbosity=0)
    for name, text in cases().items():
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            run(text)
            timings.append(time.perf_counter() - started)
        print(
            f"{name:34} median {statistics.median(timings):6.2f} s  slowest {max(timings):6.2f} s"
        )


if __name__ == "__main__":
    main()
