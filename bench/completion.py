"""How fast completion tracking answers on a large programme: the sector dashboard, a drill-down,
an export and an API call, against a bare baseline request in the same run.

Build the programme first with seed_scale into a scratch database, then measure it:

    cd /work/main
    export DATABASE_URL=sqlite:////tmp/bench-100000.sqlite3   # or postgres://…/bench_completion
    .venv/bin/python manage.py migrate -v0
    .venv/bin/python manage.py seed_scale --people 100000
    .venv/bin/python bench/completion.py [RUNS] [--full-sql] [--snapshots]

Each URL is requested through Django's test client (test settings) as the demo programme
manager, signed in with the second factor as tests do, RUNS + 1 times (RUNS defaults to 5). The
first request is reported apart (cold: the charts are drawn and cached then); the median and
fastest of the others are compared with the baseline, the manager's own certificates page, which
makes a handful of small queries. For each URL the number of queries of one request, their total
time and the slowest query (whole with --full-sql) are printed, so a miss names its cause. The
export is the request for a CSV of the organisations table: only its first (cold) request builds
the file (with the test settings' immediate task backend, inside the request); the same request
again within minutes is the same job and answers at once.

The test settings compute every figure on each request (HIMAYA_COMPLETION_CACHE_SECONDS=0). With
--snapshots the figures are kept as in production: `refresh_completion_figures` runs first (its
time is printed), then the pages and the API read what it computed; the people lists and a
person's record are computed on each request either way.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from certificates.api_tokens import issue_api_token  # noqa: E402
from lms.people.models import Organisation, User  # noqa: E402
from tests.conftest import sign_in  # noqa: E402


def measure(client: Client, method: str, url: str, runs: int, **extra) -> dict:
    send = getattr(client, method)
    timings = []
    status = None
    for _run in range(runs + 1):
        started = time.perf_counter()
        response = send(url, **extra)
        timings.append(time.perf_counter() - started)
        status = response.status_code
    with CaptureQueriesContext(connection) as queries:
        send(url, **extra)
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]), default=None)
    return {
        "status": status,
        "cold": timings[0],
        "median": statistics.median(timings[1:]),
        "fastest": min(timings[1:]),
        "queries": len(queries.captured_queries),
        "database": sum(float(q["time"]) for q in queries.captured_queries),
        "slowest": slowest,
    }


def main(runs: int, verbose: bool, snapshots: bool) -> None:
    manager = User.objects.get(email="manager@himaya.example")
    people = User.objects.filter(groups__name="Trainee").count()
    organisation = (
        Organisation.objects.filter(sector__code="labour-inspection").order_by("-pk").first()
    )
    person = organisation.members.filter(groups__name="Trainee").order_by("pk").first()
    client = Client()
    sign_in(client, manager)
    _token, key = issue_api_token(name="bench", organisation=None, by=manager)
    urls = [
        ("baseline: my certificates", "get", "/en/certificates/", {}),
        ("sector dashboard", "get", "/en/completion/", {}),
        ("drill-down: one sector", "get", "/en/completion/sectors/labour-inspection/", {}),
        (
            "drill-down: one organisation",
            "get",
            f"/en/completion/organisations/{organisation.pk}/",
            {},
        ),
        ("one person's record", "get", f"/en/completion/people/{person.pk}/", {}),
        (
            "export: organisations CSV",
            "post",
            "/en/completion/exports/",
            {"data": {"format": "csv", "table": "organisations"}},
        ),
        (
            "API: /api/v1/sectors/",
            "get",
            "/api/v1/sectors/",
            {"HTTP_AUTHORIZATION": f"Bearer {key}"},
        ),
        (
            "API: an organisation's people",
            "get",
            f"/api/v1/organisations/{organisation.pk}/people/?page_size=200",
            {"HTTP_AUTHORIZATION": f"Bearer {key}"},
        ),
    ]
    kept = "snapshots" if snapshots else "computed on each request"
    print(f"database: {connection.vendor}, trainees: {people}, runs: {runs}, figures: {kept}")
    if snapshots:
        cache.clear()
        started = time.perf_counter()
        call_command("refresh_completion_figures")
        print(f"refresh_completion_figures: {time.perf_counter() - started:.1f} s")
    baseline = None
    for label, method, url, extra in urls:
        result = measure(client, method, url, runs, **extra)
        baseline = baseline or result["median"]
        slowest = result["slowest"]
        print(
            f"{label:32} {result['status']}  cold {result['cold']:.3f} s  "
            f"median {result['median']:.3f} s  fastest {result['fastest']:.3f} s  "
            f"x{result['median'] / baseline:.1f} baseline  {result['queries']} queries "
            f"taking {result['database']:.3f} s"
        )
        if slowest is not None:
            sql = slowest["sql"] if verbose else slowest["sql"][:300]
            print(f"    slowest query {float(slowest['time']):.3f} s: {sql}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--full-sql"]
    arguments = [a for a in arguments if a != "--snapshots"]
    runs, verbose = int(arguments[0]) if arguments else 5, "--full-sql" in sys.argv
    if "--snapshots" in sys.argv:
        with override_settings(HIMAYA_COMPLETION_CACHE_SECONDS=600):
            main(runs, verbose, snapshots=True)
    else:
        main(runs, verbose, snapshots=False)
