"""Learning records: xAPI 1.0.3 statements sent to a Learning Record Store.

A stand-in LRS (http.server on 127.0.0.1, a free port, no network) records what it is sent and
answers as each test tells it to. Tasks run immediately in tests, so the first try of each
statement happens as the event is recorded; later tries are `manage.py send_learning_records`
runs, with the clock moved on by time-machine.
"""

import base64
import datetime as dt
import json
import re
import threading
import uuid
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.signals import task_enqueued

from assessments import services as assessments
from certificates import learning_records as xapi
from certificates import services as certificates
from certificates.models import Certificate, LearningRecordStatement
from courses import services as courses
from courses.models import TrainingSession
from lms.people.roles import Role
from tests.conftest import with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory
from tests.quiz_fixtures import PERFECT

pytestmark = pytest.mark.django_db

SITE = "https://himaya.example.org"


# --- A stand-in Learning Record Store ---------------------------------------------------------


class StandInLRS:
    """Records every request; answers each POST with the next planned status (200 once the plan
    is used up, as a store that stored the statement)."""

    def __init__(self):
        self.received: list[dict] = []
        self.planned: list[tuple[int, str]] = []
        self.always: tuple[int, str] | None = None
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                lrs.received.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body,
                    }
                )
                if lrs.always is not None:
                    status, text = lrs.always
                elif lrs.planned:
                    status, text = lrs.planned.pop(0)
                else:
                    status, text = 200, json.dumps([json.loads(body)["id"]])
                payload = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):  # keep the test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def statements(self) -> list[dict]:
        return [json.loads(request["body"]) for request in self.received]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def lrs(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    store = StandInLRS()
    with override_settings(
        HIMAYA_XAPI_ENDPOINT=store.url,
        HIMAYA_XAPI_USERNAME="himaya",
        HIMAYA_XAPI_PASSWORD="s3cret-for-the-lrs",
        WAGTAILADMIN_BASE_URL=SITE,
    ):
        yield store
    store.stop()


# --- What a well-formed xAPI 1.0.3 statement is ------------------------------------------------

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # RFC 5646, as used here


def check_iri(value):
    assert isinstance(value, str), value
    parts = urlsplit(value)
    assert parts.scheme in ("http", "https") and parts.netloc, f"not an absolute IRI: {value}"


def check_language_map(value):
    assert isinstance(value, dict) and value, value
    for tag, text in value.items():
        assert LANGUAGE_TAG.match(tag), tag
        assert isinstance(text, str) and text.strip(), value


def check_activity(activity):
    assert set(activity) <= {"objectType", "id", "definition"}, activity
    assert activity.get("objectType", "Activity") == "Activity"
    check_iri(activity["id"])
    definition = activity["definition"]
    assert set(definition) <= {"name", "description", "type", "moreInfo", "extensions"}
    check_language_map(definition["name"])
    check_iri(definition["type"])


def check_statement(statement):
    """The xAPI 1.0.3 rules (Data, part two, 2.4) for what this site sends."""
    assert set(statement) <= {
        "id",
        "actor",
        "verb",
        "object",
        "result",
        "context",
        "timestamp",
        "version",
    }, statement
    assert UUID.match(statement["id"]), statement["id"]

    actor = statement["actor"]
    assert actor["objectType"] == "Agent"
    # Exactly one inverse functional identifier: the account. No mbox, no name.
    assert set(actor) == {"objectType", "account"}, actor
    assert set(actor["account"]) == {"homePage", "name"}
    check_iri(actor["account"]["homePage"])
    assert re.fullmatch(r"[0-9a-f]{64}", actor["account"]["name"])

    verb = statement["verb"]
    assert set(verb) == {"id", "display"}
    check_iri(verb["id"])
    check_language_map(verb["display"])

    check_activity(statement["object"])

    if "result" in statement:
        result = statement["result"]
        assert set(result) <= {"score", "success", "completion", "response", "duration"}
        for flag in ("success", "completion"):
            if flag in result:
                assert isinstance(result[flag], bool)
        if "score" in result:
            score = result["score"]
            assert -1 <= score["scaled"] <= 1
            assert score["min"] < score["max"]
            assert score["min"] <= score["raw"] <= score["max"]
            assert score["scaled"] == pytest.approx(score["raw"] / 100)

    context = statement["context"]
    assert set(context) <= {"registration", "contextActivities", "platform", "language"}
    assert context["platform"] == "Himaya"
    if "registration" in context:
        assert UUID.match(context["registration"])
    if "language" in context:
        assert LANGUAGE_TAG.match(context["language"])
    for kind, activities in context.get("contextActivities", {}).items():
        assert kind in {"parent", "grouping", "category", "other"}
        assert isinstance(activities, list) and activities
        for activity in activities:
            check_activity(activity)

    timestamp = dt.datetime.fromisoformat(statement["timestamp"])
    assert timestamp.tzinfo is not None
    # A Learning Record Provider that sets the version MUST set 1.0.0 (Data, 2.4.10).
    assert statement["version"] == "1.0.0"


# --- The journey -------------------------------------------------------------------------------


def answer(attempt, trainee, answers):
    for key, given in answers.items():
        assessments.save_answer(attempt=attempt, user=trainee, key=key, answer=given)
    return assessments.submit_attempt(attempt=attempt)


@pytest.fixture
def programme(build_course, make_quiz):
    """A one-lesson course with a workshop and a scenario final; a trainee reading in Arabic."""
    final = make_quiz(code="QZ-FINAL", kind="final")
    course = build_course(modules=[("C1", [], 1)], requires_attendance=True, code="IDN-101")
    course.final_quiz = final
    course.save_revision().publish()
    trainer = with_mfa(UserFactory(role=Role.TRAINER))
    start = timezone.now() - dt.timedelta(hours=2)
    session = TrainingSession.objects.create(
        course=course,
        title="ورشة التعرف على الضحايا",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        mode="in_person",
        trainer=trainer,
    )
    trainee = UserFactory(
        email="sara.trainee@example.org",
        name_en="Sara Al-Zahrani",
        name_ar="سارة الزهراني",
        preferred_language="ar",
    )
    manager = UserFactory(role=Role.PROGRAMME_MANAGER)
    return {
        "course": course,
        "final": final,
        "session": session,
        "trainer": trainer,
        "trainee": trainee,
        "manager": manager,
    }


def journey(programme):
    course, trainee = programme["course"], programme["trainee"]
    courses.enrol(user=trainee, course=course, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    session = programme["session"]
    courses.add_participant(session=session, email=trainee.email, by=programme["trainer"])
    courses.record_attendance(
        session=session, by=programme["trainer"], statuses={trainee.pk: "present"}
    )
    final = programme["final"]
    critical_miss = {**PERFECT, "SCN-HL-001/Q2": ["B"]}
    answer(assessments.start_attempt(user=trainee, quiz=final), trainee, critical_miss)
    answer(assessments.start_attempt(user=trainee, quiz=final), trainee, PERFECT)
    competency = Certificate.objects.get(user=trainee, kind="competency")
    certificates.revoke(certificate=competency, by=programme["manager"], reason="Issued in error")


ADL = "http://adlnet.gov/expapi/verbs/"


def test_a_learning_journey_reaches_the_store_as_well_formed_statements(lrs, programme):
    journey(programme)

    course, session, final = programme["course"], programme["session"], programme["final"]
    lesson = lessons_of(course)[0]
    completion = Certificate.objects.get(kind="completion")
    competency = Certificate.objects.get(kind="competency")
    received = [(s["verb"]["id"], s["object"]["id"]) for s in lrs.statements]
    assert received == [
        (ADL + "registered", f"{SITE}/xapi/activities/course/IDN-101"),
        (ADL + "completed", f"{SITE}/xapi/activities/lesson/{lesson.pk}"),
        (ADL + "attended", f"{SITE}/xapi/activities/session/{session.pk}"),
        (ADL + "completed", f"{SITE}/xapi/activities/course/IDN-101"),
        (
            "http://id.tincanapi.com/verb/earned",
            f"{SITE}/xapi/activities/certificate/{completion.serial}",
        ),
        (ADL + "attempted", f"{SITE}/xapi/activities/quiz/{final.pk}"),
        (ADL + "failed", f"{SITE}/xapi/activities/quiz/{final.pk}"),
        (ADL + "attempted", f"{SITE}/xapi/activities/quiz/{final.pk}"),
        (ADL + "passed", f"{SITE}/xapi/activities/quiz/{final.pk}"),
        (
            "http://id.tincanapi.com/verb/earned",
            f"{SITE}/xapi/activities/certificate/{competency.serial}",
        ),
        (f"{SITE}/xapi/verbs/revoked", f"{SITE}/xapi/activities/certificate/{competency.serial}"),
    ]
    for statement in lrs.statements:
        check_statement(statement)

    # Every request: the statements resource, the version header, Basic credentials.
    credentials = base64.b64encode(b"himaya:s3cret-for-the-lrs").decode()
    for request in lrs.received:
        assert request["path"] == "/xAPI/statements"
        assert request["headers"]["x-experience-api-version"] == "1.0.3"
        assert request["headers"]["content-type"] == "application/json"
        assert request["headers"]["authorization"] == f"Basic {credentials}"

    # One person, one opaque actor; nothing that names them.
    trainee = programme["trainee"]
    actors = {json.dumps(s["actor"], sort_keys=True) for s in lrs.statements}
    assert actors == {
        json.dumps(
            {
                "objectType": "Agent",
                "account": {
                    "homePage": SITE,
                    "name": xapi.actor_name(
                        trainee.pk, key="dev-only-pseudonym-key-not-for-production-use"
                    ),
                },
            },
            sort_keys=True,
        )
    }
    for request in lrs.received:
        text = request["body"].decode()
        for personal in (trainee.email, trainee.name_en, trainee.name_ar, "mailto:"):
            assert personal not in text
    assert str(trainee.pk) != lrs.statements[0]["actor"]["account"]["name"]

    # Quiz results, the course as parent, one registration per person and course.
    by_verb = {}
    for statement in lrs.statements:
        by_verb.setdefault(statement["verb"]["id"].rsplit("/", 1)[1], []).append(statement)
    failed, passed = by_verb["failed"][0], by_verb["passed"][0]
    assert failed["result"]["success"] is False and passed["result"]["success"] is True
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 100.0, "min": 0, "max": 100}
    assert 0 < failed["result"]["score"]["scaled"] < 1
    registrations = {s["context"]["registration"] for s in lrs.statements}
    assert len(registrations) == 1
    assert passed["context"]["contextActivities"]["parent"][0]["id"] == (
        f"{SITE}/xapi/activities/course/IDN-101"
    )
    assert passed["context"]["language"] == "ar"
    assert passed["object"]["definition"]["name"] == {"en": "Hotline check", "ar": "اختبار الخط"}
    assert by_verb["attended"][0]["object"]["definition"]["name"] == {
        "ar": "ورشة التعرف على الضحايا"
    }
    assert by_verb["attended"][0]["timestamp"] == programme["session"].starts_at.isoformat()

    # The outbox: every statement sent on its first try, under the id the store received.
    rows = list(LearningRecordStatement.objects.order_by("pk"))
    assert [str(row.statement_id) for row in rows] == [s["id"] for s in lrs.statements]
    assert all(row.sent_at and row.tries == 1 and row.next_try_at is None for row in rows)
    assert all(row.last_error == "" for row in rows)


def test_the_same_fact_is_one_statement(lrs, programme):
    """Attendance saved again (or corrected and put back to present) is still one "attended"."""
    trainee, session = programme["trainee"], programme["session"]
    courses.enrol(user=trainee, course=programme["course"], source="manager")
    courses.add_participant(session=session, email=trainee.email, by=programme["trainer"])
    for status in ("present", "absent", "present"):
        courses.record_attendance(
            session=session, by=programme["trainer"], statuses={trainee.pk: status}
        )
    verbs = [s["verb"]["id"] for s in lrs.statements]
    assert verbs.count(ADL + "attended") == 1
    assert LearningRecordStatement.objects.filter(verb="attended").count() == 1


# --- Failures and retries ------------------------------------------------------------------------


def send_due_later(minutes):
    """Run the cron command at a later time; its output."""
    out = StringIO()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes), tick=False):
        call_command("send_learning_records", stdout=out)
    return out.getvalue()


