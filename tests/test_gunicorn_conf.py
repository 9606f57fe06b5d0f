"""gunicorn.conf.py: sizes from the core count, an access log without secrets or personal data,
and the PDF stack imported when a worker starts rather than by its first request."""

import datetime as dt
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_ENV = ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_TIMEOUT")


@pytest.fixture
def config(monkeypatch):
    for name in GUNICORN_ENV:
        monkeypatch.delenv(name, raising=False)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_sizes_follow_the_core_count(config, monkeypatch):
    cores = os.cpu_count()
    assert (config["workers"], config["worker_class"], config["threads"]) == (
        2 * cores + 1,
        "gthread",
        2,
    )
    assert (config["timeout"], config["graceful_timeout"], config["bind"]) == (
        60,
        30,
        "127.0.0.1:8000",
    )
    monkeypatch.setenv("GUNICORN_WORKERS", "9")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    overridden = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (overridden["workers"], overridden["timeout"]) == (9, 90)


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/en/verify/7KQF3M2XRA9DHT4P/", "/en/verify/…/"),
        (
            "/ar/accounts/invitation/MTIz/cz8f2k-0a1b2c3d4e5f6a7b8c9d/",
            "/ar/accounts/invitation/…/…/",
        ),
        (
            "/en/accounts/password/reset/key/3f-cz8f2k-0a1b2c3d4e5f/",
            "/en/accounts/password/reset/key/…-…/",
        ),
        ("/en/accounts/confirm-email/MTI:1tX:abcdef/", "/en/accounts/confirm-email/…/"),
        ("/en/courses/vot-101/", "/en/courses/vot-101/"),
        ("/healthz", "/healthz"),
    ],
)
def test_tokens_in_paths_are_not_logged(config, path, logged):
    # Twice: the second answer may come from the paths kept as carrying no secret.
    assert [config["redact_path"](path), config["redact_path"](path)] == [logged, logged]


def test_the_access_log_line(config):
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/en/verify/7KQF3M2XRA9DHT4P/?email=someone@example.org",
        "PATH_INFO": "/en/verify/7KQF3M2XRA9DHT4P/",
        "QUERY_STRING": "email=someone@example.org",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": "https://mail.example.org/?to=someone@example.org",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    logger = config["RedactingLogger"](SimpleNamespace(**_logger_settings(config)))
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, dt.timedelta(seconds=0.25))
    line = config["access_log_format"] % atoms
    assert line == f'{atoms["t"]} <{os.getpid()}> "GET /en/verify/…/" 200 1234 250ms'
    assert atoms["r"] == "GET /en/verify/…/ HTTP/1.1"
    assert atoms["q"] == "-"


def _logger_settings(config):
    from gunicorn.config import Config

    settings = Config()
    settings.set("accesslog", None)
    settings.set("errorlog", "-")
    return {name: setting.get() for name, setting in settings.settings.items()}


WORKER_START = """
import json, sys
import django
django.setup()
import certificates.services, certificates.receivers, certificates.learning_records_receivers
issuing = "xhtml2pdf" in sys.modules or "reportlab" in sys.modules
import runpy
config = runpy.run_path("gunicorn.conf.py")
messages = []
log = type("Log", (), {"info": lambda self, *args: messages.append(args)})()
worker = type("Worker", (), {"pid": 1, "log": log})()
config["post_worker_init"](worker)
import gc
print(json.dumps({"issuing_imports_pdf": issuing, "after_start": "xhtml2pdf" in sys.modules
    and "reportlab" in sys.modules and "certificates.views" in sys.modules,
    "frozen": gc.get_freeze_count() > 10000, "logged": messages[0][0] % messages[0][1:]}))
"""


def test_the_pdf_stack_is_imported_at_worker_start_and_never_by_issuing():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", WORKER_START],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "issuing_imports_pdf": False,
        "after_start": True,
        # Out of the garbage collector's passes: every object the imports built.
        "frozen": True,
        "logged": "Worker 1: heavy imports done",
    }
