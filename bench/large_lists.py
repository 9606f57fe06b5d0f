"""How fast the pages that list or count people answer on a large programme (issue 14): the
enrol-people page (empty, a search, its next page, an organisation's and a sector's
confirmation), the people list (first page, a page deep in the list, a search), the admin
certificate listing, and the scenario final's analytics page.

Build the programme first with seed_scale into a scratch database (or point at one built by
someone else: nothing here writes to it), then measure it:

    cd /work/main
    export DATABASE_URL=sqlite:////tmp/enrol-10k.sqlite3   # or postgres://…/bench_100k
    .venv/bin/python manage.py migrate -v0
    .venv/bin/python manage.py seed_scale --people 10000
    .venv/bin/python bench/large_lists.py [RUNS] [--write] [--full-sql]

Each URL is requested through Django's test client (test settings) as the demo programme
manager, RUNS + 1 times (RUNS defaults to 5); the first request is reported apart (cold). The
median and fastest of the others are printed with the number of queries of one request, their
total time and the slowest query.

Nothing is written to the database: the session lives in local memory (a cache session, built
by hand rather than by signing in, which would record the sign-in time), and on PostgreSQL the
whole run is one READ ONLY transaction, rolled back at the end, so a page that tried to write
would fail loudly here. With --write (SQLite only: a scratch copy you own) the enrolments are
timed too: ticking 20 people of a search, then a whole organisation, then a whole sector, each
inside a transaction that is rolled back afterwards.

The analytics page is measured twice: computing its figures on every view (as the test
settings do), and with them kept as in production (HIMAYA_ANALYTICS_CACHE_SECONDS, the cache
emptied first): there the cold request computes and keeps them, the others read them.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

django.setup()

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY  # noqa: E402
from allauth.mfa.models import Authenticator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from assessments import analytics_figures  # noqa: E402
from assessments.models import Quiz  # noqa: E402
from courses.models import CoursePage, Enrolment  # noqa: E402
from lms.people.models import Organisation, Sector, User  # noqa: E402
from tests.conftest import AUTHENTICATED_USER_SESSION_KEY  # noqa: E402


class RolledBack(Exception):
    pass


def signed_in_client(user) -> Client:
    """A client whose session (in the cache, not the database) holds `user` signed in with
    the second factor, as allauth would leave it."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    records = [{"method": "password", "at": time.time(), "email": user.email}]
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None:
        records.append({"method": "mfa", "at": time.time(), "id": totp.pk, "type": "totp"})
    store[AUTHENTICATION_METHODS_SESSION_KEY] = records
    store[AUTHENTICATED_USER_SESSION_KEY] = str(user.pk)
    store.save()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return client


def measure(client: Client, url: str, runs: int) -> dict:
    timings, sizes, status = [], [], None
    for _run in range(runs + 1):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        status, size = response.status_code, len(response.content)
        sizes.append(size)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "status": status,
        "cold": timings[0],
        "median": statistics.median(timings[1:]),
        "fastest": min(timings[1:]),
        "size": sizes[-1],
        "queries": queries.captured_queries,
    }


def report(label: str, result: dict, verbose: bool) -> None:
    queries = result["queries"]
    database = sum(float(q["time"]) for q in queries)
    print(
        f"{label:44} {result['status']}  cold {result['cold']:.3f} s  "
        f"median {result['median']:.3f} s  fastest {result['fastest']:.3f} s  "
        f"{result['size'] / 1024:.0f} KiB  {len(queries)} queries taking {database:.3f} s"
    )
    slowest = max(queries, key=lambda q: float(q["time"]), default=None)
    if slowest is not None:
        sql = slowest["sql"] if verbose else slowest["sql"][:240]
        print(f"    slowest query {float(slowest['time']):.3f} s: {sql}")


def timed_post(client: Client, url: str, data: dict, unenrol) -> tuple[float, int, str]:
    """A POST inside a transaction rolled back afterwards: timed, then undone. `unenrol` (not
    timed) first removes the enrolments the POST will make, since seed_scale enrols everyone
    in its course."""
    try:
        with transaction.atomic():
            unenrol.delete()
            started = time.perf_counter()
            response = client.post(url, data, follow=True)
            took = time.perf_counter() - started
            told = response.context["messages"] if response.context else []
            said = " / ".join(str(message) for message in told)
            if response.status_code == 400:
                said = " / ".join(re.findall(r"<li>(.*?)</li>", response.text))[:300]
            raise RolledBack((took, response.status_code, said))
    except RolledBack as undone:
        return undone.args[0]


