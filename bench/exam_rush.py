"""The whole cohort sits the scenario final at once (issue 14): N trainees start it together,
then submit it together, against gunicorn and the task worker on PostgreSQL.

    cd /work/main && .venv/bin/python bench/exam_rush.py [--people 400] [--workers W] [--servers K]

What it does, in order (nothing of the preparation is timed):
1. creates a fresh PostgreSQL database `rush_<timestamp>` (DATABASE_ADMIN_URL, default
   postgres://postgres@127.0.0.1:5432/postgres), migrates it, collects the static files and runs
   `seed_demo` (the demo course, bank and cohort) with the development settings;
2. prepares N trainees with the bulk builders (`lms.people.scale`, `assessments.scale`): each
   enrolled in VOT-101, its required lessons for their sector done, present at a past workshop,
   the post-test submitted, the course completed; the scenario final not yet sat;
3. signs each in by writing their session row (SessionStore, as `login` would): no password is
   hashed while the clock runs, nor before it;
4. starts gunicorn (`gunicorn.conf.py`, `lms.settings.production` with stand-in secrets, Redis as
   the cache) on a free port and one `manage.py db_worker` per core (--task-workers), each at
   a lower CPU priority (`nice`, as deployment.md's worker units), so that marking and
   certificates yield the processor to trainees' requests; the workers first drain what the
   preparation queued (search and reference-index updates), so the rush starts with an empty
   queue, as an exam would;
5. fires, each phase as N simultaneous requests from N trainees (asyncio, one connection each,
   as browsers behind a TLS proxy: Host, X-Forwarded-Proto/For, cookies, the CSRF token read from
   the page): the bare view (`/favicon.ico`, a redirect with no database) and `/healthz`; the
   final's page (GET); Start (POST); the attempt page (GET, past its content warning); the
   full submit (the attempt form's POST with every answer right and "Submit for marking"),
   which hands the attempt in for the task worker to mark; the review page (GET: the result, or
   "Your answers are in" while it is being marked); each trainee's result (the review page
   followed as a browser follows its Refresh header, timed from the submit's answer to the
   page with the result); the bare view again;
   with --servers K (issue 14, §4: several stateless app servers), K gunicorn instances on their
   own ports share the database and Redis; trainee i's pages go to server i mod K and their
   Start and submit to the next server, and every 10th trainee (--duplicate-every) also sends
   the same submit to the first server at the same moment; then each rate limit (certificate
   verification per address, failed sign-ins per account) is counted once on one server and
   once alternating over all of them, and must refuse at the same request;
6. waits for the workers to mark every attempt and render the certificates (timed; and the
   last grade's time from the moment the submits were sent), then checks the database: one
   submitted
   attempt and one grade per trainee, one certificate per person and kind, no duplicates,
   each doubly submitted attempt graded once;
7. prints every phase's errors, p50/p95/p99/max, throughput and the ratios, and as its last
   line the same as JSON with the checks (sessions, rate limits, exactly-once certificate,
   submit lock) across the servers. Stops gunicorn and the worker; drops the database unless
   --keep. The media (the PDFs) and gunicorn's and the worker's logs stay in /tmp/rush-media-*.

The machine is shared: run it when others are quiet, and say what the load was (it is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "himaya.example.org"
COURSE_CODE = "VOT-101"
FINAL_CODE = "VOT-FINAL"
# Stand-in secrets, as the Makefile's PROD_CHECK_ENV: a deployment sets its own.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "exam-rush-only-3f9c1a7e5b2d8c4f6a0e9b1d7c3a5f8e2b4d6c0a9e1f",
    "ALLOWED_HOSTS": HOST,
    "HIMAYA_PSEUDONYM_KEY": "exam-rush-only-pseudonym-key-0123456789",
}


# --- A small HTTP/1.1 client: one connection per request, as many browsers at once. -----------


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    seconds: float
    cookies: dict = field(default_factory=dict)
    started: float = 0.0  # perf_counter() when the connection was opened
    twin: bool = False  # a submit also sent to another server at the same moment

    @property
    def ended(self) -> float:
        return self.started + self.seconds


async def request(
    port, method, path, *, cookies=None, form=None, timeout=300.0, address="203.0.113.10"
) -> Answer:
    headers = {
        "Host": HOST,
        # The TLS-terminating proxy in front of gunicorn (production.py trusts one); `address` is
        # the client it names, which the rate limits count by.
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": address,
        "Connection": "close",
        "User-Agent": "exam-rush",
        "Accept": "text/html",
    }
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = b""
    if form is not None:
        body = urlencode(form, doseq=True).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        # Django's CSRF check for HTTPS requests: the page's origin.
        headers["Origin"] = f"https://{HOST}"
        headers["Referer"] = f"https://{HOST}{path}"
    headers["Content-Length"] = str(len(body))
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    started = time.perf_counter()
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)  # the server closes: Connection: close
    finally:
        writer.close()
    seconds = time.perf_counter() - started
    head_bytes, _, content = raw.partition(b"\r\n\r\n")
    lines = head_bytes.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    answer_headers, set_cookies = {}, {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        answer_headers[name.strip().lower()] = value.strip()
        if name.strip().lower() == "set-cookie":
            cookie_name, _, rest = value.strip().partition("=")
            set_cookies[cookie_name] = rest.split(";", 1)[0]
    if answer_headers.get("transfer-encoding") == "chunked":
        content = _unchunk(content)
    return Answer(
        status, answer_headers, content.decode("utf-8", "replace"), seconds, set_cookies, started
    )


def _unchunk(data: bytes) -> bytes:
    out, rest = b"", data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2 :]
    return out


@dataclass
class Phase:
    name: str
    seconds: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    wall: float = 0.0

    def summary(self) -> dict:
        ordered = sorted(self.seconds)

        def pct(p):
            if not ordered:
                return None
            return round(ordered[min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1)], 3)

        return {
            "requests": len(self.seconds) + len(self.errors),
            "errors": len(self.errors),
            "p50": pct(50),
            "p95": pct(95),
            "p99": pct(99),
            "max": round(ordered[-1], 3) if ordered else None,
            "mean": round(statistics.mean(ordered), 3) if ordered else None,
            "wall": round(self.wall, 2),
            "per_second": round(len(self.seconds) / self.wall, 1) if self.wall else None,
        }


async def fire(phase: Phase, calls, expect) -> list:
    """Every call at once; `expect(answer)` returns an error text or None."""

    async def one(call):
        try:
            answer = await call()
        except Exception as error:  # a refused or reset connection, a timeout
            phase.errors.append(f"{type(error).__name__}: {error}")
            return None
        problem = expect(answer)
        if problem:
            phase.errors.append(problem)
            return answer
        phase.seconds.append(answer.seconds)
        return answer

    started = time.perf_counter()
    answers = await asyncio.gather(*(one(call) for call in calls))
    phase.wall = time.perf_counter() - started
    return answers


def status_is(*codes):
    def check(answer):
        if answer.status not in codes:
            return f"HTTP {answer.status} (expected {codes}): {answer.body[:200]!r}"
        return None

    return check


# --- Preparation ------------------------------------------------------------------------------


def run(command, env, **kwargs):
    print("$", " ".join(command), flush=True)
    subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603 (ours)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(admin_url: str, sql: str) -> None:
    subprocess.run(  # noqa: S603 (our own statement)
        ["psql", admin_url, "-v", "ON_ERROR_STOP=1", "-qc", sql],  # noqa: S607
        check=True,
    )


def prepare(count: int) -> dict:
    """N trainees ready to sit the final, with their sessions; returns what the rush needs."""
    import random

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from assessments import scale as assessments_scale
    from assessments.models import Quiz
    from courses import scale as courses_scale
    from courses.models import Attendance, CoursePage, Enrolment, LessonCompletion
    from lms import bulk
    from lms.people import scale as people_scale
    from lms.people.models import Organisation, User

    course = CoursePage.objects.get(code=COURSE_CODE, locale__language_code="en")
    final = Quiz.objects.get(code=FINAL_CODE)
    now = timezone.now()
    organisations = list(Organisation.objects.select_related("sector").order_by("pk"))
    rng = random.Random(14)
    people = []
    for number in range(count):
        organisation = organisations[number % len(organisations)]
        name_en, name_ar = people_scale.fictional_name(rng, "")
        people.append(
            people_scale.Person(
                email=f"rush.{number:05d}@himaya.example",
                name_en=name_en,
                name_ar=name_ar,
                sex="",
                organisation_id=organisation.pk,
                job_title="",
                joined=now - timedelta(days=60),
                language=rng.choice(list(User.Language)),
            )
        )
    # One stored hash for everyone (never checked: the sessions below sign them in).
    user_ids = people_scale.create_people(
        people=people, password=make_password(None), invited_by=None
    )
    # The demo's bulk builders wrote ids of their own: the sequences follow before the ORM writes.
    bulk.reset_sequences(Enrolment, LessonCompletion, Attendance)
    sector_of = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "organisation__sector"))
    enrolled_at = now - timedelta(days=50)
    Enrolment.objects.bulk_create(
        Enrolment(
            user_id=pk,
            course=course,
            source=Enrolment.Source.MANAGER,
            enrolled_at=enrolled_at,
            completed_at=now - timedelta(days=1),
        )
        for pk in user_ids
    )
    lessons = courses_scale.required_lessons_by_sector(course)
    LessonCompletion.objects.bulk_create(
        LessonCompletion(user_id=pk, lesson=lesson, completed_at=now - timedelta(days=10))
        for pk in user_ids
        for lesson in lessons[sector_of[pk]]
    )
    if course.requires_attendance:
        session = course.sessions.filter(ends_at__lt=now).order_by("-starts_at").first()
        Attendance.objects.bulk_create(
            Attendance(session=session, user_id=pk, status=Attendance.Status.PRESENT)
            for pk in user_ids
        )
    if course.post_test_id:
        assessments_scale.submit_attempts(
            quiz=course.post_test,
            sittings=[
                assessments_scale.Sitting(
                    user_id=pk,
                    number=1,
                    started_at=now - timedelta(days=2, minutes=30),
                    submitted_at=now - timedelta(days=2),
                    skill=0.85,
                    seed=f"rush/{pk}",
                )
                for pk in user_ids
            ],
        )
    backend = "django.contrib.auth.backends.ModelBackend"
    sessions = {}
    for user in User.objects.filter(pk__in=user_ids).only("pk", "password"):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[user.pk] = store.session_key
    return {"final_id": final.pk, "course_id": course.pk, "sessions": sessions}


# --- The answers the attempt form sends ---------------------------------------------------------


def full_marks_form(attempt) -> dict:
    """The attempt page's fields for every question answered right: questions by their index in
    the layout, options by their position (presenters.parse_answer reads them back)."""
    from assessments import services
    from assessments.demo import key_answer

    questions = services.questions_by_key(attempt.version.scenarios)
    form = {}
    for index, item in enumerate(attempt.layout):
        question = questions[item["key"]]
        answer = key_answer(question)
        position = {code: str(n) for n, code in enumerate(item["options"], start=1)}
        if question["type"] == "ordering":
            for rank, code in enumerate(answer, start=1):
                form[f"q{index}-{position[code]}"] = str(rank)
        elif question["type"] == "matching":
            for prompt, code in answer.items():
                form[f"q{index}-{prompt}"] = position[code]
        else:
            form[f"q{index}"] = [position[code] for code in answer]
    return form


FIELD = re.compile(r'name="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONTINUE = re.compile(r'href="([^"]*\?continue=[^"]*)"')


# --- The rush ---------------------------------------------------------------------------------


def signed_out(answer) -> bool:
    """Sent to the sign-in page: the session was not honoured by the server that answered."""
    return answer.status in (301, 302) and "/accounts/login/" in answer.headers.get("location", "")


async def rush(
    ports: list[int], prepared: dict, language: str, *, duplicate_every: int = 0
) -> dict:
    """The phases, each trainee's requests spread over the servers: trainee i's pages go to
    server i mod K ("home") and their Start and submit to the next one ("other"), so that with
    two servers every trainee's session, CSRF token and attempt cross from one to the other.
    Every `duplicate_every`-th trainee also sends the same submit to their home server at the
    same moment (a double click through a load balancer): the submit lock must grade it once."""
    from assessments.models import Attempt

    sessions = prepared["sessions"]
    final_id = prepared["final_id"]
    jars = {pk: {"sessionid": key} for pk, key in sessions.items()}
    order = {pk: n for n, pk in enumerate(jars)}
    home = {pk: ports[order[pk] % len(ports)] for pk in jars}
    other = {pk: ports[(order[pk] + 1) % len(ports)] for pk in jars}
    phases = {}
    answers_seen = []  # every answer to a signed-in request, for the sessions check

    def phase(name):
        phases[name] = Phase(name)
        print(f"  {name} …", flush=True)
        return phases[name]

    async def fire_all(the_phase, calls, expect):
        answers = await fire(the_phase, calls, expect)
        answers_seen.extend(a for a in answers if a is not None)
        return answers

    quiz_path = f"/{language}/quizzes/{final_id}/"

    await fire_all(
        phase("bare_before"),
        [lambda pk=pk: request(home[pk], "GET", "/favicon.ico", cookies=jars[pk]) for pk in jars],
        status_is(301),
    )
    await fire(
        phase("healthz"),
        [lambda pk=pk: request(home[pk], "GET", "/healthz") for pk in jars],
        status_is(200),
    )
    pages = await fire_all(
        phase("quiz_page"),
        [lambda pk=pk: request(home[pk], "GET", quiz_path, cookies=jars[pk]) for pk in jars],
        status_is(200),
    )
    tokens = {}
    for pk, page in zip(jars, pages, strict=True):
        if page is None:
            continue
        jars[pk].update(page.cookies)
        match = CSRF.search(page.body)
        if match:
            tokens[pk] = match.group(1)
    starts = await fire_all(
        phase("start"),
        [
            lambda pk=pk: request(
                other[pk],
                "POST",
                f"/{language}/quizzes/{final_id}/start/",
                cookies=jars[pk],
                form={"csrfmiddlewaretoken": tokens.get(pk, "")},
            )
            for pk in jars
        ],
        lambda answer: (
            status_is(302)(answer)
            or (None if "/attempts/" in answer.headers.get("location", "") else "not sent to it")
        ),
    )
    take_paths = {
        pk: answer.headers["location"]
        for pk, answer in zip(jars, starts, strict=True)
        if answer is not None and "/attempts/" in answer.headers.get("location", "")
    }
    takes = await fire_all(
        phase("attempt_page"),
        [
            lambda pk=pk: request(home[pk], "GET", take_paths[pk], cookies=jars[pk])
            for pk in take_paths
        ],
        status_is(200),
    )
    # A case with a content warning: the trainee follows "Continue" (once, for the session).
    forms = {}
    for pk, page in zip(take_paths, takes, strict=True):
        if page is None:
            continue
        jars[pk].update(page.cookies)
        if 'id="attempt-form"' not in page.body:
            link = CONTINUE.search(page.body).group(1).replace("&amp;", "&")
            path = link if link.startswith("/") else take_paths[pk].split("?")[0] + link
            page = await request(home[pk], "GET", path, cookies=jars[pk])
            answers_seen.append(page)
            jars[pk].update(page.cookies)
        forms[pk] = page.body
    attempts = {
        a.user_id: a
        for a in Attempt.objects.filter(
            quiz_id=final_id, user_id__in=list(forms), submitted_at__isnull=True
        ).select_related("version")
    }
    submit_forms, mismatched = {}, 0
    for pk, body in forms.items():
        form = full_marks_form(attempts[pk])
        if not set(form) <= set(FIELD.findall(body)):
            mismatched += 1  # the page offers other fields than the answers need
        submit_forms[pk] = {
            "csrfmiddlewaretoken": CSRF.search(body).group(1),
            **form,
            "submit": "1",
        }
    save_path = {pk: f"/{language}/quizzes/attempts/{attempts[pk].pk}/save/" for pk in forms}
    doubled = [pk for pk in submit_forms if duplicate_every and order[pk] % duplicate_every == 0]
    doubled_set = set(doubled)

    def submit_to(port, pk):
        return request(port, "POST", save_path[pk], cookies=jars[pk], form=submit_forms[pk])

    def to_review(answer):
        location = answer.headers.get("location", "")
        if answer.status == 302 and answer.twin and "/attempts/" in location:
            # Its twin on the other server took the attempt's lock first and submitted it: this
            # one found it submitted and sends the trainee to the attempt (then to its results).
            return None
        return status_is(302)(answer) or (None if "/review/" in location else "not sent to review")

    async def submit_first(pk):
        answer = await submit_to(other[pk], pk)
        answer.twin = pk in doubled_set
        return answer

    def not_a_failure(answer):
        # The second of two simultaneous submits: any answer but a server error or the sign-in
        # page (the grade is checked in the database).
        if answer.status >= 500 or signed_out(answer):
            return (
                f"HTTP {answer.status} {answer.headers.get('location', '')}: {answer.body[:200]!r}"
            )
        return None

    twins_phase = Phase("duplicate_submit")
    print(f"  (and {len(doubled)} duplicate submits to the other server at the same moment)")
    submit_sent_at = datetime.now(UTC)
    submits, duplicates = await asyncio.gather(
        fire_all(
            phase("submit"),
            [lambda pk=pk: submit_first(pk) for pk in submit_forms],
            to_review,
        ),
        fire_all(
            twins_phase,
            [lambda pk=pk: submit_to(home[pk], pk) for pk in doubled],
            not_a_failure,
        ),
    )
    by_person = dict(zip(submit_forms, submits, strict=True))
    overlapping = sum(
        1
        for pk, twin in zip(doubled, duplicates, strict=True)
        if twin is not None
        and by_person[pk] is not None
        and max(twin.started, by_person[pk].started) < min(twin.ended, by_person[pk].ended)
    )
    # Of each pair, one answer sends the trainee to the results: the one that submitted.
    twins = dict(zip(doubled, duplicates, strict=True))
    pairs_without_results = sum(
        1
        for pk in doubled
        if not any(
            answer is not None and "/review/" in answer.headers.get("location", "")
            for answer in (by_person[pk], twins[pk])
        )
    )
    twin_answers = {}
    for twin in [*duplicates, *(by_person[pk] for pk in doubled)]:
        if twin is None:
            continue
        location = twin.headers.get("location", "")
        kind = next(
            (k for k in ("/review/", "/attempts/", "/quizzes/") if k in location), location or "-"
        )
        label = f"{twin.status} {kind}"
        twin_answers[label] = twin_answers.get(label, 0) + 1
    review_paths = {
        pk: answer.headers["location"]
        for pk in submit_forms
        for answer in (by_person[pk], twins.get(pk))
        if answer is not None and "/review/" in answer.headers.get("location", "")
    }
    await fire_all(
        phase("review_page"),
        [
            lambda pk=pk: request(home[pk], "GET", review_paths[pk], cookies=jars[pk])
            for pk in review_paths
        ],
        status_is(200),
    )
    # Each trainee's result, as their browser gets it: the review page again after each Refresh
    # the "being marked" page asks for, timed from the moment their submit was answered.
    submit_answered = {
        pk: min(
            answer.ended
            for answer in (by_person[pk], twins.get(pk))
            if answer is not None and "/review/" in answer.headers.get("location", "")
        )
        for pk in review_paths
    }

    async def until_result(pk):
        while True:
            answer = await request(home[pk], "GET", review_paths[pk], cookies=jars[pk])
            if answer.status != 200 or "refresh" not in answer.headers:
                break
            await asyncio.sleep(float(answer.headers["refresh"]))
        answer.seconds = answer.ended - submit_answered[pk]
        return answer

    def shows_result(answer):
        if answer.status != 200 or "Your answers are in" in answer.body:
            return f"HTTP {answer.status}: no result: {answer.body[:200]!r}"
        return None

    await fire_all(
        phase("result_shown"), [lambda pk=pk: until_result(pk) for pk in review_paths], shows_result
    )
    await fire_all(
        phase("bare_after"),
        [lambda pk=pk: request(other[pk], "GET", "/favicon.ico", cookies=jars[pk]) for pk in jars],
        status_is(301),
    )
    return {
        "phases": phases,
        "submit_sent_at": submit_sent_at,
        "form_fields_mismatched": mismatched,
        "sessions": {
            "signed_in_requests": len(answers_seen),
            "sent_to_sign_in": sum(1 for answer in answers_seen if signed_out(answer)),
            "people_crossing_servers": len(jars) if len(ports) > 1 else 0,
        },
        "duplicate_submits": {
            "attempts": [attempts[pk].pk for pk in doubled],
            "sent": len(doubled),
            "errors": len(twins_phase.errors),
            "error_samples": twins_phase.errors[:3],
            "in_flight_together": overlapping,
            "pairs_without_results": pairs_without_results,
            "answers_of_both": twin_answers,
        },
    }


# --- Rate limits across servers ------------------------------------------------------------------


async def refused_at(ports, send, *, refused, limit=100) -> int | None:
    """Send requests one after another, alternating over `ports`, until `refused(answer)`:
    the number of the first refused request (None if none was within `limit`)."""
    for number in range(1, limit + 1):
        answer = await send(ports[(number - 1) % len(ports)])
        if refused(answer):
            return number
    return None


async def verify_refused_at(ports, language, address) -> int | None:
    """Certificate verification (public, VERIFY_LIMIT_PER_MINUTE per address and clock minute):
    started early in a minute so the whole sequence counts in one bucket, repeated if a minute
    turned during it anyway."""
    for _ in range(3):
        if time.localtime().tm_sec > 40:
            await asyncio.sleep(61 - time.localtime().tm_sec)
        minute = time.localtime().tm_min
        number = await refused_at(
            ports,
            lambda port, address=address: request(
                port, "GET", f"/{language}/verify/NO-SUCH-CODE/", address=address
            ),
            refused=lambda answer: answer.status == 429,
        )
        if time.localtime().tm_min == minute:
            return number
        address = address + "1"  # a fresh count for the retry
    return None


async def login_refused_at(ports, language, email, address) -> int | None:
    """Failed sign-ins of one account (allauth's login_failed rate, ACCOUNT_RATE_LIMITS): the
    attempt answered with the lock-out message."""
    path = f"/{language}/accounts/login/"
    page = await request(ports[0], "GET", path, address=address)
    cookies = dict(page.cookies)
    token = CSRF.search(page.body).group(1)
    return await refused_at(
        ports,
        lambda port: request(
            port,
            "POST",
            path,
            cookies=cookies,
            form={"csrfmiddlewaretoken": token, "login": email, "password": "not-the-password"},
            address=address,
        ),
        refused=lambda answer: "Too many failed sign-in attempts" in answer.body,
        limit=30,
    )


async def rate_limits(ports, language, people_emails) -> dict:
    """Each limit counted once on the first server alone and once alternating over every server
    (its own address and account each time): with one shared count, the refusal comes at the
    same request both ways; with a count per server it would come K times later."""
    one, every = ports[:1], ports
    verify_one = await verify_refused_at(one, language, "198.51.100.21")
    verify_every = await verify_refused_at(every, language, "198.51.100.22")
    login_one = await login_refused_at(one, language, people_emails[0], "198.51.100.23")
    login_every = await login_refused_at(every, language, people_emails[1], "198.51.100.24")
    return {
        "verify_refused_at": {"one_server": verify_one, "alternating": verify_every},
        "login_refused_at": {"one_server": login_one, "alternating": login_every},
        "shared": bool(verify_one and login_one)
        and (verify_one, login_one) == (verify_every, login_every),
    }


def wait_for_empty_queue(timeout: float) -> int:
    """The task workers start where production's would be at an exam: with nothing queued. The
    preparation's pages and people leave search-index and reference-index tasks behind (1,600
    after `seed_demo` and 400 trainees); returns how many there were."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready()
    backlog = waiting.count()
    started = time.perf_counter()
    while waiting.exists() and time.perf_counter() - started < timeout:
        time.sleep(1)
    connection.close()
    return backlog


