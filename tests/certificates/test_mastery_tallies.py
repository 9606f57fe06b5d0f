"""The mastery grid summed from the tallies gives the grid computed from every answer, in a fixed
number of queries, and is as old as the tallies it was summed from (docs/completion.md)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from assessments import services as assessments
from certificates import completion
from certificates.models import MasteryTally
from lms.people.models import Region
from lms.people.roles import Role
from tests.certificates.completion_world import build_programme
from tests.factories import UserFactory
from tests.quiz_fixtures import PERFECT

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(build_course, make_quiz):
    world = build_programme(build_course)
    quiz = make_quiz()
    # Alpha's eight and Bravo's six (enough to show) and Charlie's three (too few) answer;
    # A5..A8 and B1 miss Q2, B2 leaves Q1 unanswered.
    for key in ("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "b1", "b2", "b3", "b4", "b5"):
        _submit(world.people[key], quiz, miss_q2=key in {"a5", "a6", "a7", "a8", "b1"})
    for key in ("c1", "c2", "c3"):
        _submit(world.people[key], quiz)
    world.quiz = quiz
    return world


def _submit(person, quiz, *, miss_q2=False):
    attempt = assessments.start_attempt(user=person, quiz=quiz)
    for question, answer in PERFECT.items():
        if question.endswith("Q2") and miss_q2:
            answer = ["B"]
        assessments.save_answer(attempt=attempt, user=person, key=question, answer=answer)
    assessments.submit_attempt(attempt=attempt)


def _grid(scope, filters, *, kept: bool):
    cache.clear()
    with override_settings(HIMAYA_COMPLETION_CACHE_SECONDS=600 if kept else 0):
        return completion.mastery_grid(scope, filters)


def _views(world):
    programme = completion.Scope.programme()
    return [
        (programme, completion.Filters()),
        (programme, completion.Filters(sector=world.inspection)),
        (programme, completion.Filters(organisation=world.bravo)),
        (programme, completion.Filters(region=Region.objects.get(code="riyadh"))),
        (completion.Scope.for_organisation(world.alpha), completion.Filters()),
    ]


def test_the_summed_grid_is_the_grid_of_every_answer(world):
    assert completion.refresh_mastery_tallies() == MasteryTally.objects.count() > 0
    for scope, filters in _views(world):
        summed = _grid(scope, filters, kept=True)
        assert summed.as_of is not None
        live = _grid(scope, filters, kept=False)
        assert live.as_of is None
        assert (summed.tags, summed.sectors, summed.cells) == (live.tags, live.sectors, live.cells)


def test_exact_cells_summed_over_two_organisations(world):
    """Labour inspection: Alpha's eight and Bravo's five answered Q2, the only question tagged
    PRN-SAF; five of them chose the wrong option: eight of thirteen right."""
    completion.refresh_mastery_tallies()
    grid = _grid(completion.Scope.programme(), completion.Filters(), kept=True)
    assert grid.cells["PRN-SAF", "labour-inspection"] == Decimal("0.6154")
    assert isinstance(grid.cells["PRN-SAF", "hotline"], completion.FewerThan)  # Charlie's three


def test_the_tallies_are_kept_until_the_next_refresh(world):
    completion.refresh_mastery_tallies(now=timezone.now() - timedelta(minutes=3))
    before = _grid(completion.Scope.programme(), completion.Filters(), kept=True)
    _submit(world.people["b6"], world.quiz, miss_q2=True)
    kept = _grid(completion.Scope.programme(), completion.Filters(), kept=True)
    assert kept.cells == before.cells
    assert kept.as_of == before.as_of < timezone.now() - timedelta(minutes=2)
    completion.refresh_mastery_tallies()
    after = _grid(completion.Scope.programme(), completion.Filters(), kept=True)
    assert (
        after.cells == _grid(completion.Scope.programme(), completion.Filters(), kept=False).cells
    )
    assert after.cells != before.cells


def test_people_filters_the_tallies_cannot_answer_are_computed_from_the_answers(world):
    completion.refresh_mastery_tallies()
    _submit(world.people["b6"], world.quiz, miss_q2=True)  # after the tallies were built
    for filters in (
        completion.Filters(sex="male"),
        completion.Filters(period_end=timezone.localdate() - timedelta(days=1)),
    ):
        summed = _grid(completion.Scope.programme(), filters, kept=True)
        assert summed.as_of is None
        assert summed.cells == _grid(completion.Scope.programme(), filters, kept=False).cells


def test_before_the_first_refresh_the_grid_is_computed_from_the_answers(world):
    grid = _grid(completion.Scope.programme(), completion.Filters(), kept=True)
    assert grid.as_of is None
    assert grid.cells == _grid(completion.Scope.programme(), completion.Filters(), kept=False).cells


@pytest.mark.parametrize("extra", [0, 12])
def test_the_summed_grid_takes_four_queries_whatever_the_number_of_answers(
    world, extra, django_assert_num_queries
):
    for _ in range(extra):
        _submit(UserFactory(organisation=world.alpha, role=Role.TRAINEE), world.quiz)
    completion.refresh_mastery_tallies()
    cache.clear()
    # The tallies' age, the tallies summed, the tags' names, the scope's sectors.
    with override_settings(HIMAYA_COMPLETION_CACHE_SECONDS=600), django_assert_num_queries(4):
        completion.mastery_grid(completion.Scope.programme(), completion.Filters())