def test_a_server_error_is_retried_and_then_delivered(lrs, programme):
    lrs.planned = [(500, "Internal Server Error")]
    courses.enrol(user=programme["trainee"], course=programme["course"], source="manager")
    row = LearningRecordStatement.objects.get()
    assert (row.sent_at, row.tries) == (None, 1)
    assert row.last_error == "HTTP 500: Internal Server Error"
    assert row.next_try_at == pytest.approx(
        row.created_at + dt.timedelta(minutes=1), abs=dt.timedelta(seconds=5)
    )

    # Not due yet: nothing is sent.
    call_command("send_learning_records", stdout=StringIO())
    assert len(lrs.received) == 1

    output = send_due_later(2)
    row.refresh_from_db()
    assert (row.tries, row.last_error, row.next_try_at) == (2, "", None)
    assert row.sent_at is not None
    assert [s["id"] for s in lrs.statements] == [str(row.statement_id)] * 2  # the same id
    assert output == ("1 statement(s) sent now, 0 failed. In all: 1 sent, 0 waiting, 0 given up.\n")


def test_an_unreachable_store_costs_one_try_per_run_and_is_given_up_at_the_limit(lrs, programme):
    lrs.always = (503, "")
    trainee = programme["trainee"]
    other = UserFactory()
    courses.enrol(user=trainee, course=programme["course"], source="manager")
    courses.enrol(user=other, course=programme["course"], source="manager")
    assert len(lrs.received) == 2  # each event's own first try

    # A run stops at the first failure that may pass: one request, not one per statement.
    send_due_later(2)
    assert len(lrs.received) == 3

    # Each run at the next due time: one request, until every statement has used its tries.
    waiting = LearningRecordStatement.objects.filter(next_try_at__isnull=False)
    runs = 0
    while waiting.exists():
        due = waiting.order_by("next_try_at").first().next_try_at
        with time_machine.travel(due + dt.timedelta(seconds=1), tick=False):
            call_command("send_learning_records", stdout=StringIO())
        runs += 1
        assert runs < 30
    assert len(lrs.received) == 3 + runs
    rows = list(LearningRecordStatement.objects.all())
    assert [(row.tries, row.sent_at, row.last_error) for row in rows] == [
        (xapi.MAX_TRIES, None, "HTTP 503")
    ] * 2
    assert len(lrs.received) == 2 * xapi.MAX_TRIES

    # Given up: days later, nothing more is tried.
    send_due_later(3 * 24 * 60)
    assert len(lrs.received) == 2 * xapi.MAX_TRIES

    # Once the store is back, an administrator sends what was given up.
    lrs.always = None
    out = StringIO()
    with time_machine.travel(timezone.now() + dt.timedelta(days=4), tick=False):
        call_command("send_learning_records", "--retry-failed", stdout=out)
    assert out.getvalue().endswith("In all: 2 sent, 0 waiting, 0 given up.\n")


