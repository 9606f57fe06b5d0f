"""Matching questions keep everything a file gives them (issue 11, §2): a pair's tags and
bilingual feedback and the question's spare answers are read, checked, stored, frozen, shown to
trainees, scored, counted by analytics and written back out, in YAML and in GIFT.

Every scenario here is a fictional composite: invented names, no real employers, agencies or
cases.
"""

import copy
import random
import re
from decimal import Decimal
from textwrap import dedent

import pytest
from django.urls import reverse

from assessments import analytics, api, services
from assessments.exchange_io import dump_gift, dump_yaml, load_gift, load_yaml
from assessments.models import Attempt, Quiz, QuizDrawRule, Scenario, Tag
from assessments.scoring import InvalidAnswer, score_question, validate_answer
from lms.people.models import Sector, User
from tests.assessments.exchange_helpers import KNOWN, text, where, yaml_problems
from tests.conftest import sign_in
from tests.factories import OrganisationFactory, UserFactory

FEEDBACK = text(
    "Keeping the passports stops the workers from leaving.",
    "احتجاز جوازات السفر يمنع العمال من المغادرة.",
)
MATCH = {
    "code": "SCN-LI-020",
    "title": text("A night at the farm dormitory", "ليلة في سكن المزرعة"),
    "case_text": text(
        "Karim, a fictional farm worker, says the passports are kept in the site office and the "
        "dormitory gate is locked at night.",
        "يقول كريم، وهو عامل زراعي متخيل، إن جوازات السفر محفوظة في مكتب الموقع وإن بوابة السكن "
        "تُقفل ليلاً.",
    ),
    "content_warning": "CW0",
    "roles": ["LI"],
    "tags": [],
    "fictional": True,
    "questions": [
        {
            "code": "Q1",
            "type": "matching",
            "stem": text("Match each fact to the indicator it shows.", "طابق كل واقعة بمؤشرها."),
            "points": 2,
            "scoring": "partial",
            "critical": False,
            "tags": [],
            "pairs": [
                {
                    "code": "P1",
                    "prompt": text("Passports kept in the site office", "الجوازات في مكتب الموقع"),
                    "answer": {
                        "code": "M1",
                        "text": text("Retention of identity documents", "احتجاز وثائق الهوية"),
                    },
                    "tags": ["ILO-07"],
                    "feedback": FEEDBACK,
                },
                {
                    "code": "P2",
                    "prompt": text("The gate is locked at night", "البوابة مقفلة ليلاً"),
                    "answer": {
                        "code": "M2",
                        "text": text("Restriction of movement", "تقييد الحركة"),
                    },
                    "tags": ["ILO-03"],
                },
            ],
            "spare_answers": [
                {"code": "M3", "text": text("Excessive overtime", "العمل الإضافي المفرط")},
            ],
        }
    ],
}
KEY = "SCN-LI-020/Q1"
QUESTION = MATCH["questions"][0]


# --- The exchange format -------------------------------------------------------------------


def test_yaml_reads_and_writes_spare_answers_pair_tags_and_feedback():
    source = dedent(
        """\
        - code: SCN-LI-020
          title: {en: "A night at the farm dormitory", ar: "ليلة في سكن المزرعة"}
          case_text: {en: "Karim, a fictional worker, calls.", ar: "يتصل كريم، عامل متخيل."}
          content_warning: CW0
          fictional: true
          questions:
            - code: Q1
              type: matching
              stem: {en: "Match each fact.", ar: "طابق كل واقعة."}
              pairs:
                - code: P1
                  prompt: {en: "Passports kept", ar: "الجوازات محتجزة"}
                  answer: {code: M1, text: {en: "Retention", ar: "احتجاز"}}
                  tags: [ILO-07]
                  feedback: {en: "  Passports held.  ", ar: "الجوازات محتجزة."}
                - code: P2
                  prompt: {en: "Gate locked", ar: "البوابة مقفلة"}
                  answer: {code: M2, text: {en: "Movement", ar: "الحركة"}}
              spare_answers:
                - code: X1
                  text: {en: "Overtime", ar: "العمل الإضافي"}
                - {code: X2, text: {en: "Deception", ar: "الخداع"}}
        """
    )
    [scenario] = load_yaml(source, known_tags=KNOWN)
    question = scenario["questions"][0]
    assert question["pairs"][0]["tags"] == ["ILO-07"]
    assert question["pairs"][0]["feedback"] == text("Passports held.", "الجوازات محتجزة.")
    assert question["pairs"][1]["tags"] == []
    assert "feedback" not in question["pairs"][1]
    assert question["spare_answers"] == [
        {"code": "X1", "text": text("Overtime", "العمل الإضافي")},
        {"code": "X2", "text": text("Deception", "الخداع")},
    ]
    dumped = dump_yaml([scenario])
    assert (
        "      spare_answers:\n"
        "        - code: X1\n"
        "          text:\n"
        "            en: Overtime\n"
        "            ar: العمل الإضافي\n"
    ) in dumped
    assert load_yaml(dumped, known_tags=KNOWN) == [scenario]
    # Without spare answers the key is absent, as the normal form says.
    plain = copy.deepcopy(MATCH)
    del plain["questions"][0]["spare_answers"]
    assert load_yaml(dump_yaml([plain]), known_tags=KNOWN) == [plain]