def check_database(
    prepared: dict, timeout: float, doubled: list[int] = (), submit_sent_at=None
) -> dict:
    """What the rush left: exactly one submitted attempt and one grade per trainee, one
    certificate per person and kind (waiting for the worker's PDFs up to `timeout`)."""
    from django.db.models import Count, Max

    from assessments.models import Attempt, AttemptGrade
    from certificates.models import Certificate

    people = list(prepared["sessions"])
    final_id = prepared["final_id"]
    attempts = Attempt.objects.filter(quiz_id=final_id, user_id__in=people)
    per_person = attempts.values("user_id").annotate(n=Count("pk"))
    grades = AttemptGrade.objects.filter(attempt__in=attempts, regrade__isnull=True)
    certificates = Certificate.objects.filter(user_id__in=people)
    started = time.perf_counter()
    while True:
        marking = attempts.filter(handed_in_at__isnull=False, submitted_at__isnull=True).count()
        if not marking or time.perf_counter() - started > timeout:
            break
        time.sleep(0.5)
    marked = time.perf_counter() - started
    while True:
        unrendered = certificates.filter(pdf="").count()
        if not unrendered or time.perf_counter() - started > timeout:
            break
        time.sleep(2)
    drained = time.perf_counter() - started
    duplicates = (
        certificates.filter(superseded_at__isnull=True, revoked_at__isnull=True)
        .values("user_id", "course_id", "kind")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "people": len(people),
        "attempts": attempts.count(),
        "people_with_more_than_one_attempt": sum(1 for row in per_person if row["n"] > 1),
        "submitted": attempts.filter(submitted_at__isnull=False).count(),
        "passed": attempts.filter(passed=True).count(),
        "grades": grades.count(),
        "attempts_with_more_than_one_grade": grades.values("attempt_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count(),
        "competency_certificates": certificates.filter(kind=Certificate.Kind.COMPETENCY).count(),
        "completion_certificates": certificates.filter(kind=Certificate.Kind.COMPLETION).count(),
        "duplicate_certificates": duplicates,
        "pdfs_unrendered": unrendered,
        # The attempts submitted twice at once: each graded once, its results written once.
        "doubled_attempts_graded_once": AttemptGrade.objects.filter(
            attempt_id__in=doubled, regrade__isnull=True
        )
        .values("attempt_id")
        .annotate(n=Count("pk"))
        .filter(n=1)
        .count(),
        "doubled_attempts_with_results_twice": sum(
            1
            for attempt in Attempt.objects.filter(pk__in=doubled).annotate(n=Count("results"))
            if attempt.n != len(attempt.layout)
        ),
        "left_unmarked": marking,
        "marked_after_s": round(marked, 1),
        # From the moment the submits were sent to the last attempt's grade, as the worker wrote it.
        "all_marked_after_submits_s": round(
            (grades.aggregate(last=Max("graded_at"))["last"] - submit_sent_at).total_seconds(), 1
        )
        if submit_sent_at
        else None,
        "pdfs_drained_after_s": round(drained, 1),
    }


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    return {"cores": os.cpu_count(), "cpu": model, "load": [round(x, 2) for x in os.getloadavg()]}


def scratch_env(*, admin_url: str, redis: str, prefix: str) -> tuple[str, dict, str]:
    """A new scratch database's name (rush_<time>, not created yet), the production environment
    that serves it, and a temporary media directory."""
    name = f"rush_{int(time.time())}"
    media = tempfile.mkdtemp(prefix=prefix)
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "DATABASE_URL": f"{admin_url.rsplit('/', 1)[0]}/{name}",
        "REDIS_URL": redis,
        "MEDIA_ROOT": media,
        "PYTHONPATH": str(ROOT),
    }
    return name, env, media


