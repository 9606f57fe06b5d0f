"""The item-writing check (assessments/item_writing.py): each rule on crafted scenarios, in
English and in Arabic, and what it finds in the demo bank (known to be flawed; issue 12
rewrites it)."""

import copy

import pytest
import yaml

from assessments.demo import bank_text
from assessments.item_writing import SEPARATOR, check_quiz, check_scenario, check_scenarios


def text(en, ar=None):
    return {"en": en, "ar": ar if ar is not None else en}


def option(code, en, ar=None, **extra):
    return {"code": code, "text": text(en, ar), **extra}


def single(code, options, **extra):
    return {
        "code": code,
        "type": "single_choice",
        "stem": text("What do you do first?", "ما أول ما تفعله؟"),
        "options": options,
        **extra,
    }


def scenario(*questions, code="SCN-T-001"):
    return {"code": code, "questions": list(questions)}


def at(*codes):
    return SEPARATOR.join(codes)


def found(warnings):
    return [(w.rule, w.where) for w in warnings]


BALANCED = [
    option("A", "Ask if he is safe", "اسأله إن كان آمناً", weight=100),
    option("B", "Call the employer", "اتصل بصاحب العمل", weight=0),
    option("C", "Wait for the proof", "انتظر الدليل", weight=0),
]


def test_a_balanced_question_has_no_warning():
    assert check_scenario(scenario(single("Q1", BALANCED))) == []


@pytest.mark.parametrize(
    ("key_en", "key_ar"),
    [
        # English 1.5 times the longest distractor (18) and 10 characters more; Arabic as long.
        ("Ask quietly whether he is safe to talk", "اسأله إن كان آمناً"),
        # Arabic alone markedly longer.
        ("Ask if he is safe", "اسأله بهدوء إن كان بإمكانه التحدث بأمان الآن"),
    ],
)
def test_a_key_markedly_longer_than_every_distractor_in_either_language(key_en, key_ar):
    options = copy.deepcopy(BALANCED)
    options[0]["text"] = text(key_en, key_ar)

    warnings = check_scenario(scenario(single("Q1", options)))

    assert found(warnings) == [("longest_key", at("SCN-T-001", "Q1", "A"))]


def test_a_key_longer_by_a_few_characters_is_not_flagged():
    # "Yes, call" (9) against "No" (2) is 4.5 times as long but only 7 characters longer.
    options = [option("A", "Yes, call", weight=100), option("B", "No", weight=0)]
    assert check_scenario(scenario(single("Q1", options))) == []


def test_a_long_correct_option_of_a_multiple_response_question():
    question = {
        "code": "Q1",
        "type": "multiple_response",
        "stem": text("Which indicators are present?", "ما المؤشرات الموجودة؟"),
        "options": [
            option("A", "Night shifts", "عمل في نوبات ليلية"),
            option(
                "B",
                "His passport is kept in the owner's safe",
                "جوازه في خزنة المالك",
                correct=True,
            ),
            option("C", "He is tired", "هو متعب"),
            option("D", "Unpaid wages", "أجور غير مدفوعة", correct=True),
        ],
    }

    assert found(check_scenario(scenario(question))) == [
        ("longest_key", at("SCN-T-001", "Q1", "B"))
    ]


def three_single_choice_keyed(position, count, total=None):
    questions = []
    for number in range(1, (total or count) + 1):
        options = copy.deepcopy(BALANCED)
        if number > count:
            options[0], options[1] = options[1], options[0]
        key = options.pop(0)
        options.insert(position - 1, key)
        questions.append(single(f"Q{number}", options))
    return questions


def test_key_positions_that_cluster_across_a_scenario():
    # The key is the second option in 3 of 4 single-choice questions.
    questions = three_single_choice_keyed(2, 4)
    questions[3]["options"].insert(0, questions[3]["options"].pop(1))

    warnings = check_scenario(scenario(*questions))

    assert found(warnings) == [("key_position", "SCN-T-001")]
    assert "option 2 in 3 of 4 single-choice questions" in warnings[0].message


def test_key_positions_half_and_half_or_too_few_questions_are_not_flagged():
    two_and_two = three_single_choice_keyed(1, 4)
    for question in two_and_two[2:]:
        question["options"].append(question["options"].pop(0))
    assert check_scenario(scenario(*two_and_two)) == []
    assert check_scenario(scenario(*three_single_choice_keyed(1, 3))) == []


def test_key_positions_across_a_quiz_only_when_options_are_not_shuffled():
    scenarios = [
        scenario(*three_single_choice_keyed(1, 2), code="SCN-T-001"),
        scenario(*three_single_choice_keyed(1, 2), code="SCN-T-002"),
    ]

    assert found(check_quiz(code="QZ-1", scenarios=scenarios, shuffle_options=False)) == [
        ("key_position", "QZ-1")
    ]
    assert check_quiz(code="QZ-1", scenarios=scenarios, shuffle_options=True) == []


def multiple_response(flags):
    return {
        "code": "Q1",
        "type": "multiple_response",
        "stem": text("Which indicators are present?", "ما المؤشرات الموجودة؟"),
        "options": [
            option(chr(ord("A") + i), f"Fact {i}", f"واقعة {i}", correct=flag)
            for i, flag in enumerate(flags)
        ],
    }