def test_spare_answers_are_checked_with_their_lines():
    source = dedent(
        """\
        - code: SCN-LI-021
          title: {en: "Checks", ar: "فحوص"}
          case_text: {en: "Rana inspects a fictional farm.", ar: "تفتش رنا مزرعة متخيلة."}
          content_warning: CW0
          fictional: true
          questions:
            - code: Q1
              type: matching
              stem: {en: "Match.", ar: "طابق."}
              pairs:
                - {code: P1, prompt: {en: a, ar: أ}, answer: {code: M1, text: {en: One, ar: واحد}}}
                - {code: P2, prompt: {en: b, ar: ب}, answer: {code: M2, text: {en: Two, ar: اثنان}}}
              spare_answers:
                - {code: M1, text: {en: "Three", ar: "ثلاثة"}}
                - {code: X1, text: {en: "Two", ar: "إثنان آخر"}}
                - {code: X2, text: {en: "Four", ar: "أربعة"}, tags: [ILO-07]}
                - {code: X3}
            - code: Q2
              type: single_choice
              stem: {en: "Pick.", ar: "اختر."}
              options:
                - {code: A, text: {en: "Yes", ar: "نعم"}, correct: true}
                - {code: B, text: {en: "No", ar: "لا"}}
              spare_answers:
                - {code: X1, text: {en: "Maybe", ar: "ربما"}}
        """
    )
    spare = "spare answer"
    assert [str(problem) for problem in yaml_problems(source)] == [
        f"line 14: {where('SCN-LI-021', 'Q1', f'{spare} M1')}: code M1 is already an answer code "
        "(at line 11); a spare answer needs a code of its own",
        f"line 15: {where('SCN-LI-021', 'Q1', f'{spare} X1')}: text: the same as answer M2's "
        "(at line 12); trainees could not tell them apart",
        f"line 16: {where('SCN-LI-021', 'Q1', f'{spare} X2')}: unknown key 'tags' (expected "
        "code or text)",
        f"line 17: {where('SCN-LI-021', 'Q1', f'{spare} X3')}: text: required, in English (en) "
        "and Arabic (ar)",
        f"line 24: {where('SCN-LI-021', 'Q2')}: spare_answers: only matching questions have "
        "spare answers",
    ]


def test_gift_reads_moodle_distractors_as_spare_answers_and_writes_them_back():
    source = dedent(
        """\
        ::MATCH-1:: Match each fact. || طابق كل واقعة. {
            =Passports kept || الجوازات محتجزة -> Retention || احتجاز #Held \\# kept. || محتجزة.
            = -> Overtime || العمل الإضافي
            =Gate locked || البوابة مقفلة -> Movement || الحركة
        }
        """
    )
    kwargs = {
        "scenario_code": "SCN-LI-022",
        "title": text("Farm", "مزرعة"),
        "case_text": text("Omar, a fictional worker.", "عمر، عامل متخيل."),
        "known_tags": KNOWN,
    }
    [scenario] = load_gift(source, **kwargs)
    question = scenario["questions"][0]
    assert question["code"] == "MATCH-1"
    assert [(p["code"], p["answer"]["code"]) for p in question["pairs"]] == [
        ("P1", "M1"),
        ("P2", "M3"),
    ]
    assert question["pairs"][0]["feedback"] == text("Held # kept.", "محتجزة.")
    assert question["spare_answers"] == [{"code": "M2", "text": text("Overtime", "العمل الإضافي")}]

    written = dump_gift(scenario)
    assert written == dedent(
        """\
        // SCN-LI-022

        ::MATCH-1:: Match each fact. || طابق كل واقعة. {
            =Passports kept || الجوازات محتجزة -> Retention || احتجاز #Held \\# kept. || محتجزة.
            =Gate locked || البوابة مقفلة -> Movement || الحركة
            = -> Overtime || العمل الإضافي
        }
        """
    )
    # Spare answers are written last, so they come back with the next codes; nothing else moves.
    [again] = load_gift(written, **kwargs)
    expected = copy.deepcopy(scenario)
    expected["questions"][0]["pairs"][1]["answer"]["code"] = "M2"
    expected["questions"][0]["spare_answers"][0]["code"] = "M3"
    assert again == expected
    assert load_gift(dump_gift(again), **kwargs) == [again]


