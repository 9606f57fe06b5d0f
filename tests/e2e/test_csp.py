"""The Content-Security-Policy in a real Chromium: the main pages of every journey load with no
violation, and the quiz's autosave still works under it.

Violations are caught two ways: the `securitypolicyviolation` events the page itself sees (an
init script collects them into `window`, read before the next navigation), and Chromium's console
messages, which also cover what happens between the reads. The admin pages run under the
exceptions of docs/security-csp.md and must be clean under them too.
"""

import base64

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Attempt
from certificates.models import Certificate
from courses import services as courses
from lms.people.roles import Role
from tests.conftest import current_totp, with_mfa
from tests.course_fixtures import lessons_of
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"  # UserFactory's password
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg=="
)

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
    );
});
"""


class ViolationRecorder:
    """Opens pages and keeps every CSP violation seen on them, with the page it happened on."""

    def __init__(self, page, live_server):
        self.page = page
        self.base = live_server.url
        self.found: list[str] = []
        page.context.add_init_script(COLLECT_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text:
            self.found.append(f"{self.page.url}: console: {message.text}")

    def collect(self):
        """Read the violations the current page reported (they are lost on navigation)."""
        self.page.wait_for_load_state("networkidle")
        seen = self.page.evaluate("() => window.__cspViolations || []")
        self.found.extend(f"{self.page.url}: {violation}" for violation in seen)

    def visit(self, path, *, expect_status=200):
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == expect_status, (
            path,
            response and response.status,
        )
        self.collect()
        return response

    def header(self, response) -> dict[str, list[str]]:
        policy = response.all_headers()["content-security-policy"]
        parsed = {}
        for directive in policy.split(";"):
            name, *sources = directive.split()
            parsed[name] = sources
        return parsed


INJECT_INLINE_SCRIPT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.append(script);
}"""
INJECT_INLINE_HANDLER = """() => {
    document.body.insertAdjacentHTML(
        "beforeend", '<img src="/no-such-image.png" onerror="window.__injected = true">'
    );
}"""


def injection_is_refused(recorder, injection, directive):
    """Inject inline code the way an XSS would; the policy must refuse to run it."""
    page = recorder.page
    page.evaluate(injection)
    page.wait_for_function(
        f"() => (window.__cspViolations || []).some(v => v.startsWith('{directive} '))"
    )
    return page.evaluate("() => window.__injected") is None


@pytest.fixture
def recorder(page, live_server):
    return ViolationRecorder(page, live_server)


