"""A figure about fewer than HIMAYA_MIN_GROUP_SIZE people (default 5) shows as "fewer than 5"."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import analytics, services
from lms.people.models import Sector
from lms.small_groups import FewerThan
from tests.conftest import sign_in, with_mfa
from tests.factories import OrganisationFactory, UserFactory
from tests.quiz_fixtures import PERFECT

pytestmark = pytest.mark.django_db

Q2 = "SCN-HL-001/Q2"


def take(quiz, answers, sector):
    user = UserFactory(organisation=OrganisationFactory(sector=Sector.objects.get(code=sector)))
    attempt = services.start_attempt(user=user, quiz=quiz)
    for key, answer in answers.items():
        services.save_answer(attempt=attempt, user=user, key=key, answer=answer)
    return services.submit_attempt(attempt=attempt)


@pytest.fixture
def five_and_four(make_quiz):
    """Five hotline workers (all right on Q2) and four labour inspectors (all wrong on it)."""
    quiz = make_quiz()
    for _ in range(5):
        take(quiz, {Q2: ["A"]}, "hotline")
    for _ in range(4):
        take(quiz, {Q2: ["B"]}, "labour-inspection")
    return quiz


def test_the_setting_defaults_to_five(settings):
    assert settings.HIMAYA_MIN_GROUP_SIZE == 5
    assert str(FewerThan(5)) == "fewer than 5"


def test_mastery_of_a_group_of_four_is_suppressed_and_of_five_shown(five_and_four):
    rows = analytics.mastery_by_sector(tags=["PRN-SAF"], quiz=five_and_four)
    assert rows == [
        {
            "tag": "PRN-SAF",
            "sector": "hotline",
            "people": 5,
            "responses": 5,
            "mastery": Decimal("1.0000"),
            "suppressed": None,
        },
        {
            "tag": "PRN-SAF",
            "sector": "labour-inspection",
            "people": None,
            "responses": None,
            "mastery": None,
            "suppressed": FewerThan(5),
        },
    ]
    assert str(rows[1]["suppressed"]) == "fewer than 5"


def test_the_minimum_comes_from_the_setting(five_and_four, settings):
    settings.HIMAYA_MIN_GROUP_SIZE = 10
    rows = analytics.mastery_by_sector(tags=["PRN-SAF"], quiz=five_and_four)
    assert [str(row["suppressed"]) for row in rows] == ["fewer than 10", "fewer than 10"]
    assert [row["mastery"] for row in rows] == [None, None]


def test_item_analysis_over_too_few_people_is_suppressed(make_quiz):
    quiz = make_quiz()
    for _ in range(4):
        take(quiz, {Q2: ["A"]}, "hotline")
    (stats,) = [s for s in analytics.question_stats(quiz.current_version) if s.key == Q2]
    assert (stats.people, stats.responses, stats.difficulty, stats.discrimination) == (
        None,
        None,
        None,
        None,
    )
    assert stats.options == {}
    assert str(stats.suppressed) == "fewer than 5"
    take(quiz, {Q2: ["B"]}, "hotline")
    (stats,) = [s for s in analytics.question_stats(quiz.current_version) if s.key == Q2]
    assert (stats.people, stats.responses, stats.difficulty) == (5, 5, 0.8)
    assert stats.options == {"A": 4, "B": 1}
    assert stats.suppressed is None


def test_cohort_gain_of_a_group_of_four_is_suppressed(make_quiz, scenario_data):
    pre = make_quiz(code="QZ-PRE", kind="pre_test")
    post = make_quiz(
        code="QZ-POST", data={**scenario_data, "code": "SCN-HL-009"}, kind="post_test", pre_test=pre
    )
    hotline = OrganisationFactory(sector=Sector.objects.get(code="hotline"))
    inspection = OrganisationFactory(sector=Sector.objects.get(code="labour-inspection"))
    people = [UserFactory(organisation=hotline) for _ in range(5)]
    people += [UserFactory(organisation=inspection) for _ in range(4)]
    perfect_post = {key.replace("001", "009"): answer for key, answer in PERFECT.items()}
    for person in people:
        services.submit_attempt(attempt=services.start_attempt(user=person, quiz=pre))
        attempt = services.start_attempt(user=person, quiz=post)
        for key, answer in perfect_post.items():
            services.save_answer(attempt=attempt, user=person, key=key, answer=answer)
        services.submit_attempt(attempt=attempt)
    gain = services.cohort_gain(post_test=post, people=people)
    assert gain == {
        "hotline": {
            "people": 5,
            "pre": Decimal("0"),
            "post": Decimal("100"),
            "gain": Decimal("100"),
            "suppressed": None,
        },
        "labour-inspection": {
            "people": None,
            "pre": None,
            "post": None,
            "gain": None,
            "suppressed": FewerThan(5),
        },
    }


def test_the_analytics_page_shows_fewer_than_5_for_four_and_the_number_for_five(
    client, five_and_four
):
    sign_in(client, with_mfa(UserFactory(role="Trainer", organisation=None)))
    html = client.get(reverse("assessments:analytics", args=[five_and_four.pk])).text
    # Indicators and sectors by name (issue 10: never codes or slugs on the page).
    hotline = (
        '<tr><th scope="row">Safety first</th><td>Hotline</td>'
        "<td>5</td><td>5</td><td>100%</td></tr>"
    )
    inspection = (
        '<tr><th scope="row">Safety first</th><td>Labour inspection</td>'
        "<td>fewer than 5</td><td>—</td><td>—</td></tr>"
    )
    assert hotline in html
    assert inspection in html
    assert "Figures about fewer than 5 people are not shown" in html
