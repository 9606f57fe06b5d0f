"""Drill (issue 14, §7): PostgreSQL restarted while a class submits its quiz.

    cd /work/main && .venv/bin/python bench/drill_db_restart.py [--trainees 60] [--restarts 1]

Starts a PostgreSQL server of its own (initdb in a temporary directory, on a free port; run
as the `postgres` user when this runs as root), so that restarting it disturbs no other
database on the machine; creates the database `drill_db_restart` there, migrates it and prepares
N trainees, each enrolled, with a started attempt and a signed-in session (no password hashing).
Then it starts gunicorn with the production settings (gunicorn.conf.py, 3 workers), fires the N
full submits at once (every answer in the form, as the quiz page sends them) and restarts
PostgreSQL (`pg_ctl restart -m fast`, which ends every connection as a real restart does) once a
third of the submits have been answered, `--restarts` times.

Each simulated trainee does what the page tells them: a 302 to the result page is a landed
submit; a 503 "send again" page is answered by pressing its button (its form posted again, after
a second) until the submit lands; anything else (a 500, a 403, a lost connection) is an error.
Afterwards the database is checked: every attempt handed in with exactly the answers the
trainee sent; then the task worker marks them (`db_worker --batch`) and every attempt has one
grade. Last line: the results as JSON. Exit status 1 if any submit erred or any
answer was lost.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import html
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE = "drill_db_restart"
HOST = "drill.localhost"
# The CSRF cookie's secret: 32 letters and digits, as Django makes them.
CSRF_SECRET = "DrillCsrfSecret0123456789abcdefg"  # noqa: S105
# Kept after the run: the server's errors (tracebacks of any 500) are read there.
GUNICORN_LOG = Path(tempfile.gettempdir()) / "himaya-drill-gunicorn.log"
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A PostgreSQL server of the drill's own, in a temporary directory, on its own port."""

    def __init__(self):
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="himaya-drill-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        # PostgreSQL refuses to run as root.
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.prefix:
            shutil.chown(self.dir, "postgres", "postgres")

    def run(self, *command):
        subprocess.run(  # noqa: S603
            [*self.prefix, *(str(part) for part in command)], check=True, capture_output=True
        )

    def pg_ctl(self, *arguments):
        self.run(
            self.bin / "pg_ctl", "-D", self.data, "-l", self.dir / "server.log", "-w", *arguments
        )

    def create(self):
        self.run(self.bin / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("-o", options, "start")
        self.run(
            self.bin / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", DATABASE
        )

    def restart(self) -> float:
        started = time.perf_counter()
        self.pg_ctl("-m", "fast", "restart")
        return time.perf_counter() - started

    def remove(self):
        try:
            self.pg_ctl("-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def environment(cluster: Cluster, web_port: int, media: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "drill-only-secret-key-" + "0123456789" * 5,
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "HIMAYA_PSEUDONYM_KEY": "drill-only-pseudonym-key",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/{DATABASE}",
        "MEDIA_ROOT": str(media),
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
        "GUNICORN_WORKERS": "3",
        "REDIS_URL": "",
    }


def prepare(count: int) -> list[dict]:
    """N trainees with a started attempt and a session; returns what each will send."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse
    from wagtail.models import Locale

    from assessments import services
    from assessments.models import Quiz, QuizItem
    from cms.models import HomePage
    from courses import services as courses
    from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
    from tests.factories import UserFactory
    from tests.quiz_fixtures import PERFECT, SCENARIO

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    (scenario,) = services.import_scenarios(scenarios=[SCENARIO], publish=True)
    quiz = Quiz(code="QZ-DRILL", title_en="Hotline check", title_ar="اختبار الخط")
    quiz.save()
    QuizItem.objects.create(quiz=quiz, scenario=scenario, sort_order=0)
    quiz.save_revision().publish()
    quiz.refresh_from_db()

    def publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    home = HomePage.objects.get(locale=Locale.get_default())
    index = publish(home, CourseIndexPage(title="Courses", slug="drill-courses"))
    course = publish(
        index, CoursePage(title="Drill", slug="drill", code="DRILL-1", summary="<p>A drill.</p>")
    )
    module = publish(course, ModulePage(title="Module", slug="m1", code="M1"))
    publish(module, LessonPage(title="Lesson", slug="l1", body=[("paragraph", "<p>.</p>")]))
    CoursePage.objects.filter(pk=course.pk).update(pre_test=quiz)

    trainees = []
    for number in range(count):
        user = UserFactory(email=f"drill{number}@example.org", password=None)
        courses.enrol(user=user, course=course, source="manager")
        attempt = services.start_attempt(user=user, quiz=quiz)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        trainees.append(
            {
                "attempt": attempt.pk,
                "session": session.session_key,
                "path": reverse("assessments:save", args=[attempt.pk]),
                "review": reverse("assessments:review", args=[attempt.pk]),
                "form": [*form_fields(attempt, PERFECT), ("submit", "1")],
                "answers": PERFECT,
            }
        )
    return trainees


def form_fields(attempt, answers) -> list[tuple[str, str]]:
    """The fields the quiz page posts for these answers (questions by their place in the
    attempt, options by their position: never codes)."""
    from assessments.services import questions_by_key

    questions = questions_by_key(attempt.version.scenarios)
    fields = []
    for index, item in enumerate(attempt.layout):
        answer = answers[item["key"]]
        position = {code: str(n) for n, code in enumerate(item["options"], start=1)}
        if questions[item["key"]]["type"] == "ordering":
            fields += [
                (f"q{index}-{position[code]}", str(rank)) for rank, code in enumerate(answer, 1)
            ]
        else:
            fields += [(f"q{index}", position[code]) for code in answer]
    return fields


def post(port: int, trainee: dict, fields: list[tuple[str, str]]):
    body = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", CSRF_SECRET)])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=90)
    try:
        connection.request(
            "POST",
            trainee["path"],
            body=body,
            headers={
                "Host": HOST,
                "X-Forwarded-Proto": "https",
                "Origin": f"https://{HOST}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={trainee['session']}; csrftoken={CSRF_SECRET}",
            },
        )
        response = connection.getresponse()
        return response.status, response.getheader("Location", ""), response.read().decode()
    finally:
        connection.close()


def sit(port: int, trainee: dict, answered: threading.Semaphore) -> dict:
    """One trainee's submit, sent again from the "send again" page as often as it is shown."""
    fields, outcome = trainee["form"], {"attempt": trainee["attempt"], "tries": 0, "send_again": 0}
    started = time.perf_counter()
    while True:
        outcome["tries"] += 1
        try:
            status, location, page = post(port, trainee, fields)
        except OSError as error:
            outcome.update(result="error", detail=f"connection: {error}")
            break
        finally:
            answered.release()
        if status == 302 and location.endswith(trainee["review"]):
            outcome["result"] = "landed"
            break
        if status == 503 and "Send my answers again" in page:
            outcome["send_again"] += 1
            # What the page's button posts: the hidden fields, less the token we add ourselves.
            fields = [
                (html.unescape(name), html.unescape(value))
                for name, value in HIDDEN.findall(page)
                if name != "csrfmiddlewaretoken"
            ]
            if outcome["send_again"] > 30:
                outcome.update(result="error", detail="still asked to send again after 30 tries")
                break
            time.sleep(1)
            continue
        outcome.update(result="error", detail=f"HTTP {status}: {page[:200]}")
        break
    outcome["seconds"] = time.perf_counter() - started
    return outcome


def wait_for(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers={"Host": HOST})
            if connection.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz")


def check(trainees: list[dict]) -> dict:
    from django.db import connections

    from assessments.models import Attempt, AttemptGrade

    connections.close_all()  # the bench's own connection died with the restart
    attempts = {a.pk: a for a in Attempt.objects.filter(pk__in=[t["attempt"] for t in trainees])}
    grades = AttemptGrade.objects.filter(attempt_id__in=list(attempts))
    graded = {}
    for grade in grades:
        graded[grade.attempt_id] = graded.get(grade.attempt_id, 0) + 1
    lost = [
        t["attempt"]
        for t in trainees
        if attempts[t["attempt"]].handed_in_at is None
        or attempts[t["attempt"]].answers != t["answers"]
    ]
    return {
        "handed_in": sum(1 for a in attempts.values() if a.handed_in_at is not None),
        "submitted": sum(1 for a in attempts.values() if a.submitted_at is not None),
        "answers_lost": len(lost),
        "attempts_without_one_grade": sum(1 for pk in attempts if graded.get(pk) != 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=60)
    parser.add_argument("--restarts", type=int, default=1)
    options = parser.parse_args()

    cluster = Cluster()
    web_port = free_port()
    media = Path(tempfile.mkdtemp(prefix="himaya-drill-media-"))
    gunicorn = None
    try:
        cluster.create()
        env = environment(cluster, web_port, media)
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        print(f"preparing {options.trainees} trainees on database {DATABASE} (port {cluster.port})")
        trainees = prepare(options.trainees)
        gunicorn = subprocess.Popen(  # noqa: S603
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "lms.wsgi"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=open(GUNICORN_LOG, "w"),  # noqa: SIM115
        )
        wait_for(web_port)

        answered = threading.Semaphore(0)
        restarts = []

        def restart_during_the_rush():
            for number in range(options.restarts):
                # Once a third (then two thirds...) of the class has had an answer.
                for _ in range(max(1, options.trainees // (options.restarts + 2))):
                    answered.acquire()
                restarts.append(cluster.restart())
                print(f"PostgreSQL restarted ({number + 1}) in {restarts[-1]:.2f} s")

        restarter = threading.Thread(target=restart_during_the_rush, daemon=True)
        restarter.start()
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=options.trainees) as pool:
            outcomes = list(pool.map(lambda t: sit(web_port, t, answered), trainees))
        elapsed = time.perf_counter() - started
        restarter.join(timeout=60)

        errors = [o for o in outcomes if o["result"] != "landed"]
        # A landed submit hands the attempt in; the task worker marks it (after the rush here,
        # so that the restart hits the requests, which must lose nothing).
        handed_in = check(trainees)["handed_in"]
        subprocess.run(  # noqa: S603 (our own command)
            [PYTHON, "manage.py", "db_worker", "--batch", "--interval", "0", "--no-startup-delay"],
            cwd=ROOT,
            env={**os.environ, **env},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        database = {"handed_in_before_marking": handed_in, **check(trainees)}
        results = {
            "drill": "postgresql_restart_during_submits",
            "trainees": options.trainees,
            "restarts": len(restarts),
            "restart_seconds": [round(r, 2) for r in restarts],
            "landed": sum(1 for o in outcomes if o["result"] == "landed"),
            "landed_first_time": sum(
                1 for o in outcomes if o["tries"] == 1 and o["result"] == "landed"
            ),
            "asked_to_send_again": sum(1 for o in outcomes if o["send_again"]),
            "send_again_pages": sum(o["send_again"] for o in outcomes),
            "most_tries": max(o["tries"] for o in outcomes),
            "errors": len(errors),
            "error_details": sorted({o["detail"] for o in errors})[:5],
            "seconds": round(elapsed, 1),
            **database,
        }
        for name, value in results.items():
            print(f"{name:>28}: {value}")
        print(json.dumps(results))
        failed = errors or database["answers_lost"] or database["attempts_without_one_grade"]
        return 1 if failed or len(restarts) != options.restarts else 0
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=60)
        cluster.remove()
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
