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
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from tests.conftest import current_totp

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
PASSWORD = "correct-horse-battery"  # UserFactory's password
TIMEOUT_MS = 10_000
# The journeys' sign-ins and form posts wait on a busy CI machine as long as any other step.
expect.set_options(timeout=TIMEOUT_MS)


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


# --- Journeys (issue 13, §8): the checks every key page of a journey passes -------------------

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots of every key page, kept as the run's artifacts.
ARTIFACTS = Path(os.environ.get("HIMAYA_ARTIFACTS", ROOT / "test-artifacts"))
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
FIRST_LOAD_BUDGET = 150_000
NEXT_PAGE_BUDGET = 30_000
AXE_RUN = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): `
            + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
}"""


class Journey:
    """One person's way through the product in one tab, checking each key page as it goes:
    axe-core's serious and critical findings, horizontal overflow on a phone, the bytes that
    came over the network since the previous key page (for trainee and public pages), requests
    to any other site, and a screenshot kept under ARTIFACTS.

    Findings are collected, not raised at once, so one run reports every page's problems."""

    def __init__(self, context, base, name, viewport):
        self.base = base
        self.name = name
        self.viewport = viewport
        self.page = context.new_page()
        self.problems: list[str] = []
        self.weights: dict[str, int] = {}
        self.third_party: list[str] = []
        self._bytes = 0
        self._first = True
        cdp = context.new_cdp_session(self.page)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")
        self.page.on("request", self._request)

    def _finished(self, event):
        self._bytes += event["encodedDataLength"]

    def _request(self, request):
        if not request.url.startswith((self.base, "data:", "blob:")):
            self.third_party.append(f"{self.page.url}: {request.url}")

    def goto(self, path):
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        return response

    def sign_in_with_mfa(self, user, language):
        """Through allauth's pages as a person would: password, then the TOTP code."""
        page = self.page
        self.goto(f"/{language}/accounts/login/")
        form = page.locator("main form[action$='/accounts/login/']")
        form.locator("input[name=login]").fill(user.email)
        form.locator("input[name=password]").fill(PASSWORD)
        form.locator("button[type=submit]").click()
        expect(page).to_have_url(f"{self.base}/{language}/accounts/2fa/authenticate/")
        code = page.locator("main input[name=code]")
        code.fill(current_totp())
        code.press("Enter")
        expect(page).to_have_url(f"{self.base}/{language}/dashboard/")
        page.wait_for_load_state("load")

    def check(self, label, *, budget=True, axe=True):
        """Check the page the tab shows now, as key page `label`."""
        page = self.page
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        received, self._bytes = self._bytes, 0
        first, self._first = self._first, False
        where = f"{self.name} / {label} ({page.url.removeprefix(self.base)})"
        if budget:
            limit = FIRST_LOAD_BUDGET if first else NEXT_PAGE_BUDGET
            self.weights[label] = received
            if received >= limit:
                self.problems.append(f"{where}: {received} bytes, budget {limit}")
        if self.viewport["width"] <= PHONE["width"]:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > self.viewport["width"]:
                self.problems.append(f"{where}: {width} px wide at {self.viewport['width']} px")
        if axe:
            page.add_script_tag(path=str(AXE_SOURCE))
            self.problems.extend(f"{where}: axe {finding}" for finding in page.evaluate(AXE_RUN))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in f"{self.name}-{label}")
        page.screenshot(path=str(ARTIFACTS / f"{safe}.png"), full_page=True)

    def assert_clean(self):
        assert self.third_party == []
        assert self.problems == []


@pytest.fixture
def journey(browser, live_server):
    """Journey(name, viewport) factories, each in a fresh context (empty cache, no cookies).
    CSP is bypassed so axe-core can be evaluated in the page; tests/e2e/test_csp.py checks the
    policy itself."""
    # allauth keeps its rate limits and the TOTP codes already used (per user id, which a flushed
    # database hands out again) in the cache: a journey starts with none of an earlier test's.
    cache.clear()
    contexts = []

    def start(name, viewport=DESKTOP, signed_in_as=None):
        """`signed_in_as`: another Journey whose session (cookies) this one continues."""
        assert AXE_SOURCE.exists(), "axe-core is missing: run `make install` (npm ci)"
        context = browser.new_context(
            viewport=viewport,
            bypass_csp=True,
            accept_downloads=True,
            storage_state=signed_in_as.page.context.storage_state() if signed_in_as else None,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return Journey(context, live_server.url, name, viewport)

    yield start
    for context in contexts:
        context.close()
