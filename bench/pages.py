"""The trainee's pages against a bare Django view, and certificate PDFs against raw xhtml2pdf
(issue 14), each pair measured in the same run.

    cd /work/main && .venv/bin/python bench/pages.py [--requests 400] [--concurrency 20]
    cd /work/main && .venv/bin/python bench/pages.py --only certificates [--pdfs 50]

1. Builds a fresh PostgreSQL database `rush_<timestamp>` as `bench/exam_rush.py` does (migrate,
   collectstatic, `seed_demo`), prepares 20 trainees who finished the course's lessons (the
   same builders) with their sessions, and starts gunicorn (`gunicorn.conf.py`,
   `lms.settings.production`, Redis as the cache) and no task worker.
2. Pages: for each of the bare view (`/favicon.ico`, a redirect: the middleware and nothing
   else), `/healthz`, a lesson page, the dashboard and the course page, `--requests` GETs with
   `--concurrency` in flight (each trainee's session in turn), the bare view measured before and
   after the others; prints requests per second, p50/p95 and the ratio to the bare view, and
   each page's queries (one request through Django's test client after a first, as the tests
   count them). Each trainee's requests carry the cookies a browser would: the session, and the
   CSRF cookie from the first page that set it (an untimed first round sets it).
3. Certificates, in this process (the gunicorn workers stopped first): `--pdfs` renders of the
   default template (`certificates.rendering.render_pdf`, as `bench/certificates_render.py`)
   against raw `xhtml2pdf.pisa` of a minimal bilingual page in Amiri; the ratio of PDFs per second.
   `--only certificates` runs this part alone: no database, no gunicorn (test settings).

`--pages lesson` measures only those pages (and the bare view before and after them).
`--pairs K` then measures each page K more times, each time between two rounds of the bare view
on the same server (`--pair-requests` requests a round; the servers' order alternating), and
reports each page's ratio to the mean of the two bare rounds around it: their median, lowest and
highest. This machine's speed drifts by a fifth within a minute; a ratio of rounds a second
apart follows the drift, where one of phases a minute apart does not.
`--against DIR` serves a second checkout of the code (e.g. the commit before a change, from
`git archive <commit> | tar -x -C DIR`, with a `.venv` link) from a second gunicorn on the same
database (its own Redis database, the next number), and measures both in the same run, in the
order this, that, that, this (each page for both servers before the next page), so that a
change of load falls on both alike; each server's figures are the mean of its two rounds, and
its ratios are to its own bare view. The queries are this checkout's.

Last line: JSON. Drops the database unless --keep.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.exam_rush import (
    HOST,
    Phase,
    build_site,
    machine,
    prepare,
    psql,
    request,
    scratch_env,
    serve,
)

PAGES = ["healthz", "lesson", "dashboard", "course"]

MINIMAL_BILINGUAL = """<html><head><style>
@font-face {{ font-family: Amiri; src: url("{font}"); }}
@page {{ size: A4 landscape; margin: 2cm; }}
body {{ font-family: Amiri; font-size: 14pt; }}
</style></head><body>
<h1>Certificate of completion</h1>
<p>This certifies that Trainee {n} Al-Zahrani completed the course.</p>
<h1 dir="rtl">{ar_title}</h1>
<p dir="rtl">{ar_body}</p>
</body></html>"""


async def at_concurrency(port, path, jars, total, concurrency, expect=200) -> Phase:
    phase = Phase(path)
    queue = list(range(total))
    keys = list(jars)

    async def worker():
        while queue:
            n = queue.pop()
            try:
                answer = await request(port, "GET", path, cookies=jars[keys[n % len(keys)]])
            except Exception as error:
                phase.errors.append(f"{type(error).__name__}: {error}")
                continue
            if answer.status != expect:
                phase.errors.append(f"HTTP {answer.status}")
            else:
                phase.seconds.append(answer.seconds)
            # As a browser does: the CSRF cookie a page sets is sent with the next request (else
            # every page would make a new CSRF secret and set it again, which no trainee's does
            # after their first page).
            if "csrftoken" in answer.cookies:
                jars[keys[n % len(keys)]]["csrftoken"] = answer.cookies["csrftoken"]

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    phase.wall = time.perf_counter() - started
    return phase


def page_queries(paths: dict, user_id: int) -> dict:
    """Each page's queries, as the query-count tests count them: after a first request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.people.models import User

    client = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    client.force_login(User.objects.get(pk=user_id))
    counts = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        counts[name] = {"queries": len(queries), "status": status}
    return counts