def test_a_refused_statement_is_recorded_once_without_retries(lrs, programme):
    lrs.planned = [(400, '{"detail": "Invalid statement"}')]
    courses.enrol(user=programme["trainee"], course=programme["course"], source="manager")
    row = LearningRecordStatement.objects.get()
    assert (row.sent_at, row.tries, row.next_try_at) == (None, 1, None)
    assert row.last_error == 'HTTP 400: {"detail": "Invalid statement"}'
    output = send_due_later(24 * 60)
    assert len(lrs.received) == 1
    assert output.endswith("In all: 0 sent, 0 waiting, 1 given up.\n")


def test_a_statement_the_store_already_holds_counts_as_sent(lrs, programme):
    lrs.planned = [(409, "")]
    courses.enrol(user=programme["trainee"], course=programme["course"], source="manager")
    row = LearningRecordStatement.objects.get()
    assert (row.tries, row.last_error, row.next_try_at) == (1, "", None)
    assert row.sent_at is not None


def test_no_answer_at_all_is_retried(programme, monkeypatch):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with override_settings(HIMAYA_XAPI_ENDPOINT=f"http://127.0.0.1:{closed}/xAPI"):
        courses.enrol(user=programme["trainee"], course=programme["course"], source="manager")
    row = LearningRecordStatement.objects.get()
    assert (row.sent_at, row.tries) == (None, 1)
    assert row.next_try_at is not None
    assert row.last_error.startswith("no answer: ")


