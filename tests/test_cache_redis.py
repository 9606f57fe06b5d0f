"""With REDIS_URL the cache is Redis: what one worker writes (a rate-limit count, a lock) every
other worker and server reads. Needs a Redis at REDIS_TEST_URL (default 127.0.0.1:6379, db 15);
skipped when none answers."""

import os
import uuid

import pytest
import redis
from django import db
from django.core.cache import caches
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from courses import services
from lms.cache import RedisCache
from lms.settings.base import redis_cache
from tests.conftest import sign_in
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_connection():
    connection = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"No Redis answers at {REDIS_TEST_URL}")
    yield connection
    connection.close()


@pytest.fixture
def redis_settings(redis_connection):
    # A prefix of its own: other test runs may share this Redis, and nothing here flushes it.
    prefix = f"himaya-test-{uuid.uuid4().hex}"
    settings = {**redis_cache(REDIS_TEST_URL), "KEY_PREFIX": prefix}
    with override_settings(CACHES={"default": settings}):
        yield settings
    flush(redis_connection, settings)


def flush(redis_connection, settings) -> None:
    """Delete what this test wrote to Redis (its own key prefix), as a restart would."""
    for key in redis_connection.scan_iter(f"{settings['KEY_PREFIX']}:*"):
        redis_connection.delete(key)


def keys(redis_connection, settings) -> list[str]:
    return sorted(
        key.decode().removeprefix(f"{settings['KEY_PREFIX']}:1:")
        for key in redis_connection.scan_iter(f"{settings['KEY_PREFIX']}:*")
    )


def test_a_value_set_through_the_cache_is_seen_by_a_second_connection(redis_settings):
    first = caches["default"]
    assert isinstance(first, RedisCache)
    first.set("exam-lock", "worker-1", timeout=30)
    first.set("count", 1)
    # Another worker's cache: its own client and connection pool, the same settings.
    second = RedisCache(redis_settings["LOCATION"], redis_settings)
    assert second.get("exam-lock") == "worker-1"
    # add() is a lock: a second taker is refused while the first holds it.
    assert second.add("exam-lock", "worker-2", timeout=30) is False
    assert second.incr("count") == 2
    assert first.get("count") == 2


def test_failed_sign_ins_are_counted_in_redis_for_every_worker(
    client, redis_settings, redis_connection
):
    person = UserFactory()
    for _ in range(2):
        client.post("/en/accounts/login/", {"login": person.email, "password": "wrong-password"})
    found = keys(redis_connection, redis_settings)
    assert [key.rsplit(":", 1)[0] for key in found] == [
        "allauth:rl:allauth.account:login:30/60/ip:ip",
        "allauth:rl:allauth.account:login_failed:20/300.0/ip:ip",
        "allauth:rl:allauth.account:login_failed:5/300.0/key",
    ]
    # Another worker's cache reads both failures against the account's limit of five.
    second = RedisCache(redis_settings["LOCATION"], redis_settings)
    assert len(second.get(found[2])) == 2


@pytest.fixture
def sessions_in_redis(redis_settings):
    # As production.py with REDIS_URL: sessions read from Redis, written to both.
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        yield


def session_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if "django_session" in query["sql"]]


def test_a_signed_in_page_reads_its_session_from_redis_and_survives_a_flush_of_it(
    client, sessions_in_redis, redis_settings, redis_connection
):
    person = UserFactory()
    sign_in(client, person)
    with CaptureQueriesContext(db.connection) as queries:
        assert client.get("/en/certificates/").status_code == 200
    assert session_queries(queries.captured_queries) == []
    assert any(
        key.startswith("django.contrib.sessions.cached_db")
        for key in keys(redis_connection, redis_settings)
    )

    # Redis restarted empty: the session is read from the database, and the person is still in.
    flush(redis_connection, redis_settings)
    with CaptureQueriesContext(db.connection) as queries:
        response = client.get("/en/certificates/")
    assert response.status_code == 200
    assert response.context["user"] == person
    assert len(session_queries(queries.captured_queries)) == 1

    # Signing out ends the session in both places: the old cookie opens nothing.
    cookie = client.cookies["sessionid"].value
    client.post("/en/accounts/logout/")
    assert not [k for k in keys(redis_connection, redis_settings) if k.endswith(cookie)]
    client.cookies["sessionid"] = cookie
    assert client.get("/en/certificates/").status_code == 302


def test_every_cache_call_of_a_thread_goes_through_one_redis_client(redis_settings):
    cache = caches["default"]
    cache.set("a", 1)
    client = cache._cache.get_client(write=True)
    assert cache.get_many(["a", "b"]) == {"a": 1}
    assert cache._cache.get_client("b") is client
    # A second worker thread's cache is its own, with its own client and pool.
    second = RedisCache(redis_settings["LOCATION"], redis_settings)
    assert second.get("a") == 1
    assert second._cache.get_client() is not client


def test_a_kept_lesson_costs_two_redis_round_trips_its_session_and_its_route(
    client, sessions_in_redis, redis_settings, build_course, monkeypatch
):
    """The route's entry carries what the lesson shows every reader alike (its course's lessons,
    its body, its warning): no round trip of their own. Once the process holds it, only the
    page tree's version is read with the session (issue 14)."""
    course = build_course(modules=(("C1", [], 2),))
    trainee = UserFactory()
    services.enrol(user=trainee, course=course, source="manager")
    sign_in(client, trainee)
    lesson = lessons_of(course)[1]
    first = client.get(lesson.url)
    sent = []
    redis_client = caches["default"]._cache.get_client()
    send = redis_client.execute_command

    def counted(*args, **options):
        sent.append(args[0])
        return send(*args, **options)

    monkeypatch.setattr(redis_client, "execute_command", counted)
    again = client.get(lesson.url)
    assert sent == ["GET", "MGET"]
    assert again.status_code == 200
    sent.clear()
    held = client.get(lesson.url)
    assert sent == ["GET", "GET"]
    assert held.status_code == 200

    # The same page as when it was computed: body, breadcrumb, previous and next.
    def without_token(response):
        return response.text.replace(str(response.context["csrf_token"]), "")

    assert without_token(again) == without_token(first)
    assert without_token(held) == without_token(first)
    assert lessons_of(course)[0].title in again.text
