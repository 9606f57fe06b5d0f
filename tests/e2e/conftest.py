"""Real-browser fixtures: one headless Chromium per test module, a fresh context for every test.

Playwright's sync API runs an asyncio event loop in the test thread (in a greenlet). While
Playwright is started, Django therefore sees a "running event loop" in the test thread, which
has two effects:

* ORM calls raise SynchronousOnlyOperation unless DJANGO_ALLOW_ASYNC_UNSAFE is set. The tests
  only use the ORM to create data before driving the browser, so allowing it is safe.
* django.db.connections (an asgiref Local with thread_critical=True) switches from its
  thread-local storage to a context-var storage, so the test thread would get *new* connection
  objects. The test database was usually set up (and serialized for serialized_rollback) on
  the old ones by earlier tests, so without care the e2e tests would lose the serialized data
  and the whole suite would break. `keep_django_connections` hands the same connection objects
  across the switch, in both directions.
"""

import os
from contextlib import contextmanager

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's Chromium; Playwright's own download is not used.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000


@contextmanager
def keep_django_connections():
    """Carry the test thread's Django connections across a start or stop of Playwright."""
    kept = {connection.alias: connection for connection in connections.all(initialized_only=True)}
    yield
    for alias, connection in kept.items():
        connections[alias] = connection


@pytest.fixture(scope="module")
def browser():
    # Module-scoped, so Playwright's event loop (and the permission below, which Django reads at
    # each ORM call) ends with the browser tests and the rest of the suite keeps async safety.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with keep_django_connections():
        playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        with keep_django_connections():
            playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()