def serve_other(root: str, env: dict, media: str, redis: str, workers=None):
    """The checkout at `root` served by its own gunicorn (its own gunicorn.conf.py, static files
    and Redis database), on the same database; returned once /healthz answers."""
    root_env = {**env, "PYTHONPATH": root, "REDIS_URL": redis}
    python = str(Path(root) / ".venv" / "bin" / "python")
    flush = ["redis-cli", "-u", redis, "flushdb"]
    subprocess.run(flush, check=True, capture_output=True)  # noqa: S603
    collect = [python, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, env=root_env, cwd=root, check=True)  # noqa: S603 (our own command)
    return serve(root_env, media, workers=workers, log_name="gunicorn-against.log", root=root)


def next_redis_database(url: str) -> str:
    base, _, number = url.rpartition("/")
    return f"{base}/{int(number) + 1}"


def certificates(count: int) -> dict:
    import arabic_reshaper  # noqa: F401  (what render_pdf uses; imported before the clock)
    from xhtml2pdf import pisa

    from bench.certificates_render import contexts
    from certificates.rendering import FONT_FILES, render_pdf, sample_context

    font = FONT_FILES["Amiri-Regular.ttf"]
    ar_title = "شهادة إتمام"
    ar_body = "تشهد هذه الوثيقة بأن المتدرب أتمّ الدورة التدريبية بنجاح."

    def raw(n):
        out = io.BytesIO()
        html = MINIMAL_BILINGUAL.format(font=font, n=n, ar_title=ar_title, ar_body=ar_body)
        pisa.CreatePDF(html, dest=out, encoding="utf-8")
        return out.getvalue()

    render_pdf(sample_context())
    raw(0)
    started = time.perf_counter()
    for n in range(count):
        raw(n)
    raw_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for context in contexts(count):
        render_pdf(context)
    ours = time.perf_counter() - started
    return {
        "pdfs": count,
        "raw_xhtml2pdf_per_s": round(count / raw_seconds, 1),
        "certificate_per_s": round(count / ours, 1),
        "ratio": round(raw_seconds / ours, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--pdfs", type=int, default=50)
    parser.add_argument("--workers", type=int)
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9", help="flushed first")
    parser.add_argument("--pairs", type=int, default=0, help="paired rounds per page (above)")
    parser.add_argument("--pair-requests", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--only", choices=["certificates"], help="run one part alone")
    parser.add_argument(
        "--pages",
        default=",".join(PAGES),
        help=f"the pages to measure, comma-separated, among {','.join(PAGES)} (default: all)",
    )
    parser.add_argument(
        "--against",
        metavar="DIR",
        help="another checkout (with its .venv) to serve and measure in the same run",
    )
    args = parser.parse_args()

    if args.only == "certificates":
        # The certificate pair needs neither the site nor the server; measuring it alone takes
        # seconds instead of the site's build.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
        pdfs = certificates(args.pdfs)
        print(f"certificates {json.dumps(pdfs)}")
        print(json.dumps({"machine": machine(), "certificates": pdfs}))
        return 0

    name, env, media = scratch_env(
        admin_url=args.admin_url, redis=args.redis, prefix="pages-media-"
    )
    print(f"database {name}, machine {machine()}", flush=True)
    psql(args.admin_url, f'CREATE DATABASE "{name}"')
    server = other = None
    try:
        build_site(env, args.redis)
        os.environ.update(env)
        import django

        django.setup()
        from django.db import connection

        from courses.models import CoursePage, LessonPage

        prepared = prepare(20)
        course = CoursePage.objects.get(pk=prepared["course_id"])
        lesson = LessonPage.objects.live().descendant_of(course).order_by("path").first()
        paths = {
            "bare": "/favicon.ico",
            "healthz": "/healthz",
            "lesson": lesson.get_url(None),
            "dashboard": "/en/dashboard/",
            "course": course.get_url(None),
        }
        wanted = [page for page in args.pages.split(",") if page]
        paths = {label: path for label, path in paths.items() if label == "bare" or label in wanted}
        queries = page_queries(paths, next(iter(prepared["sessions"])))
        connection.close()
        server, port = serve(env, media, workers=args.workers)
        ports = {"this": port}
        if args.against:
            other, ports["that"] = serve_other(
                args.against, env, media, next_redis_database(args.redis), workers=args.workers
            )
        jars = {pk: {"sessionid": key} for pk, key in prepared["sessions"].items()}
        labels = ["bare", *[page for page in PAGES if page in wanted], "bare_after"]
        # One round per server, or this, that, that, this: each page for both servers in turn.
        order = ["this", "that", "that", "this"] if args.against else ["this"]

        async def pages():
            results = {}
            # A first round of each, untimed: every worker's caches warm.
            for server_port in ports.values():
                for path in paths.values():
                    await at_concurrency(
                        server_port, path, jars, args.concurrency, args.concurrency, 0
                    )
            for label in labels:
                path = paths["bare" if label == "bare_after" else label]
                expect = 301 if path == "/favicon.ico" else 200
                for name in order:
                    results.setdefault(name, {}).setdefault(label, []).append(
                        await at_concurrency(
                            ports[name], path, jars, args.requests, args.concurrency, expect
                        )
                    )
            return results

        async def paired_rounds():
            """For each page, K rounds of (bare, page, bare) per server: the page's ratio to
            the mean of the bare rounds around it."""
            ratios, errors = {}, {}
            names = list(ports)
            size = args.pair_requests
            for label in labels[1:-1]:
                for number in range(args.pairs):
                    for name in names if number % 2 == 0 else names[::-1]:
                        port = ports[name]
                        before = await at_concurrency(
                            port, "/favicon.ico", jars, size, args.concurrency, 301
                        )
                        page = await at_concurrency(
                            port, paths[label], jars, size, args.concurrency, 200
                        )
                        after = await at_concurrency(
                            port, "/favicon.ico", jars, size, args.concurrency, 301
                        )
                        rounds = [one.summary() for one in (before, page, after)]
                        bare = (rounds[0]["per_second"] + rounds[2]["per_second"]) / 2
                        ratios.setdefault(name, {}).setdefault(label, []).append(
                            round(rounds[1]["per_second"] / bare, 3)
                        )
                        errors.setdefault(name, {}).setdefault(label, 0)
                        errors[name][label] += sum(one["errors"] for one in rounds)
            return ratios, errors

        measured = asyncio.run(pages())
        paired = asyncio.run(paired_rounds()) if args.pairs else None
    finally:
        for running in [server, other]:
            if running is not None:
                running.send_signal(signal.SIGTERM)
                running.wait(timeout=60)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            psql(args.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    every = {}
    for name, phases in measured.items():
        summaries = {}
        for label, rounds in phases.items():
            summary = rounds[0].summary()
            if len(rounds) > 1:
                # Each server measured twice (this, that, that, this): the mean of the two.
                per_round = [one.summary() for one in rounds]
                summary["per_second_rounds"] = [one["per_second"] for one in per_round]
                summary["per_second"] = round(statistics.mean(summary["per_second_rounds"]), 1)
                summary["p50"] = round(statistics.mean(one["p50"] for one in per_round), 3)
                summary["p95"] = round(statistics.mean(one["p95"] for one in per_round), 3)
            summaries[label] = summary
        bare = (summaries["bare"]["per_second"] + summaries["bare_after"]["per_second"]) / 2
        for label, summary in summaries.items():
            summary["ratio_to_bare"] = round(summary["per_second"] / bare, 3)
            if label in queries and name == "this":
                summary["queries"] = queries[label]["queries"]
            prefix = f"{name}: " if args.against else ""
            print(f"{prefix}{label:10} {json.dumps(summary)}")
        every[name] = summaries
    if args.against:
        # The bare view is the same code in both: its mean over both servers and all four
        # rounds is the steadiest yardstick for both pages.
        bare_both = statistics.mean(
            every[name][label]["per_second"] for name in every for label in ("bare", "bare_after")
        )
        for name, summaries in every.items():
            for label, summary in summaries.items():
                summary["ratio_to_bare_of_both"] = round(summary["per_second"] / bare_both, 3)
                if label not in ("bare", "bare_after"):
                    both = summary["ratio_to_bare_of_both"]
                    print(f"{name}: {label} x the bare view of both servers: {both}")
        print(f"that is {args.against}")
    if paired is not None:
        ratios, errors = paired
        for name, pages_ratios in ratios.items():
            for label, values in pages_ratios.items():
                every[name][label]["paired"] = summary = {
                    "rounds": values,
                    "errors": errors[name][label],
                    "median": round(statistics.median(values), 3),
                    "lowest": min(values),
                    "highest": max(values),
                }
                print(
                    f"{name}: {label} x its bare view, {len(values)} paired rounds: median "
                    f"{summary['median']} ({summary['lowest']}-{summary['highest']}), "
                    f"{summary['errors']} errors"
                )
    report = {"machine": machine(), "concurrency": args.concurrency, "pages": every["this"]}
    if args.against:
        report["against"] = {"checkout": args.against, "pages": every["that"]}
    if args.pdfs:
        report["certificates"] = pdfs = certificates(args.pdfs)
        print(f"certificates {json.dumps(pdfs)}")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
