"""/healthz answers load balancers and monitoring: database, cache and task queue."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from lms.people.roles import Role
from tests.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEALTHY = {
    "status": "ok",
    "checks": {"database": "ok", "cache": "ok", "tasks": "ok"},
    "late_tasks": 0,
}


def queue_task(*, waiting_minutes: int, runs_in_minutes: int | None = None) -> DBTaskResult:
    now = timezone.now()
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"certificate_id": 1}},
        task_path="certificates.tasks.render_certificate_task",
        backend_name="default",
        run_after=get_date_max()
        if runs_in_minutes is None
        else now + dt.timedelta(minutes=runs_in_minutes),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=now - dt.timedelta(minutes=waiting_minutes)
    )
    return task


def test_healthy_in_two_queries_without_a_session(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # SELECT 1, the count of late tasks (cache: local memory)
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == HEALTHY
    assert "no-cache" in response["Cache-Control"]
    assert response.cookies == {}


def test_a_staff_session_without_its_second_factor_is_answered_too(client):
    manager = UserFactory(role=Role.PROGRAMME_MANAGER)  # no MFA: every other page sends it away
    sign_in(client, manager)
    assert client.get("/en/people/").status_code == 302
    assert client.get("/healthz").json() == HEALTHY


def test_tasks_waiting_too_long_make_it_unhealthy(client, settings):
    settings.HIMAYA_HEALTHZ_MAX_TASK_WAIT_MINUTES = 10
    queue_task(waiting_minutes=9)  # within the allowed wait
    queue_task(waiting_minutes=60, runs_in_minutes=5)  # queued for later: not due yet
    assert client.get("/healthz").json() == HEALTHY
    queue_task(waiting_minutes=11)
    queue_task(waiting_minutes=30, runs_in_minutes=-15)  # due 15 minutes ago
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failed",
        "checks": {"database": "ok", "cache": "ok", "tasks": "failed"},
        "late_tasks": 2,
    }


def test_finished_and_running_tasks_do_not_count(client):
    for status in ("SUCCESSFUL", "FAILED", "RUNNING"):
        task = queue_task(waiting_minutes=120)
        DBTaskResult.objects.filter(pk=task.pk).update(status=status)
    assert client.get("/healthz").json() == HEALTHY


def test_a_cache_that_does_not_answer_makes_it_unhealthy(client):
    # Nothing listens on port 1: the connection is refused at once.
    unreachable = {
        "BACKEND": "lms.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    with override_settings(CACHES={"default": unreachable}):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failed",
        "checks": {"database": "ok", "cache": "failed", "tasks": "ok"},
        "late_tasks": 0,
    }


def test_only_get(client):
    assert client.post("/healthz").status_code == 405