def pages(runs: int, verbose: bool, write: bool) -> None:
    manager = User.objects.get(email="manager@himaya.example")
    people = User.objects.count()
    course = CoursePage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    largest = Organisation.objects.annotate(size=Count("members")).order_by("-size", "pk").first()
    sector = Sector.objects.annotate(size=Count("organisations__members")).order_by("-size")[0]
    final = Quiz.objects.filter(kind="final").order_by("pk").first()
    client = signed_in_client(manager)
    enrol = f"/en/learning/courses/{course.pk}/enrol-people/"
    search = "member" if User.objects.filter(name_en__icontains="member").exists() else "al"
    first_page = client.get(f"{enrol}?q={search}")
    results = first_page.context["results"] if first_page.context else None
    after = results.next_after if results is not None else None
    deep = User.objects.order_by("name_en", "pk").values_list("pk", flat=True)[people * 9 // 10]
    print(
        f"database: {connection.vendor}, people: {people}, runs: {runs}, "
        f"largest organisation: {largest.size}, largest sector: {sector.size}"
    )
    urls = [
        ("baseline: my certificates", "/en/certificates/"),
        ("enrol page, empty", enrol),
        (f"enrol page, search “{search}”", f"{enrol}?q={search}"),
        ("enrol page, its next page", f"{enrol}?q={search}&after={after}"),
        (f"enrol page, organisation of {largest.size}", f"{enrol}?organisation={largest.pk}"),
        (f"enrol page, sector of {sector.size}", f"{enrol}?sector={sector.pk}"),
        ("people list, first page", "/en/people/"),
        ("people list, 90% down (keyset)", f"/en/people/?after={deep}"),
        (f"people list, search “{search}”", f"/en/people/?q={search}"),
        ("admin certificate listing", "/admin/snippets/certificates/certificate/"),
        ("admin certificate listing, page 500", "/admin/snippets/certificates/certificate/?p=500"),
    ]
    for label, url in urls:
        report(label, measure(client, url, runs), verbose)
    analytics = reverse("assessments:analytics", args=[final.pk])
    report("final's analytics, computed on each view", measure(client, analytics, runs), verbose)
    # Not cache.clear(): the session lives in the cache too.
    cache.delete(analytics_figures._key(final.versions.order_by("-number").first()))
    with override_settings(HIMAYA_ANALYTICS_CACHE_SECONDS=21600):
        report("final's analytics, figures kept", measure(client, analytics, runs), verbose)
    if write:
        ticked = [person.pk for person in results.items[:20]] if results is not None else []
        enrolments = Enrolment.objects.filter(course=course)
        for label, data, unenrol in [
            (
                "enrol 20 ticked people",
                {"action": "people", "people": ticked},
                enrolments.filter(user__in=ticked),
            ),
            (
                f"enrol an organisation of {largest.size}",
                {"action": "group", "organisation": largest.pk},
                enrolments.filter(user__organisation=largest),
            ),
            (
                f"enrol a sector of {sector.size}",
                {"action": "group", "sector": sector.pk},
                enrolments.filter(user__organisation__sector=sector),
            ),
        ]:
            took, status, said = timed_post(client, enrol, data, unenrol)
            print(f"{label:44} {status}  {took:.3f} s  ({said})")


def main(runs: int, verbose: bool, write: bool) -> None:
    if write and connection.vendor != "sqlite":
        sys.exit("--write times enrolments on a SQLite scratch copy only.")
    sessions = "django.contrib.sessions.backends.cache"
    with override_settings(SESSION_ENGINE=sessions):
        if connection.vendor != "postgresql":
            pages(runs, verbose, write)
            return
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION READ ONLY")
                pages(runs, verbose, write=False)
                raise RolledBack
        except RolledBack:
            pass


if __name__ == "__main__":
    setup_test_environment()  # responses carry their context (the search's results, messages)
    translation.activate("en")
    flags = {"--full-sql", "--write"}
    arguments = [a for a in sys.argv[1:] if a not in flags]
    runs = int(arguments[0]) if arguments else 5
    main(runs, "--full-sql" in sys.argv, "--write" in sys.argv)
