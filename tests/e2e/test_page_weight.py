"""What a trainee's phone downloads (issue 13, §1): every trainee and public page under 150 KB on
a first visit and under 30 KB on the next page, in Arabic and in English, nothing from another
site. Measured in Chromium as the bytes that came over the network (headers and bodies, as
DevTools counts them), after the page, its fonts and everything it asked for have arrived.
"""

import json

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from courses import services as courses
from tests.course_fixtures import lessons_of
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIRST_LOAD_BUDGET = 150_000
NEXT_PAGE_BUDGET = 30_000
PASSWORD = "correct-horse-battery"  # UserFactory's password
# A fixed, well-known path on purpose: people read it after a run.
REPORT = "/tmp/himaya-page-weight.json"  # noqa: S108


class Meter:
    """Counts the bytes Chromium receives for one tab, per URL, navigation by navigation."""

    def __init__(self, page):
        self.page = page
        self.urls = {}
        self.sizes = {}
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.responseReceived", self._received)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")

    def _received(self, event):
        self.urls[event["requestId"]] = event["response"]["url"]

    def _finished(self, event):
        self.sizes[event["requestId"]] = event["encodedDataLength"]

    def open(self, url) -> dict[str, int]:
        """Bytes received per URL while `url` loads and settles (fonts included)."""
        self.urls.clear()
        self.sizes.clear()
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        self.page.wait_for_load_state("networkidle")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        self.page.wait_for_load_state("networkidle")
        return {self.urls.get(key, key): size for key, size in self.sizes.items()}


@pytest.fixture
def trainee_world(build_course):
    """A trainee half-way through one course, with a certificate from another."""
    trainee = UserFactory(name_en="Noura Al-Harbi", name_ar="نورة الحربي")
    current, finished = build_course(modules=[("C1", [], 2)]), build_course(modules=[("C1", [], 1)])
    for course in [current, finished]:
        courses.enrol(user=trainee, course=course, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(current)[0])
    courses.complete_lesson(user=trainee, lesson=lessons_of(finished)[0])
    return trainee, lessons_of(current)[1].url.removeprefix("/en/")


def signed_in_state(browser, live_server, trainee, language):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    form = page.locator("main form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(trainee.email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/dashboard/")
    state = context.storage_state()
    context.close()
    return state


def visit(browser, live_server, paths, storage_state=None):
    """A first visit to paths[0] with an empty cache, then each next page in the same tab."""
    context = browser.new_context(
        storage_state=storage_state, viewport={"width": 360, "height": 740}
    )
    try:
        meter = Meter(context.new_page())
        return [(path, meter.open(live_server.url + path)) for path in paths]
    finally:
        context.close()


def test_every_trainee_and_public_page_fits_the_budget(browser, live_server, trainee_world):
    trainee, lesson = trainee_world
    certificate = Certificate.objects.get(user=trainee)
    report = {}
    for language in ["ar", "en"]:
        public = [
            f"/{language}/",
            f"/{language}/accounts/login/",
            f"/{language}/verify/{certificate.code}/",
        ]
        trainee_pages = [f"/{language}/dashboard/", f"/{language}/{lesson}"]
        state = signed_in_state(browser, live_server, trainee, language)
        journeys = []
        # Each page as the first one of a visit, then the others as the next pages after it.
        for index in range(len(public)):
            journeys.append((public[index:] + public[:index], None))
        for index in range(len(trainee_pages)):
            journeys.append((trainee_pages[index:] + trainee_pages[:index], state))
        for paths, storage_state in journeys:
            loads = visit(browser, live_server, paths, storage_state)
            for number, (path, sizes) in enumerate(loads):
                assert all(url.startswith(live_server.url) for url in sizes), (
                    sizes
                )  # no third party
                kind = "first" if number == 0 else "next"
                measured = {
                    "total": sum(sizes.values()),
                    "files": {
                        url.removeprefix(live_server.url): size for url, size in sizes.items()
                    },
                }
                # A page comes next after each of the others: keep its heaviest arrival.
                kept = report.setdefault(path, {}).get(kind)
                if kept is None or measured["total"] > kept["total"]:
                    report[path][kind] = measured
    with open(REPORT, "w", encoding="utf-8") as file:
        json.dump(report, file, indent=2, ensure_ascii=False)

    over = {
        path: {kind: weights[kind]["total"] for kind in weights}
        for path, weights in report.items()
        if weights["first"]["total"] >= FIRST_LOAD_BUDGET
        or weights["next"]["total"] >= NEXT_PAGE_BUDGET
    }
    assert over == {}
    # The budgets hold because Arabic pages fetch the small faces, and English pages no font.
    arabic_home = report["/ar/"]["first"]["files"]
    assert sorted(url for url in arabic_home if ".woff2" in url) == [
        "/static/fonts/ibm-plex-sans-arabic-400.woff2",
        "/static/fonts/ibm-plex-sans-arabic-700.woff2",
    ]
    assert not any(".woff2" in url or ".ttf" in url for url in report["/en/"]["first"]["files"])