def build_site(env: dict, redis: str) -> None:
    """The scratch database migrated, the static files collected, the demo seeded (development
    settings, as `make run` seeds it), and the Redis database flushed."""
    subprocess.run(  # noqa: S603
        ["redis-cli", "-u", redis, "flushdb"],  # noqa: S607
        check=True,
        capture_output=True,
    )
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    run(
        [PYTHON, "manage.py", "seed_demo"],
        {**env, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"},
        stdout=subprocess.DEVNULL,
    )


def serve(
    env: dict, media: str, *, workers=None, threads=None, log_name="gunicorn.log", root=ROOT
) -> tuple[subprocess.Popen, int]:
    """gunicorn (gunicorn.conf.py) of the checkout at `root` on a free port, returned once
    /healthz answers and its workers have had time to boot and warm (post_worker_init); its log
    in the media directory."""
    port = free_port()
    server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:
        server_env["GUNICORN_WORKERS"] = str(workers)
    if threads:
        server_env["GUNICORN_THREADS"] = str(threads)
    log = open(Path(media) / log_name, "w")  # noqa: SIM115 (kept open while it runs)
    server = subprocess.Popen(  # noqa: S603 (our own commands)
        [str(Path(root) / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "lms.wsgi"],
        env=server_env,
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        try:
            if asyncio.run(request(port, "GET", "/healthz", timeout=5)).status == 200:
                break
        except OSError:
            pass
        time.sleep(1)
    time.sleep(3)
    return server, port


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--workers", type=int, help="gunicorn workers (gunicorn.conf.py decides)")
    parser.add_argument("--threads", type=int, help="threads per worker (gunicorn.conf.py)")
    parser.add_argument(
        "--task-workers",
        type=int,
        default=os.cpu_count() or 1,
        help="`manage.py db_worker` processes, each under `nice -n 10` (default: one per core)",
    )
    parser.add_argument(
        "--servers",
        type=int,
        default=1,
        help="gunicorn instances on their own ports, sharing the database and Redis; each "
        "trainee's pages go to one and their Start and submit to the next",
    )
    parser.add_argument(
        "--duplicate-every",
        type=int,
        default=10,
        help="every n-th trainee also sends their submit to a second server at the same moment "
        "(0: none)",
    )
    parser.add_argument("--language", default="en", choices=["en", "ar"])
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9", help="flushed first")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--drain-timeout", type=float, default=600)
    args = parser.parse_args()

    name, env, media = scratch_env(admin_url=args.admin_url, redis=args.redis, prefix="rush-media-")
    print(f"database {name}, media {media}, machine {machine()}", flush=True)
    psql(args.admin_url, f'CREATE DATABASE "{name}"')
    processes = []
    try:
        clock = time.perf_counter()
        build_site(env, args.redis)
        os.environ.update(env)
        # The rush reads the attempts between two phases, from the event loop's thread.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        prepared = prepare(args.people)
        print(f"prepared {args.people} trainees in {time.perf_counter() - clock:.0f} s", flush=True)
        from django.db import connection

        connection.close()

        ports = []
        for number in range(args.servers):
            server, port = serve(
                env,
                media,
                workers=args.workers,
                threads=args.threads,
                log_name="gunicorn.log" if args.servers == 1 else f"gunicorn-{number + 1}.log",
            )
            processes.append(server)
            ports.append(port)
        for number in range(args.task_workers):
            processes.append(
                subprocess.Popen(  # noqa: S603 (our own commands)
                    ["nice", "-n", "10", PYTHON, "manage.py", "db_worker"],  # noqa: S607
                    env=env,
                    cwd=ROOT,
                    stdout=open(Path(media) / f"worker-{number + 1}.log", "w"),  # noqa: SIM115
                    stderr=subprocess.STDOUT,
                )
            )
        backlog = wait_for_empty_queue(args.drain_timeout)
        print(f"gunicorn on {ports} (logs in {media}); the workers drained the {backlog} tasks")
        print("the preparation queued (search and reference index); the rush:", flush=True)
        load_at_rush = machine()["load"]
        outcome = asyncio.run(
            rush(ports, prepared, args.language, duplicate_every=args.duplicate_every)
        )
        print("  rate limits …", flush=True)
        emails = [f"rush.{n:05d}@himaya.example" for n in range(2)]
        limits = asyncio.run(rate_limits(ports, args.language, emails))
        database = check_database(
            prepared,
            args.drain_timeout,
            outcome["duplicate_submits"]["attempts"],
            outcome["submit_sent_at"],
        )
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        from django.db import connections

        connections.close_all()
        if not args.keep:
            psql(args.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    phases = {name: phase.summary() for name, phase in outcome["phases"].items()}
    for name, summary in phases.items():
        print(f"{name:14} {json.dumps(summary)}")
    for name, phase in outcome["phases"].items():
        for error in phase.errors[:5]:
            print(f"  {name} error: {error}")

    def ratio(a, b):
        x, y = phases[a]["per_second"], phases[b]["per_second"]
        return round(x / y, 3) if x and y else None

    doubled = outcome["duplicate_submits"]
    sessions = outcome["sessions"]
    checks = {
        # Every signed-in request answered as the person, on whichever server it reached.
        "sessions_shared": sessions["sent_to_sign_in"] == 0
        and all(phases[p]["errors"] == 0 for p in ("quiz_page", "start", "submit")),
        "rate_limits_shared": limits["shared"],
        # One certificate per person and kind, every trainee's competency certificate.
        "certificate_exactly_once": database["duplicate_certificates"] == 0
        and database["competency_certificates"] == database["people"],
        # Two simultaneous submits of one attempt on two servers: one grade, no server error.
        "submit_lock": doubled["errors"] == 0
        and doubled["pairs_without_results"] == 0
        and database["doubled_attempts_graded_once"] == doubled["sent"]
        and database["doubled_attempts_with_results_twice"] == 0
        and database["attempts_with_more_than_one_grade"] == 0,
    }
    result = {
        "people": args.people,
        "servers": args.servers,
        "machine": machine(),
        "load_at_rush": load_at_rush,
        "workers": args.workers or "gunicorn.conf.py",
        "task_workers": args.task_workers,
        "phases": phases,
        "submit_to_start_throughput": ratio("submit", "start"),
        "start_to_bare_throughput": ratio("start", "bare_before"),
        "submit_to_bare_throughput": ratio("submit", "bare_before"),
        "form_fields_mismatched": outcome["form_fields_mismatched"],
        "database": database,
        "errors": sum(summary["errors"] for summary in phases.values()),
        "sessions": sessions,
        "rate_limits": limits,
        "duplicate_submits": {k: v for k, v in doubled.items() if k != "attempts"},
        "checks": checks,
    }
    print(
        f"submit/start throughput {result['submit_to_start_throughput']}, "
        f"start/bare {result['start_to_bare_throughput']}, "
        f"submit/bare {result['submit_to_bare_throughput']}"
    )
    print(json.dumps(database))
    print(
        "checks:", json.dumps(checks), json.dumps(limits), json.dumps(result["duplicate_submits"])
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