def test_gift_round_trips_every_type_it_can_hold():
    source = dedent(
        """\
        ::S1:: What first? || ما أولاً؟ {
            =%100%Check safety\\: now || التحقق من السلامة
            ~%50%Ask about pay || السؤال عن الأجر #Later. || لاحقاً.
            ~%0%Call the employer || الاتصال بصاحب العمل
        }

        ::MR:: Which indicators? || ما المؤشرات؟ {
            ~%50%Debt || دين
            ~%50%Passport held || جواز محتجز
            ~%-100%Works nights || يعمل ليلاً #Not an indicator. || ليس مؤشراً.
        }

        ::TF:: Proof first. || الدليل أولاً. {F#No: refer now. || لا.#Right. || صحيح.}

        ::M:: Match. || طابق. {
            =a || أ -> One || واحد
            =b || ب -> Two || اثنان
            = -> Three || ثلاثة
        }
        """
    )
    kwargs = {
        "scenario_code": "SCN-LI-023",
        "title": text("Farm", "مزرعة"),
        "case_text": text("Omar, a fictional worker.", "عمر، عامل متخيل."),
        "known_tags": KNOWN,
    }
    scenarios = load_gift(source, **kwargs)
    assert load_gift(dump_gift(scenarios[0]), **kwargs) == scenarios
    ordering = {
        "code": "Q9",
        "type": "ordering",
        "stem": text("Order.", "رتب."),
        "options": [{"code": "A", "text": text("a", "أ")}, {"code": "B", "text": text("b", "ب")}],
    }
    with pytest.raises(ValueError, match="GIFT has no ordering questions"):
        dump_gift({**scenarios[0], "questions": [ordering]})


# --- Scoring --------------------------------------------------------------------------------


def test_a_spare_answer_is_a_valid_answer_and_a_wrong_match():
    assert validate_answer(QUESTION, {"P1": "M3"}) is None
    assert score_question(QUESTION, {"P1": "M1", "P2": "M3"}) == Decimal("1.0000")
    assert score_question(QUESTION, {"P1": "M3", "P2": "M3"}) == Decimal("0.0000")
    assert score_question(QUESTION, {"P1": "M1", "P2": "M2"}) == Decimal("2.0000")
    strict = {**QUESTION, "scoring": "all_or_nothing"}
    assert score_question(strict, {"P1": "M1", "P2": "M3"}) == Decimal("0.0000")
    with pytest.raises(InvalidAnswer, match="unknown answer code 'M9' for P2"):
        validate_answer(QUESTION, {"P2": "M9"})
    clash = {**QUESTION, "spare_answers": [{"code": "M2"}]}
    with pytest.raises(ValueError, match=r"spare answer codes \['M2'\] are already answers"):
        validate_answer(clash, None)


# --- Storage ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_bank_and_a_frozen_version_keep_them(make_quiz):
    quiz = make_quiz(data=copy.deepcopy(MATCH))
    stored = Scenario.objects.get(code="SCN-LI-020")
    assert stored.to_exchange() == MATCH | {
        "questions": [QUESTION | {"points": "2"}],
    }
    frozen = quiz.current_version.scenarios[0]["questions"][0]
    assert frozen["pairs"][0]["feedback"] == FEEDBACK
    assert [pair["tags"] for pair in frozen["pairs"]] == [["ILO-07"], ["ILO-03"]]
    assert frozen["spare_answers"] == QUESTION["spare_answers"]