def sign_in(recorder, user, *, second_factor=False, language="en"):
    """Through allauth's pages, as a person would: password, then the TOTP code for staff."""
    page = recorder.page
    recorder.visit(f"/{language}/accounts/login/")
    form = page.locator("main form[action$='/accounts/login/']")
    form.locator("input[name=login]").fill(user.email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    if second_factor:
        expect(page).to_have_url(f"{recorder.base}/{language}/accounts/2fa/authenticate/")
        recorder.collect()
        code = page.locator("main input[name=code]")
        code.fill(current_totp())
        code.press("Enter")
    page.wait_for_load_state("load")
    assert "/accounts/" not in page.url, page.url
    recorder.collect()


@pytest.fixture
def trainee_course(build_course, make_quiz):
    """A trainee enrolled in a course whose scenario final they can take, and holding a
    certificate for a second, completed course."""
    organisation = OrganisationFactory()
    trainee = UserFactory(organisation=organisation, role=Role.TRAINEE)
    quiz = make_quiz()
    course = build_course(modules=[("C1", [], 2)])
    course.final_quiz = quiz
    course.save_revision().publish()
    courses.enrol(user=trainee, course=course, source="manager")
    # The final opens once the course's required lessons are done.
    for lesson in lessons_of(course):
        courses.complete_lesson(user=trainee, lesson=lesson)
    done = build_course(modules=[("C2", [], 1)])
    courses.enrol(user=trainee, course=done, source="manager")
    courses.complete_lesson(user=trainee, lesson=lessons_of(done)[0])
    certificate = Certificate.objects.get(user=trainee, course=done)
    return trainee, course, quiz, certificate


def test_public_pages_load_without_violations(recorder, trainee_course):
    _trainee, _course, _quiz, certificate = trainee_course
    for path in ["/en/", "/ar/", "/en/accounts/login/", "/ar/accounts/login/", "/en/verify/"]:
        recorder.visit(path)
    recorder.visit(f"/en/verify/{certificate.code}/")
    recorder.visit("/ar/no-such-page/", expect_status=404)
    assert recorder.found == []


def test_trainee_journey_loads_without_violations_and_autosave_works(recorder, trainee_course):
    trainee, course, quiz, _certificate = trainee_course
    page = recorder.page
    sign_in(recorder, trainee)

    response = recorder.visit("/en/dashboard/")
    policy = recorder.header(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    recorder.visit("/en/courses/")  # the catalogue
    recorder.visit(course.url)
    lesson = lessons_of(course)[0]
    recorder.visit(lesson.url + "?continue=1")
    recorder.visit(reverse("certificates:mine"))
    recorder.visit(reverse("account_change_password"))
    recorder.visit("/ar/dashboard/")

    # The quiz, under the strict policy: starting it, its content warning, and autosave.
    recorder.visit(f"/en/quizzes/{quiz.pk}/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_text("Before you continue")
    recorder.collect()
    page.locator("main a.button").first.click()
    expect(page.locator("main")).to_contain_text("Rahim")
    recorder.collect()

    attempt = Attempt.objects.get(user=trainee)
    position = {item["key"]: index for index, item in enumerate(attempt.layout)}
    q2 = next(item for item in attempt.layout if item["key"] == "SCN-HL-001/Q2")
    # Options are named by their position in the attempt, never by their code.
    page.locator(f"#q{position['SCN-HL-001/Q2']}-{q2['options'].index('A') + 1}").check()
    expect(page.locator(".autosave-status")).to_have_text("Saved")
    attempt.refresh_from_db()
    assert attempt.answers["SCN-HL-001/Q2"] == ["A"]
    recorder.collect()

    assert recorder.found == []
    # What the policy is for: an injected inline script does not run on a trainee page.
    assert injection_is_refused(recorder, INJECT_INLINE_SCRIPT, "script-src-elem")


def test_manager_and_admin_pages_load_without_violations(recorder, trainee_course):
    _trainee, course, _quiz, _certificate = trainee_course
    page = recorder.page
    manager = with_mfa(UserFactory(organisation=None, role=Role.PROGRAMME_MANAGER))
    sign_in(recorder, manager, second_factor=True)

    response = recorder.visit("/en/people/")
    assert recorder.header(response)["script-src"] == ["'self'"]
    recorder.visit("/ar/people/")
    recorder.visit("/en/accounts/2fa/")  # allauth's own pages and scripts

    # The Wagtail admin, under its documented exceptions.
    response = recorder.visit("/admin/")
    assert recorder.header(response)["script-src"] == ["'self'", "'unsafe-inline'"]
    recorder.visit("/admin/snippets/assessments/scenario/")
    recorder.visit("/admin/snippets/courses/trainingsession/add/")  # date-time widgets
    recorder.visit(f"/admin/pages/{course.pk}/edit/")
    # A chooser modal: its HTML arrives by fetch and runs its own inline script.
    page.locator("#id_pre_test-chooser [data-chooser-action-choose]").click()
    expect(page.locator(".modal-body")).to_contain_text("Hotline check")
    recorder.collect()
    page.locator(".modal button.close").click()
    expect(page.locator(".modal-body")).to_be_hidden()
    # The live preview is framed by the edit view; `frame-ancestors 'self'` lets it in.
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe.w-preview__iframe").last
    expect(preview.locator("main h1")).to_have_text(course.title)
    recorder.collect()
    # Leave the editor inside the test, so its "editing session released" beacon is answered
    # before the database is flushed.
    recorder.visit("/admin/")

    assert recorder.found == []
    # The admin's exception is for Wagtail's <script> elements only: an injected event handler
    # attribute, the usual XSS payload, is still refused there.
    assert injection_is_refused(recorder, INJECT_INLINE_HANDLER, "script-src-attr")


def test_administrator_pages_load_without_violations(recorder):
    page = recorder.page
    administrator = with_mfa(
        UserFactory(organisation=None, role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    )
    sign_in(recorder, administrator, second_factor=True)

    # A superuser's dashboard would look for Wagtail updates on releases.wagtail.org: turned off.
    recorder.visit("/admin/")
    recorder.visit("/admin/users/")
    # Choosing a file shows a preview from a blob: URL (the admin's img-src allows it).
    recorder.visit("/admin/images/multiple/add/")
    page.locator("input[type=file]").first.set_input_files(
        files=[{"name": "tiny.png", "mimeType": "image/png", "buffer": TINY_PNG}]
    )
    expect(page.locator("#upload-list img, #upload-list canvas").first).to_be_attached()
    recorder.collect()
    # Django's own admin needs no exception: it runs under the product's strict policy.
    response = recorder.visit("/django-admin/")
    assert recorder.header(response)["script-src"] == ["'self'"]
    recorder.visit("/django-admin/people/user/")

    assert recorder.found == []
