"""The test-wise baseline (issue 12, section 0): the score of strategies that never read the
cases, in the module, on the quiz analytics page (English and Arabic) and when publishing a
final in the editor."""

import copy
from decimal import Decimal

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from assessments import demo, test_wise
from assessments.models import QuizVersion
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory
from tests.people.test_permissions import edit_url, publish_form
from tests.quiz_fixtures import SCENARIO


def single_choice(code, key_first=True, *, key_longest=True):
    """Four options; the key is the longest (or the shortest) and written first (or last)."""
    short = [{"en": f"Do {word}", "ar": f"افعل {word}"} for word in ("x", "yy", "zzz")]
    key_text = {"en": "Check he is safe, then call the hotline referral team", "ar": "تحقق"}
    if not key_longest:
        key_text = {"en": "Ask", "ar": "اسأل"}
        short = [{"en": f"Do a much longer thing {word}", "ar": "افعل"} for word in "abc"]
    options = [{"code": c, "text": t, "correct": False} for c, t in zip("BCD", short, strict=True)]
    key = {"code": "A", "text": key_text, "correct": True}
    return {
        "code": code,
        "type": "single_choice",
        "stem": {"en": f"What do you do first ({code})?", "ar": f"ماذا تفعل أولًا ({code})؟"},
        "options": [key, *options] if key_first else [*options, key],
    }


KEY_LONGEST = [single_choice(f"Q{n}", key_first=n % 2 == 0) for n in range(1, 5)]


def test_the_longest_key_gives_full_marks_to_the_heuristic_and_random_gets_a_quarter():
    result = test_wise.baseline(questions=KEY_LONGEST, shuffle_options=True, seed=1)

    assert result.heuristic == Decimal("100.00")
    assert result.random == Decimal("24.25")
    assert [item.heuristic for item in result.items] == [Decimal("100.00")] * 4
    assert result.reaches(75)


def test_a_short_key_defeats_the_heuristic():
    questions = [single_choice(f"Q{n}", key_longest=False) for n in range(1, 5)]

    result = test_wise.baseline(questions=questions, shuffle_options=True, seed=1)

    assert result.heuristic == Decimal("0.00")
    assert not result.reaches(50)


def test_the_same_seed_gives_the_same_figures_and_items_are_ordered_by_what_they_give_away():
    questions = [single_choice("Q1", key_longest=False), *KEY_LONGEST[:2]]

    first = test_wise.baseline(questions=questions, shuffle_options=True, seed=7)
    again = test_wise.baseline(questions=questions, shuffle_options=True, seed=7)

    assert first == again
    # The short-key question gives nothing away: it comes last.
    assert [item.index for item in first.items][-1] == 0
    assert first.items[-1].heuristic == Decimal("0.00")


def test_multiple_response_ticks_the_first_70_percent_as_shown_and_matching_shares_words():
    multiple = {
        "code": "Q1",
        "type": "multiple_response",
        "stem": {"en": "Which indicators?", "ar": "ما المؤشرات؟"},
        "options": [
            {"code": c, "text": {"en": c, "ar": c}, "correct": c in "ABC"} for c in "ABCDE"
        ],
    }
    matching = {
        "code": "Q2",
        "type": "matching",
        "stem": {"en": "Match", "ar": "طابق"},
        "pairs": [
            {
                "code": "P1",
                "prompt": {"en": "Passport kept", "ar": "الجواز"},
                "answer": {"code": "M1", "text": {"en": "Retention of passport", "ar": "احتجاز"}},
            },
            {
                "code": "P2",
                "prompt": {"en": "Gate locked", "ar": "البوابة"},
                "answer": {"code": "M2", "text": {"en": "Locked gate at night", "ar": "تقييد"}},
            },
        ],
    }

    result = test_wise.baseline(questions=[multiple, matching], shuffle_options=False, seed=3)

    # Written order, 5 options: ticks A, B, C, D (3.5 rounds up to 4): 3/3 - 1/2 = half marks.
    assert result.items[1].index == 0 and result.items[1].heuristic == Decimal("50.00")
    # Shared words match both prompts whatever the shown order.
    assert result.items[0].index == 1 and result.items[0].heuristic == Decimal("100.00")