@pytest.mark.django_db
def test_a_matching_question_stored_before_these_fields_still_loads():
    old_pair = {
        "code": "P1",
        "prompt_en": "a",
        "prompt_ar": "أ",
        "answer_code": "M1",
        "answer_en": "One",
        "answer_ar": "واحد",
    }
    stored = {
        "code": "Q1",
        "stem_en": "Match.",
        "stem_ar": "طابق.",
        "points": "1",
        "scoring": "partial",
        "critical": False,
        "tags": "",
        "pairs": [old_pair, {**old_pair, "code": "P2", "answer_code": "M2", "answer_en": "Two"}],
    }
    scenario = Scenario(
        code="SCN-OLD-001",
        title_en="Old",
        title_ar="قديم",
        case_text_en="A fictional case.",
        case_text_ar="حالة متخيلة.",
        questions=[{"type": "matching", "value": stored}],
    )
    scenario.save()
    scenario.refresh_from_db()
    question = scenario.to_exchange()["questions"][0]
    assert [pair["tags"] for pair in question["pairs"]] == [[], []]
    assert "feedback" not in question["pairs"][0]
    assert "spare_answers" not in question


@pytest.mark.django_db
def test_a_spare_answer_code_already_used_is_refused_by_the_editor():
    from django.core.exceptions import ValidationError

    from assessments.blocks import MatchingBlock
    from assessments.models import question_from_exchange

    block = MatchingBlock()
    _type, value = question_from_exchange(
        QUESTION | {"spare_answers": [{"code": "M2", "text": text("Again", "مجدداً")}]}
    )
    with pytest.raises(ValidationError) as refused:
        block.clean(block.to_python(value))
    assert [str(error.message) for error in refused.value.non_block_errors.as_data()] == [
        "Spare answer code M2 is already an answer code."
    ]
    assert block.clean(block.to_python(question_from_exchange(QUESTION)[1]))["spare_answers"]


# --- Drawing, the trainee's pages, analytics ---------------------------------------------------


@pytest.mark.django_db
def test_a_tag_on_a_pair_draws_its_question():
    services.import_scenarios(scenarios=[copy.deepcopy(MATCH)], publish=True)
    quiz = Quiz(code="QZ-PAIR", title_en="Draw", title_ar="سحب")
    quiz.save()
    QuizDrawRule.objects.create(quiz=quiz, tag=Tag.objects.get(code="ILO-03"), count=1)
    quiz.save_revision().publish()
    version = quiz.current_version
    layout = services.draw_layout(version, version.quiz_settings, random.Random(1))
    assert [item["key"] for item in layout] == [KEY]
    assert sorted(layout[0]["options"]) == ["M1", "M2", "M3"]


@pytest.mark.django_db
def test_every_answer_order_is_drawn_whatever_the_quiz_settings():
    services.import_scenarios(scenarios=[copy.deepcopy(MATCH)], publish=True)
    quiz = Quiz(code="QZ-ORDER", title_en="Order", title_ar="ترتيب", shuffle_options=False)
    quiz.save()
    QuizDrawRule.objects.create(quiz=quiz, tag=Tag.objects.get(code="ILO-07"), count=1)
    quiz.save_revision().publish()
    version = quiz.current_version
    orders = {
        tuple(
            services.draw_layout(version, version.quiz_settings, random.Random(seed))[0]["options"]
        )
        for seed in range(40)
    }
    assert len(orders) == 6  # the spare answer is not always last


