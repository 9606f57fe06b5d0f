"""Production settings are safe: check --deploy passes with no warnings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.production", **env}
    # Set by the browser tests for their own process; never part of a deployment.
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(name, None)
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