# --- Off by default, and cheap when on ----------------------------------------------------------


def test_nothing_is_written_or_queued_when_learning_records_are_off(programme):
    queued = []

    def remember(sender, task_result, **kwargs):
        queued.append(task_result.task.name)

    task_enqueued.connect(remember)
    try:
        journey(programme)
    finally:
        task_enqueued.disconnect(remember)
    assert LearningRecordStatement.objects.count() == 0
    assert "send_learning_records_task" not in queued
    assert "render_certificate_task" in queued  # the journey did queue its other work
    out = StringIO()
    call_command("send_learning_records", stdout=out)
    assert out.getvalue() == "Learning records are off (HIMAYA_XAPI_ENDPOINT is not set).\n"


@pytest.mark.parametrize("people", [3, 20])
def test_a_register_costs_the_same_queries_whatever_its_size(
    people, programme, django_assert_num_queries
):
    """The receiver reads and writes a fixed number of times for a whole register (the task is
    queued, not run, here: the dummy backend keeps it)."""
    from certificates.learning_records_receivers import record_attendance

    session = programme["session"]
    statuses = {UserFactory().pk: "present" for _ in range(people)}
    session = TrainingSession.objects.get(pk=session.pk)  # nothing cached
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    on = override_settings(HIMAYA_XAPI_ENDPOINT="http://127.0.0.1:9/xAPI", TASKS=dummy)
    # The course, its Arabic translation (two), the people's languages, the insert.
    with on, django_assert_num_queries(5):
        record_attendance(sender=None, session=session, statuses=statuses)
    assert LearningRecordStatement.objects.filter(verb="attended").count() == people