def test_the_demo_competency_final_is_under_half_marks_on_every_sectors_form():
    """The issue's goal: a trainee who never reads the cases scores under 50 % on every final.
    The demo final draws per sector from the whole bank (demo.FINAL_DRAW)."""
    bank = yaml.safe_load(demo.bank_text())
    roles = {"civil-society": "CSO", "hotline": "HL", "labour-committee": "LC"}
    roles |= {"labour-court": "JD", "labour-inspection": "LI", "shelter": "SH"}
    sector_draw = {
        "sector": demo.FINAL_DRAW["sector_scenarios"],
        "core": demo.FINAL_DRAW["core_scenarios"],
        "roles": roles,
    }

    results = test_wise.sector_baselines(
        scenarios=bank, sector_draw=sector_draw, shuffle_options=True
    )

    assert sorted(results) == sorted(roles)
    assert {sector: r.heuristic < 50 for sector, r in results.items()} == dict.fromkeys(
        roles, True
    ), {sector: r.heuristic for sector, r in results.items()}


# --- The analytics page -------------------------------------------------------------------------


def key_longest_scenario():
    data = copy.deepcopy(SCENARIO)
    data["questions"] = copy.deepcopy(KEY_LONGEST)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "en",
            [
                "Test-wise baseline",
                "Test-wise strategy",
                "100.0%",
                "Pass mark",
                "75%",
                "reaches the pass mark",
                "Question 1: What do you do first (Q1)?",
            ],
        ),
        ("ar", ["ماذا تفعل أولًا (Q1)؟"]),
    ],
)
def test_analytics_shows_the_baseline_and_the_items_that_give_most_away(
    client, make_quiz, language, texts
):
    quiz = make_quiz(data=key_longest_scenario(), kind="final")
    sign_in(client, with_mfa(UserFactory(role="Trainer", organisation=None)))
    with translation.override(language):
        url = reverse("assessments:analytics", args=[quiz.pk])

    html = client.get(url).text

    assert 'id="test-wise-heading"' in html
    section = html[html.index('id="test-wise-heading"') :]
    section = section[: section.index("</section>")]
    for text in texts:
        assert text in section
    assert "SCN-HL-001" not in section and "Q1/" not in section
    assert section.count("<li>") == 4


# --- Publishing a final --------------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_a_final_a_test_wise_trainee_passes_asks_for_confirmation(
    client, make_quiz, programme_manager
):
    quiz = make_quiz(data=key_longest_scenario(), kind="final")
    before = QuizVersion.objects.filter(quiz=quiz).count()
    sign_in(client, programme_manager)

    refused = client.post(edit_url(quiz), publish_form(quiz))

    assert refused.status_code == 200
    assert "never reads the cases scores 100.00% on this final" in refused.text
    assert QuizVersion.objects.filter(quiz=quiz).count() == before

    confirmed = client.post(edit_url(quiz), {**publish_form(quiz), "confirm_test_wise": "on"})

    assert confirmed.status_code == 302
    assert QuizVersion.objects.filter(quiz=quiz).count() == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["final", "formative"])
def test_no_confirmation_below_the_pass_mark_or_for_other_quizzes(
    client, make_quiz, programme_manager, kind
):
    data = key_longest_scenario()
    if kind == "final":
        data["questions"] = [single_choice(f"Q{n}", key_longest=False) for n in range(1, 5)]
    quiz = make_quiz(data=data, kind=kind)
    sign_in(client, programme_manager)

    response = client.post(edit_url(quiz), publish_form(quiz))

    assert response.status_code == 302, response.context and response.context["form"].errors
