import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import analytics, services
from lms.people.models import Sector
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

Q1, Q2, Q3 = "SCN-HL-001/Q1", "SCN-HL-001/Q2", "SCN-HL-001/Q3"


def take(quiz, answers, sector="hotline"):
    user = UserFactory(organisation=OrganisationFactory(sector=Sector.objects.get(code=sector)))
    attempt = services.start_attempt(user=user, quiz=quiz)
    for key, answer in answers.items():
        services.save_answer(attempt=attempt, user=user, key=key, answer=answer)
    return services.submit_attempt(attempt=attempt)


@pytest.fixture
def graded(make_quiz):
    quiz = make_quiz()
    # Totals: 4, 3, 1, 0 points.
    take(quiz, {Q1: ["A", "B"], Q2: ["A"], Q3: ["S1", "S2", "S3"]})
    take(quiz, {Q1: ["A", "B"], Q2: ["A"], Q3: ["S3", "S2", "S1"]})
    take(quiz, {Q1: ["A", "C"], Q2: ["A"], Q3: ["S3", "S2", "S1"]}, sector="labour-inspection")
    take(quiz, {Q1: ["C"], Q2: ["B"], Q3: ["S3", "S2", "S1"]}, sector="labour-inspection")
    return quiz


@pytest.fixture
def every_group_shown(settings):
    """The arithmetic tests use four people; small-group suppression has its own tests."""
    settings.HIMAYA_MIN_GROUP_SIZE = 1


def test_difficulty_discrimination_and_option_frequencies(graded, every_group_shown):
    stats = {s.key: s for s in analytics.question_stats(graded.current_version)}
    q2 = stats[Q2]
    assert (q2.people, q2.responses, q2.difficulty) == (4, 4, 0.75)
    assert q2.options == {"A": 3, "B": 1}
    # Rest of the attempt without Q2: 3, 2, 0 for those right; 0 for the one wrong.
    rest = [3, 2, 0, 0]
    mean = sum(rest) / 4
    spread = math.sqrt(sum((r - mean) ** 2 for r in rest) / 4)
    expected = ((5 / 3) - 0) / spread * math.sqrt(0.75 * 0.25)
    assert q2.discrimination == pytest.approx(round(expected, 4))
    assert stats[Q1].options == {"A": 3, "B": 2, "C": 2}
    assert stats[Q3].difficulty == 0.25


def test_mastery_by_sector(graded, every_group_shown):
    rows = analytics.mastery_by_sector(tags=["ILO-09", "PRN-SAF"])
    assert [
        (r["tag"], r["sector"], r["people"], r["responses"], str(r["mastery"])) for r in rows
    ] == [
        ("ILO-09", "hotline", 2, 2, "1.0000"),
        ("ILO-09", "labour-inspection", 2, 2, "0.0000"),  # A+C and C both score 0 on Q1
        ("PRN-SAF", "hotline", 2, 2, "1.0000"),
        ("PRN-SAF", "labour-inspection", 2, 2, "0.5000"),
    ]


def test_query_count_does_not_grow_with_attempts(make_quiz):
    quiz = make_quiz()
    take(quiz, {Q2: ["A"]})

    def queries():
        with CaptureQueriesContext(connection) as captured:
            analytics.question_stats(quiz.current_version)
            analytics.mastery_by_sector(quiz=quiz)
        return len(captured)

    few = queries()
    for _ in range(6):
        take(quiz, {Q2: ["B"], Q1: ["A"]})
    assert queries() == few


def test_analytics_page_for_trainers_not_trainees(client, graded, every_group_shown):
    from django.urls import reverse

    from tests.conftest import sign_in, with_mfa

    url = reverse("assessments:analytics", args=[graded.pk])
    sign_in(client, UserFactory())
    assert client.get(url).status_code == 404
    sign_in(client, with_mfa(UserFactory(role="Trainer")))
    html = client.get(url).text
    assert "What do you do first?" in html
    assert "0.75" in html
