"""The analytics page at a large programme (issue 14): with HIMAYA_ANALYTICS_CACHE_SECONDS set,
its figures are computed once and kept, refreshed by the task worker once they are five minutes
old, and the page says how old they are."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments import analytics_figures
from tests.assessments.test_analytics import Q1, Q2, Q3, take
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = {Q1: ["A", "B"], Q2: ["A"], Q3: ["S1", "S2", "S3"]}


@pytest.fixture
def kept(settings):
    settings.HIMAYA_ANALYTICS_CACHE_SECONDS = 3600
    settings.HIMAYA_MIN_GROUP_SIZE = 1
    cache.clear()
    yield
    cache.clear()


def attempts_shown(quiz):
    return analytics_figures.figures(quiz=quiz, version=quiz.current_version)


def test_figures_are_kept_then_refreshed_in_the_background_when_stale(make_quiz, kept):
    quiz = make_quiz()
    take(quiz, RIGHT)
    first = attempts_shown(quiz)
    assert (first.kept, first.summary.attempts) == (False, 1)  # computed by the first view

    take(quiz, RIGHT, sector="labour-inspection")
    again = attempts_shown(quiz)
    assert (again.kept, again.summary.attempts) == (True, 1)  # the kept figures
    assert again.computed_at == first.computed_at
    assert [row["sector"] for row in again.mastery if row["tag"] == "PRN-SAF"] == ["hotline"]

    later = timezone.now() + dt.timedelta(minutes=analytics_figures.REFRESH_MINUTES + 1)
    with time_machine.travel(later, tick=False):
        # Stale: shown as kept while the worker (run at once in tests) computes them again.
        stale = attempts_shown(quiz)
        assert (stale.kept, stale.summary.attempts) == (True, 1)
        fresh = attempts_shown(quiz)
    assert (fresh.kept, fresh.summary.attempts) == (True, 2)
    assert fresh.computed_at == later
    assert [row["sector"] for row in fresh.mastery if row["tag"] == "PRN-SAF"] == [
        "hotline",
        "labour-inspection",
    ]


def test_the_page_says_how_old_kept_figures_are(client, make_quiz, kept):
    quiz = make_quiz()
    take(quiz, RIGHT)
    sign_in(client, with_mfa(UserFactory(role="Trainer")))
    url = reverse("assessments:analytics", args=[quiz.pk])
    assert "Figures as of" not in client.get(url).text  # computed by this very view
    computed = timezone.localtime(attempts_shown(quiz).computed_at).strftime("%H:%M")
    page = client.get(url).text
    assert f"Figures as of {computed}: they are computed again in the background" in page


def test_the_timer_computes_every_quiz_ahead_of_views(make_quiz, kept):
    quiz = make_quiz()
    take(quiz, RIGHT)
    call_command("refresh_quiz_analytics")
    shown = attempts_shown(quiz)
    assert (shown.kept, shown.summary.attempts) == (True, 1)


def test_without_the_setting_every_view_computes(make_quiz, settings):
    settings.HIMAYA_ANALYTICS_CACHE_SECONDS = 0
    quiz = make_quiz()
    take(quiz, RIGHT)
    assert attempts_shown(quiz).kept is False
    take(quiz, RIGHT)
    assert (attempts_shown(quiz).kept, attempts_shown(quiz).summary.attempts) == (False, 2)
