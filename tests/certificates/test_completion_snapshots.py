"""Completion figures kept as snapshots (docs/completion.md, "Snapshots"): with
HIMAYA_COMPLETION_CACHE_SECONDS on, the pages and the API read the figures
`manage.py refresh_completion_figures` computed, say when they were computed, show a change only
after the next refresh, and never hand one scope's figures to another. The test settings turn
the snapshots off (every other test computes fresh figures); these tests turn them on."""

import re
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from certificates import completion
from certificates.api_tokens import issue_api_token
from lms.people.models import Organisation
from lms.people.roles import Role
from tests.certificates.completion_world import build_programme
from tests.certificates.test_completion_pages import cells
from tests.conftest import sign_in
from tests.factories import UserFactory

HOME = "/en/completion/"
INSPECTION = "/en/completion/sectors/labour-inspection/"


@pytest.fixture(autouse=True)
def kept():
    cache.clear()
    with override_settings(HIMAYA_COMPLETION_CACHE_SECONDS=600):
        yield
    cache.clear()


@pytest.fixture
def world(build_course):
    return build_programme(build_course)


def _as_of(html: str) -> str:
    match = re.search(r'<p class="completion-as-of">(.*?)</p>', html, re.S)
    assert match, "no as-of line"
    return match[1]


def _kept_time(scope=None) -> str:
    """The local time (HH:MM) the kept sector table was computed at."""
    figures = completion.Figures(scope or completion.Scope.programme(), completion.Filters())
    figures.by_sector()
    return timezone.localtime(figures.as_of).strftime("%H:%M")


@pytest.mark.parametrize("size", [10, 200])
def test_a_second_request_reads_the_kept_figures_only(
    client, build_course, organisation, programme_manager, size, django_assert_num_queries
):
    from tests.certificates.test_completion_figures import _programme_of

    _programme_of(size, organisation, build_course())
    sign_in(client, programme_manager)
    # Computed pages take 24, 31 and 27 queries (test_completion_pages); kept ones only what
    # the request needs besides the figures: the session and the viewer, the filter form's
    # choices, the sector or organisation the URL names, and (one organisation) its people.
    # (11, 12 and 21 before cms.locales read no translation of a page in the reader's language
    # and lms.permissions read the permissions in one query.)
    pages = {
        HOME: 8,
        f"/en/completion/sectors/{organisation.sector.code}/": 9,
        f"/en/completion/organisations/{organisation.pk}/": 15,
    }
    for url in pages:
        client.get(url)
    for url, queries in pages.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


def test_a_change_is_shown_after_the_next_refresh(client, world):
    sign_in(client, world.programme_manager)
    call_command("refresh_completion_figures")
    assert cells(client.get(HOME).content.decode(), "Labour inspection")[0] == "14"
    UserFactory(organisation=world.alpha, role=Role.TRAINEE)

    assert cells(client.get(HOME).content.decode(), "Labour inspection")[0] == "14"
    call_command("refresh_completion_figures")
    assert cells(client.get(HOME).content.decode(), "Labour inspection")[0] == "15"


def test_people_lists_are_always_current(client, world):
    sign_in(client, world.programme_manager)
    page = f"/en/completion/organisations/{world.alpha.pk}/"
    call_command("refresh_completion_figures")
    client.get(page)
    UserFactory(name_en="Newcomer Zed", organisation=world.alpha, role=Role.TRAINEE)
    html = client.get(page).content.decode()
    assert "Newcomer Zed" in html
    assert cells(html, "Alpha Labour Office")[0] == "8"  # the kept figures, until the refresh


def test_the_pages_say_when_the_figures_were_computed_in_both_languages(client, world):
    sign_in(client, world.programme_manager)
    call_command("refresh_completion_figures")
    time = _kept_time()
    english = _as_of(client.get(HOME).content.decode())
    assert english == f"Figures as of {time} — refreshed every 5 minutes"
    arabic = client.get("/ar/completion/").content.decode()
    assert 'dir="rtl"' in arabic
    assert time in _as_of(arabic)
    for page in (INSPECTION, f"/en/completion/organisations/{world.alpha.pk}/"):
        assert _as_of(client.get(page).content.decode()) == english


@override_settings(HIMAYA_COMPLETION_CACHE_SECONDS=0)
def test_without_snapshots_the_pages_compute_and_say_so(client, world):
    sign_in(client, world.programme_manager)
    now = timezone.localtime().strftime("%H:%M")
    line = _as_of(client.get(HOME).content.decode())
    assert re.fullmatch(r"Figures as of \d\d:\d\d", line)
    assert line[-5:] >= now