def test_a_multiple_response_question_with_fewer_than_two_distractors():
    warnings = check_scenario(scenario(multiple_response([True, False, True, True])))
    assert found(warnings) == [("few_distractors", at("SCN-T-001", "Q1"))]
    assert "Only 1 incorrect option(s)" in warnings[0].message


def test_a_multiple_response_question_with_its_keys_written_first():
    warnings = check_scenario(scenario(multiple_response([True, True, False, False])))
    assert found(warnings) == [("keys_first", at("SCN-T-001", "Q1"))]
    assert check_scenario(scenario(multiple_response([True, False, True, False]))) == []


def test_a_matching_question_without_spare_answers():
    pairs = [
        {
            "code": f"P{n}",
            "prompt": text(f"Fact {n}", f"واقعة {n}"),
            "answer": {"code": f"M{n}", "text": text(f"Indicator {n}", f"مؤشر {n}")},
        }
        for n in (1, 2)
    ]
    question = {"code": "Q1", "type": "matching", "stem": text("Match.", "طابق."), "pairs": pairs}

    assert found(check_scenario(scenario(question))) == [
        ("no_spare_answers", at("SCN-T-001", "Q1"))
    ]
    question["spare_answers"] = [{"code": "M3", "text": text("Indicator 3", "مؤشر 3")}]
    assert check_scenario(scenario(question)) == []


def test_partial_credit_on_a_critical_question():
    options = copy.deepcopy(BALANCED)
    options[2]["weight"] = 50

    warnings = check_scenario(scenario(single("Q1", options, critical=True)))

    assert found(warnings) == [("critical_partial_credit", at("SCN-T-001", "Q1", "C"))]
    assert check_scenario(scenario(single("Q1", options, critical=False))) == []


@pytest.mark.parametrize(
    ("en", "ar", "phrase"),
    [
        ("All of the above", "خيار", "All of the above"),
        ("None  of the above", "خيار", "None of the above"),
        ("Option", "جميع ما سبق", "جميع ما سبق"),
        ("Option", "كل ما سبق", "كل ما سبق"),
        ("Option", "لا شيء مما سبق", "لا شيء مما سبق"),
    ],
)
def test_all_or_none_of_the_above_in_either_language(en, ar, phrase):
    options = [*copy.deepcopy(BALANCED), option("D", en, ar, weight=0)]

    warnings = check_scenario(scenario(single("Q1", options)))

    assert found(warnings) == [("all_of_the_above", at("SCN-T-001", "Q1", "D"))]
    assert f"“{phrase}”" in warnings[0].message


@pytest.mark.parametrize(
    ("en", "ar", "word"),
    [
        ("Which of these is not an indicator?", "أي مما يلي مؤشر؟", "not"),
        ("Everything is an indicator except which one?", "أي مما يلي مؤشر؟", "except"),
        ("What shouldn't you do?", "ما الذي تفعله؟", "shouldn't"),
        ("Which is an indicator?", "أي مما يلي ليس مؤشراً؟", "ليس"),
        ("Which is an indicator?", "كل ما يلي مؤشرات عدا واحد، فما هو؟", "عدا"),
        ("Which is an indicator?", "ماذا لا تفعل أولاً؟", "لا"),
    ],
)
def test_a_negative_stem_without_emphasis(en, ar, word):
    question = single("Q1", BALANCED, stem=text(en, ar))

    warnings = check_scenario(scenario(question))

    assert found(warnings) == [("negative_stem", at("SCN-T-001", "Q1"))]
    assert f"“{word}”" in warnings[0].message


@pytest.mark.parametrize(
    ("en", "ar"),
    [
        ("Which of these is NOT an indicator?", "أي مما يلي <strong>ليس</strong> مؤشراً؟"),
        ("Which of these is <strong>not</strong> an indicator?", "أي مما يلي **ليس** مؤشراً؟"),
        ("All are indicators EXCEPT which?", "كلها مؤشرات **باستثناء** واحد؟"),
        # A case told before the question may say what someone did not do.
        ("Lina does not want an examination. What do you do?", "لا تريد لينا الفحص. ماذا تفعل؟"),
        # "لا يزال" is "still", not a negation; a word containing لا is not the word.
        ("He is still there. What now?", "لا يزال المشرف هنا. ما الخطوة اللاحقة للاجئ؟"),
    ],
)
def test_emphasised_negatives_and_negations_outside_the_question_are_not_flagged(en, ar):
    assert check_scenario(scenario(single("Q1", BALANCED, stem=text(en, ar)))) == []


def test_a_true_false_statement_is_read_whole():
    question = {
        "code": "Q1",
        "type": "true_false",
        "stem": text("True or false? He is not a presumed victim.", "صحيح أم خطأ؟ إنه ضحية."),
        "options": [option("T", "True", "صحيح"), option("F", "False", "خطأ", correct=True)],
    }
    assert found(check_scenario(scenario(question))) == [("negative_stem", at("SCN-T-001", "Q1"))]


def test_the_demo_bank_passes_the_item_writing_check():
    """The demo bank as shipped (rewritten by issue 12): no warning of any rule."""
    assert check_scenarios(yaml.safe_load(bank_text())) == []
