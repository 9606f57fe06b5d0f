"""Production settings are safe: check --deploy passes with no warnings."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.production"}
    # Set by the browser tests for their own process (and by CI); never part of a deployment
    # unless the test gives them.
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(name, None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_with_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-value-1234",
        ALLOWED_HOSTS="himaya.example.org",
        HIMAYA_PSEUDONYM_KEY="p" * 40,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_requires_a_secret_key():
    result = run_manage(
        "check", SECRET_KEY="", ALLOWED_HOSTS="himaya.example.org", HIMAYA_PSEUDONYM_KEY="p" * 40
    )
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY is required in production." in result.stderr


def test_production_requires_a_pseudonym_key():
    result = run_manage(
        "check",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="himaya.example.org",
        HIMAYA_PSEUDONYM_KEY="",
    )
    assert result.returncode != 0
    assert (
        "The environment variable HIMAYA_PSEUDONYM_KEY is required in production." in result.stderr
    )


def test_seed_demo_refuses_production():
    result = run_manage(
        "seed_demo",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="himaya.example.org",
        HIMAYA_PSEUDONYM_KEY="p" * 40,
    )
    assert result.returncode != 0
    assert "seed_demo refuses to run with production settings." in result.stderr


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-value-1234",
    "ALLOWED_HOSTS": "himaya.example.org",
    "HIMAYA_PSEUDONYM_KEY": "p" * 40,
}
SHOW_SETTINGS = (
    "from django.conf import settings; import json; database = settings.DATABASES['default']; "
    "print(json.dumps({'cache': settings.CACHES['default'], 'sessions': settings.SESSION_ENGINE, "
    "'max_age': database['CONN_MAX_AGE'], 'health_checks': database['CONN_HEALTH_CHECKS'], "
    "'options': database.get('OPTIONS', {})}))"
)


def production_settings(**env):
    result = run_manage("shell", "-c", SHOW_SETTINGS, **PRODUCTION_ENV, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_keeps_database_connections_and_checks_them():
    shown = production_settings(REDIS_URL="")
    assert (shown["max_age"], shown["health_checks"]) == (60, True)
    assert production_settings(DATABASE_CONN_MAX_AGE="0")["max_age"] == 0


def test_production_caches_in_redis_when_given_one_and_in_the_database_otherwise():
    assert production_settings(REDIS_URL="redis://10.0.0.5:6379/2")["cache"] == {
        "BACKEND": "lms.cache.RedisCache",
        "LOCATION": "redis://10.0.0.5:6379/2",
        "KEY_PREFIX": "himaya",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    assert production_settings(REDIS_URL="")["cache"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "himaya_cache",
    }


def test_production_reads_sessions_from_redis_when_given_one_and_from_the_database_otherwise():
    with_redis = production_settings(REDIS_URL="redis://10.0.0.5:6379/2")
    assert with_redis["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert production_settings(REDIS_URL="")["sessions"] == "django.contrib.sessions.backends.db"


def test_production_on_postgresql_prepares_only_the_queries_that_ask_unless_turned_off():
    postgres = "postgres://himaya@db.example.org:5432/himaya"
    # Only lms.kept_sql's queries ask to be prepared; a threshold no other query reaches.
    assert production_settings(DATABASE_URL=postgres)["options"] == {"prepare_threshold": 2**31 - 1}
    # Behind a pooler that cannot keep prepared statements: none is prepared.
    assert production_settings(DATABASE_URL=postgres, DATABASE_PREPARED_STATEMENTS="0")[
        "options"
    ] == {"prepare_threshold": None}