# --- The statement, exactly ----------------------------------------------------------------------


def test_a_quiz_statement_in_full():
    event = xapi.LearningEvent(
        verb="failed",
        key="attempt:7",
        person_id=42,
        occurred_at=dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
        object=xapi.Activity(kind="quiz", code="5", names={"en": "Final", "ar": "النهائي"}),
        course=xapi.Activity(kind="course", code="IDN-101", names={"en": "Identification"}),
        language="en",
        percent=Decimal("62.50"),
        success=False,
        completion=True,
    )
    statement = xapi.statement(event, base_url=SITE + "/", actor_key="k")
    check_statement(statement)
    namespace = uuid.NAMESPACE_URL
    assert statement == {
        "id": str(uuid.uuid5(namespace, f"{SITE}/xapi/statements/failed/attempt:7")),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": SITE, "name": xapi.actor_name(42, key="k")},
        },
        "verb": {"id": ADL + "failed", "display": {"en": "failed", "ar": "لم ينجح في"}},
        "object": {
            "objectType": "Activity",
            "id": f"{SITE}/xapi/activities/quiz/5",
            "definition": {
                "name": {"en": "Final", "ar": "النهائي"},
                "type": "http://adlnet.gov/expapi/activities/assessment",
            },
        },
        "context": {
            "platform": "Himaya",
            "language": "en",
            "registration": str(uuid.uuid5(namespace, f"{SITE}/xapi/registrations/IDN-101/42")),
            "contextActivities": {
                "parent": [
                    {
                        "objectType": "Activity",
                        "id": f"{SITE}/xapi/activities/course/IDN-101",
                        "definition": {
                            "name": {"en": "Identification"},
                            "type": "http://adlnet.gov/expapi/activities/course",
                        },
                    }
                ]
            },
        },
        "timestamp": "2026-03-01T09:30:00+00:00",
        "version": "1.0.0",
        "result": {
            "score": {"scaled": 0.625, "raw": 62.5, "min": 0, "max": 100},
            "success": False,
            "completion": True,
        },
    }


def test_the_actor_is_a_keyed_hash_of_the_person_and_not_the_export_pseudonym():
    import hashlib
    import hmac

    name = xapi.actor_name(42, key="k")
    assert name == xapi.actor_name(42, key="k")
    assert name != xapi.actor_name(43, key="k") != xapi.actor_name(42, key="other")
    assert name != hmac.new(b"k", b"42", hashlib.sha256).hexdigest()


@pytest.mark.parametrize(
    ("status", "sent", "retryable"),
    [
        (200, True, False),
        (204, True, False),
        (409, True, False),
        (429, False, True),
        (500, False, True),
        (503, False, True),
        (400, False, False),
        (401, False, False),
        (404, False, False),
    ],
)
def test_what_an_answer_means(status, sent, retryable):
    outcome = xapi.outcome_of_status(status)
    assert (outcome.sent, outcome.retryable) == (sent, retryable)