@pytest.fixture
def matching_attempt(client, make_quiz, enrol_in_course_with):
    quiz = make_quiz(data=copy.deepcopy(MATCH))
    user = UserFactory()
    enrol_in_course_with(user, quiz)
    sign_in(client, user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    return Attempt.objects.get(user=user)


def _option_texts(html: str, select_name: str) -> list[str]:
    start = html.index(f'name="{select_name}"')
    return re.findall(
        r"<option[^>]*>([^<]*)</option>", html[start : html.index("</select>", start)]
    )


@pytest.mark.django_db
def test_a_trainee_sees_the_spare_answer_in_every_select_and_the_feedback_after(
    client, matching_attempt
):
    attempt = matching_attempt
    texts = {
        "M1": "Retention of identity documents",
        "M2": "Restriction of movement",
        "M3": "Excessive overtime",
    }
    shown = [texts[code] for code in attempt.layout[0]["options"]]
    page = client.get(reverse("assessments:take", args=[attempt.pk])).text
    assert _option_texts(page, "q0-P1") == ["—", *shown]
    assert _option_texts(page, "q0-P2") == ["—", *shown]
    assert FEEDBACK["en"] not in page
    # Answers are named by their position, never by code (M3 would mark the spare answer).
    assert set(re.findall(r'<option value="([^"]*)"', page)) == {"", "1", "2", "3"}

    position = {code: str(n) for n, code in enumerate(attempt.layout[0]["options"], start=1)}
    response = client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {"q0-P1": position["M1"], "q0-P2": position["M3"], "submit": "1"},
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.answers == {KEY: {"P1": "M1", "P2": "M3"}}
    assert (attempt.points, attempt.percent) == (Decimal("1.0000"), Decimal("50.00"))

    review = client.get(reverse("assessments:review", args=[attempt.pk])).text
    assert f'<p class="feedback">{FEEDBACK["en"]}</p>' in review
    assert '<p class="feedback">Correct match: Restriction of movement</p>' in review
    arabic = client.get(f"/ar/quizzes/attempts/{attempt.pk}/review/").text
    assert f'<p class="feedback">{FEEDBACK["ar"]}</p>' in arabic


@pytest.mark.django_db
def test_a_forged_matching_position_saves_nothing(client, matching_attempt):
    attempt = matching_attempt
    response = client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {"q0-P1": "4"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.answers == {}


@pytest.mark.django_db
def test_analytics_and_mastery_count_a_pair_tag(make_quiz, settings):
    settings.HIMAYA_MIN_GROUP_SIZE = 1
    quiz = make_quiz(data=copy.deepcopy(MATCH))
    hotline = Sector.objects.get(code="hotline")
    for answer in ({"P1": "M1", "P2": "M2"}, {"P1": "M1", "P2": "M3"}, {"P1": "M3"}):
        user = UserFactory(organisation=OrganisationFactory(sector=hotline))
        attempt = services.start_attempt(user=user, quiz=quiz)
        services.save_answer(attempt=attempt, user=user, key=KEY, answer=answer)
        services.submit_attempt(attempt=attempt)
    # Scores 2, 1 and 0 of 2 points: a mastery of (1 + 0.5 + 0) / 3 = 0.5 for each tag the
    # pairs carry (the half point counts: it is not divided as integers on SQLite).
    rows = analytics.mastery_by_sector(tags=["ILO-03", "ILO-07"])
    assert [
        (r["tag"], r["sector"], r["people"], r["responses"], str(r["mastery"])) for r in rows
    ] == [
        ("ILO-03", "hotline", 3, 3, "0.5000"),
        ("ILO-07", "hotline", 3, 3, "0.5000"),
    ]
    cells = api.mastery_by_group(
        people=User.objects.all(), group_by="organisation__sector__code", quiz_ids=[quiz.pk]
    )
    assert [(c.tag, c.tag_name_en, c.group, c.people, str(c.mastery)) for c in cells] == [
        ("ILO-03", "Restriction of movement", "hotline", 3, "0.5000"),
        ("ILO-07", "Retention of identity documents", "hotline", 3, "0.5000"),
    ]
    [stats] = analytics.question_stats(quiz.current_version)
    assert stats.options == {"M1": 2, "M2": 1, "M3": 2}  # the spare answer chosen twice
    first = Attempt.objects.order_by("pk").first()
    assert services.tag_percent(first) == {
        "ILO-03": Decimal("100.00"),
        "ILO-07": Decimal("100.00"),
    }


@pytest.mark.django_db
def test_export_questions_writes_a_scenario_as_gift_that_reads_back():
    import io

    from django.core.management import CommandError, call_command

    services.import_scenarios(scenarios=[copy.deepcopy(MATCH)], publish=True)
    out = io.StringIO()
    call_command("export_questions", "SCN-LI-020", "--gift", stdout=out)
    assert "    = -> Excessive overtime || العمل الإضافي المفرط\n" in out.getvalue()
    [back] = load_gift(
        out.getvalue(),
        scenario_code="SCN-LI-020",
        title=MATCH["title"],
        case_text=MATCH["case_text"],
        known_tags=KNOWN,
    )
    question = back["questions"][0]
    assert question["pairs"][0]["feedback"] == FEEDBACK
    assert question["spare_answers"] == QUESTION["spare_answers"]
    with pytest.raises(CommandError, match="give exactly one code"):
        call_command("export_questions", "--gift", stdout=io.StringIO())