@pytest.mark.parametrize("programme_first", [True, False])
def test_scopes_never_share_kept_figures(client, world, programme_first):
    def as_programme():
        sign_in(client, world.programme_manager)
        html = client.get(INSPECTION).content.decode()
        assert cells(html, "Alpha Labour Office")[0] == "8"
        assert cells(html, "Bravo Labour Office")[0] == "6"
        assert cells(html, "Labour inspection")[0] == "14"

    def as_alpha():
        sign_in(client, world.alpha_manager)
        html = client.get(INSPECTION).content.decode()
        assert cells(html, "Alpha Labour Office")[0] == "8"
        assert "Bravo Labour Office" not in html
        assert cells(html, "Labour inspection")[0] == "8"  # the total is Alpha's alone
        html = client.get(f"/en/completion/organisations/{world.alpha.pk}/").content.decode()
        assert cells(html, "Alpha Labour Office")[0] == "8"

    first, second = (as_programme, as_alpha) if programme_first else (as_alpha, as_programme)
    first()
    client.logout()
    second()


def test_api_tokens_never_share_kept_figures_and_state_their_time(client, world):
    programme = {
        "HTTP_AUTHORIZATION": f"Bearer {issue_api_token(name='P', organisation=None, by=None)[1]}"
    }
    alpha_key = issue_api_token(name="A", organisation=world.alpha, by=None)[1]
    alpha = {"HTTP_AUTHORIZATION": f"Bearer {alpha_key}"}
    url = "/api/v1/sectors/labour-inspection/organisations/"
    before = timezone.now()
    call_command("refresh_completion_figures")
    after = timezone.now()
    everyone = client.get(url, **programme).json()
    own = client.get(url, **alpha).json()
    assert [row["name_en"] for row in everyone["rows"]] == [
        "Alpha Labour Office",
        "Bravo Labour Office",
    ]
    assert [row["name_en"] for row in own["rows"]] == ["Alpha Labour Office"]
    assert (everyone["total"]["people"], own["total"]["people"]) == (14, 8)
    assert client.get("/api/v1/sectors/", **alpha).status_code == 403
    for path in ("sectors/", "time-series/", "knowledge-gain/", "mastery/"):
        answer = client.get(f"/api/v1/{path}", **programme).json()
        as_of = datetime.fromisoformat(answer["as_of"])
        assert before - timedelta(milliseconds=1) <= as_of <= after, path
        assert client.get(f"/api/v1/{path}", **programme).json()["as_of"] == answer["as_of"]


def test_the_refresh_computes_every_organisation_and_the_programme(
    world, django_assert_num_queries
):
    call_command("refresh_completion_figures")
    views = [(completion.Scope.programme(), completion.Filters(), None)]
    for organisation in Organisation.objects.all():
        views.append((completion.Scope.for_organisation(organisation), completion.Filters(), None))
        views.append(
            (
                completion.Scope.programme(),
                completion.Filters(sector=organisation.sector),
                organisation.sector,
            )
        )
    assert len(views) == 1 + 2 * 4
    for scope, filters, sector in views:
        figures = completion.Figures(scope, filters)
        with django_assert_num_queries(0):  # every figure is read from the cache
            if sector is None and scope.is_programme:
                figures.by_sector()
            else:
                figures.by_organisation(sector or scope.organisation.sector)
            figures.completions_by_month()
            figures.certificates_issued_by_month()
            figures.certificates_expiring_by_month()
            figures.knowledge_gain_by_sector()
            figures.mastery_grid()


def test_a_filtered_view_is_computed_on_first_request_then_kept(client, world):
    sign_in(client, world.programme_manager)
    call_command("refresh_completion_figures")
    first = client.get(HOME, {"sex": "female"}).content.decode()
    assert cells(first, "Labour inspection")[0] == "5"
    UserFactory(organisation=world.alpha, role=Role.TRAINEE, sex="female")
    assert (
        cells(client.get(HOME, {"sex": "female"}).content.decode(), "Labour inspection")[0] == "5"
    )
    call_command("refresh_completion_figures")
    assert (
        cells(client.get(HOME, {"sex": "female"}).content.decode(), "Labour inspection")[0] == "6"
    )


def test_exports_compute_fresh_figures(client, world):
    from certificates.completion_exports import Figures as ExportFigures

    sign_in(client, world.programme_manager)
    call_command("refresh_completion_figures")
    UserFactory(organisation=world.alpha, role=Role.TRAINEE)
    assert cells(client.get(HOME).content.decode(), "Labour inspection")[0] == "14"
    export = ExportFigures(scope=completion.Scope.programme(), filters=completion.Filters())
    inspection = next(row for row in export.sector_table.rows if row.key == "labour-inspection")
    assert inspection.people == 15
