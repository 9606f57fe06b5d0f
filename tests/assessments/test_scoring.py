"""The scoring contract (docs/scoring.md): exact examples, then properties over random questions."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.scoring import (
    AttemptScore,
    InvalidAnswer,
    score_attempt,
    score_question,
    validate_answer,
)

D = Decimal


def single(code="Q1", points=1, **extra):
    options = extra.pop("options", None) or [
        {"code": "A", "correct": True},
        {"code": "B"},
        {"code": "C"},
    ]
    return {"code": code, "type": "single_choice", "points": points, "options": options, **extra}


def weighted(points=2, critical=False):
    return single(
        points=points,
        critical=critical,
        options=[
            {"code": "BEST", "weight": 100},
            {"code": "OK", "weight": 50},
            {"code": "HARM", "weight": 0},
        ],
    )


def multiple(scoring="partial", points=1):
    # Three correct options (A, B, C) and two distractors (X, Y).
    return {
        "code": "Q2",
        "type": "multiple_response",
        "points": points,
        "scoring": scoring,
        "options": [
            {"code": "A", "correct": True},
            {"code": "B", "correct": True},
            {"code": "C", "correct": True},
            {"code": "X", "correct": False},
            {"code": "Y"},
        ],
    }


def ordering(scoring="partial", points=1):
    return {
        "code": "Q3",
        "type": "ordering",
        "points": points,
        "scoring": scoring,
        "options": [{"code": code} for code in "ABCD"],
    }


def matching(scoring="partial", points=1):
    return {
        "code": "Q4",
        "type": "matching",
        "points": points,
        "scoring": scoring,
        "pairs": [
            {"code": "P1", "prompt": {"en": "Passport kept by employer"}, "answer": {"code": "M1"}},
            {"code": "P2", "prompt": {"en": "Debt for visa"}, "answer": {"code": "M2"}},
            {"code": "P3", "prompt": {"en": "Locked in"}, "answer": {"code": "M3"}},
            {"code": "P4", "prompt": {"en": "No pay for months"}, "answer": {"code": "M4"}},
        ],
    }


def true_false(points=1):
    return {
        "code": "TF",
        "type": "true_false",
        "points": points,
        "options": [{"code": "TRUE", "correct": True}, {"code": "FALSE", "correct": False}],
    }


# --- single choice and true/false ------------------------------------------------------------


def test_single_choice_correct_and_incorrect():
    assert score_question(single(), ["A"]) == D("1")
    assert score_question(single(), ["B"]) == D("0")


def test_single_choice_score_is_quantized_to_four_places():
    score = score_question(single(points=3), ["A"])
    assert score == D("3") and str(score) == "3.0000"


def test_weighted_single_choice_best_acceptable_harmful():
    question = weighted(points=2)
    assert score_question(question, ["BEST"]) == D("2")
    assert score_question(question, ["OK"]) == D("1")
    assert score_question(question, ["HARM"]) == D("0")


def test_weight_overrides_correct_flag_and_missing_weight_falls_back_to_it():
    question = single(
        points=3,
        options=[
            {"code": "A", "correct": True},  # no weight: 100
            {"code": "B", "weight": 33},
            {"code": "C", "correct": False},  # no weight: 0
        ],
    )
    assert score_question(question, ["A"]) == D("3")
    assert score_question(question, ["B"]) == D("0.99")
    assert score_question(question, ["C"]) == D("0")


def test_single_choice_ignores_scoring_mode():
    question = weighted(points=2)
    question["scoring"] = "all_or_nothing"
    assert score_question(question, ["OK"]) == D("1")


def test_true_false():
    assert score_question(true_false(), ["TRUE"]) == D("1")
    assert score_question(true_false(), ["FALSE"]) == D("0")


def test_points_default_to_one_and_may_be_fractional_or_text():
    question = single()
    del question["points"]
    assert score_question(question, ["A"]) == D("1")
    assert score_question(single(points=0.5), ["A"]) == D("0.5")
    assert score_question(single(points="2.25"), ["A"]) == D("2.25")


# --- multiple response -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (["A", "B", "C"], "1"),
        (["A", "B"], "0.6667"),  # 2/3, rounded half-up
        (["A"], "0.3333"),
        (["A", "B", "X"], "0.3333"),  # (2 - 1) / 3: the distractor cancels a correct choice
        (["A", "B", "C", "X"], "0.6667"),
        (["A", "X"], "0"),  # (1 - 1) / 3
        (["A", "X", "Y"], "0"),  # (1 - 2) / 3 is floored at 0
        (["X", "Y"], "0"),
        (["A", "B", "C", "X", "Y"], "0.3333"),  # ticking everything is not rewarded
    ],
)
def test_multiple_response_partial_edition_1(answer, expected):
    assert score_question(multiple(), answer, rules=1) == D(expected)


def test_multiple_response_partial_scales_by_points_edition_1():
    assert score_question(multiple(points=3), ["A", "B"], rules=1) == D("2")
    assert score_question(multiple(points=4), ["A", "B", "X"], rules=1) == D("1.3333")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (["A", "B", "C"], "1"),
        (["A", "B"], "0.6667"),  # 2/3 - 0/2
        (["A"], "0.3333"),
        (["A", "B", "X"], "0.1667"),  # 2/3 - 1/2 = 1/6
        (["A", "B", "C", "X"], "0.5"),  # 3/3 - 1/2
        (["A", "X"], "0"),  # 1/3 - 1/2 is floored at 0
        (["X", "Y"], "0"),
        (["A", "B", "C", "X", "Y"], "0"),  # ticking every box earns nothing
        ([], "0"),
    ],
)
def test_multiple_response_partial_edition_2(answer, expected):
    assert score_question(multiple(), answer) == D(expected)
    assert score_question(multiple(), answer, rules=2) == D(expected)


def test_multiple_response_partial_scales_by_points():
    assert score_question(multiple(points=3), ["A", "B"]) == D("2")
    assert score_question(multiple(points=4), ["A", "B", "X"]) == D("0.6667")


def test_ticking_every_box_of_five_correct_of_seven_earned_most_points_only_in_edition_1():
    question = {
        "code": "Q",
        "type": "multiple_response",
        "options": [{"code": f"O{n}", "correct": n <= 5} for n in range(1, 8)],
    }
    everything = [f"O{n}" for n in range(1, 8)]
    assert score_question(question, everything, rules=1) == D("0.6")
    assert score_question(question, everything, rules=2) == D("0")


def test_a_question_whose_every_option_is_correct_has_no_penalty_term():
    question = {
        "code": "Q",
        "type": "multiple_response",
        "options": [{"code": "A", "correct": True}, {"code": "B", "correct": True}],
    }
    assert score_question(question, ["A"]) == D("0.5")
    assert score_question(question, ["A", "B"]) == D("1")


def test_editions_change_only_multiple_response_partial():
    questions = [single(), true_false(), multiple("all_or_nothing"), ordering(), matching()]
    answers = [["A"], ["TRUE"], ["A", "B", "C"], list("ABDC"), {"P1": "M1"}]
    one = score_attempt(questions, answers, 50, rules=1)
    two = score_attempt(questions, answers, 50, rules=2)
    assert one == two


@pytest.mark.parametrize("edition", [0, 3, "2", None, True])
def test_an_unknown_edition_is_refused_rather_than_guessed(edition):
    with pytest.raises(ValueError, match="edition"):
        score_question(multiple(), ["A"], rules=edition)
    with pytest.raises(ValueError, match="edition"):
        score_attempt([multiple()], [["A"]], 50, rules=edition)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (["C", "A", "B"], "2"),
        (["A", "B"], "0"),
        (["A", "B", "C", "X"], "0"),
    ],
)
def test_multiple_response_all_or_nothing(answer, expected):
    assert score_question(multiple("all_or_nothing", points=2), answer) == D(expected)


# --- ordering --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("ABCD", "1"),
        # A,B,D,C: (A,B) is adjacent and in key order; (B,D) are not adjacent in the key;
        # (D,C) are adjacent but reversed. 1 of 3 pairs.
        ("ABDC", "0.3333"),
        ("BCDA", "0.6667"),  # (B,C) and (C,D) count, (D,A) does not: 2 of 3
        ("CDAB", "0.6667"),  # (C,D) and (A,B)
        ("DCBA", "0"),  # every pair reversed
        ("ACBD", "0"),  # (A,C), (C,B), (B,D): none
    ],
)
def test_ordering_partial(answer, expected):
    assert score_question(ordering(), list(answer)) == D(expected)


def test_ordering_partial_with_points():
    assert score_question(ordering(points=3), list("ABDC")) == D("1")
    assert score_question(ordering(points=3), list("BCDA")) == D("2")


def test_ordering_all_or_nothing():
    question = ordering("all_or_nothing", points=2)
    assert score_question(question, list("ABCD")) == D("2")
    assert score_question(question, list("BCDA")) == D("0")


# --- matching --------------------------------------------------------------------------------


def test_matching_partial():
    question = matching(points=2)
    assert score_question(question, {"P1": "M1", "P2": "M2", "P3": "M3", "P4": "M4"}) == D("2")
    assert score_question(question, {"P1": "M1", "P2": "M2", "P3": "M4", "P4": "M3"}) == D("1")
    assert score_question(question, {"P1": "M1"}) == D("0.5")  # unanswered prompts earn nothing
    assert score_question(question, {"P1": "M1", "P2": None}) == D("0.5")
    assert score_question(matching(), {"P1": "M1", "P2": "M2", "P3": "M3"}) == D("0.75")


def test_matching_all_or_nothing():
    question = matching("all_or_nothing")
    assert score_question(question, {"P1": "M1", "P2": "M2", "P3": "M3", "P4": "M4"}) == D("1")
    assert score_question(question, {"P1": "M1", "P2": "M2", "P3": "M3"}) == D("0")


def test_matching_allows_one_answer_for_several_prompts():
    question = matching()
    question["pairs"][1]["answer"]["code"] = "M1"  # two facts point to the same indicator
    assert score_question(question, {"P1": "M1", "P2": "M1", "P3": "M3", "P4": "M4"}) == D("1")


# --- no answer -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (single(), None),
        (single(), []),
        (true_false(), None),
        (multiple(), []),
        (multiple(), None),
        (ordering(), []),
        (ordering(), None),
        (matching(), {}),
        (matching(), None),
        (matching(), {"P1": None}),
    ],
)
def test_no_answer_scores_zero(question, answer):
    validate_answer(question, answer)
    score = score_question(question, answer)
    assert score == D("0") and str(score) == "0.0000"


# --- invalid answers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "message"),
    [
        (single(), ["Z"], "unknown option code 'Z'"),
        (single(), ["A", "B"], "exactly one"),
        (single(), {"A": "B"}, "list of option codes"),
        (single(), "A", "list of option codes"),
        (single(), 1, "list of option codes"),
        (single(), [1], "unknown option code 1"),
        (single(), [["A"]], "unknown option code"),
        (true_false(), ["TRUE", "FALSE"], "exactly one"),
        (multiple(), ["A", "A"], "more than once"),
        (multiple(), ["A", "Q"], "unknown option code 'Q'"),
        (multiple(), {"A"}, "list of option codes"),
        (ordering(), ["A", "B", "C"], "all 4 options"),
        (ordering(), ["A", "B", "C", "C"], "more than once"),
        (ordering(), ["A", "B", "C", "D", "E"], "unknown option code 'E'"),
        (matching(), ["M1"], "maps prompt codes"),
        (matching(), {"P9": "M1"}, "unknown prompt code 'P9'"),
        (matching(), {"P1": "M9"}, "unknown answer code 'M9'"),
        (matching(), {"P1": ["M1"]}, "unknown answer code"),
        (matching(), {1: "M1"}, "unknown prompt code 1"),
    ],
)
def test_invalid_answers_are_rejected(question, answer, message):
    with pytest.raises(InvalidAnswer, match=message):
        validate_answer(question, answer)
    with pytest.raises(InvalidAnswer, match=message):
        score_question(question, answer)


def test_invalid_answer_is_a_value_error():
    assert issubclass(InvalidAnswer, ValueError)


def test_validate_answer_accepts_valid_answers():
    assert validate_answer(multiple(), ("A", "X")) is None
    assert validate_answer(ordering(), list("DCBA")) is None
    assert validate_answer(matching(), {"P1": "M2"}) is None


@pytest.mark.parametrize(
    "question",
    [
        {"code": "Q", "type": "essay", "options": [{"code": "A"}]},
        {"type": "single_choice", "options": [{"code": "A", "correct": True}, {"code": "B"}]},
        single(points=-1),
        single(points=True),
        single(points="lots"),
        single(points="0.00001"),
        single(scoring="most"),
        single(critical="yes"),
        single(options=[{"code": "A", "correct": True}]),
        single(options=[{"code": "A", "correct": True}, {"code": "A"}]),
        single(options=[{"code": "A"}, {"code": "B"}]),  # nothing earns full credit
        single(options=[{"code": "A", "weight": 150}, {"code": "B", "weight": 100}]),
        single(options=[{"code": "A", "correct": "false"}, {"code": "B", "correct": True}]),
        {**multiple(), "options": [{"code": "A"}, {"code": "B"}]},
        {**ordering(), "options": [{"code": "A"}]},
        {**true_false(), "options": [{"code": "T", "correct": True}, {"code": "F"}, {"code": "X"}]},
        {**matching(), "pairs": []},
        {**matching(), "pairs": [{"code": "P1", "answer": "M1"}]},
    ],
)
def test_malformed_questions_raise_value_error_not_invalid_answer(question):
    with pytest.raises(ValueError) as raised:
        score_question(question, None)
    assert not isinstance(raised.value, InvalidAnswer)


# --- attempts --------------------------------------------------------------------------------


def one_pointers(count, code_prefix="Q"):
    return [single(code=f"{code_prefix}{index + 1}") for index in range(count)]


def test_attempt_two_of_three_rounds_half_up():
    result = score_attempt(one_pointers(3), [["A"], ["A"], ["B"]], 70)
    assert result == AttemptScore(
        points=D("2"),
        max_points=D("3"),
        percent=D("66.67"),
        passed=False,
        critical_failed=(),
        question_scores=(D("1"), D("1"), D("0")),
    )
    assert str(result.percent) == "66.67"


def test_attempt_one_of_eight_keeps_two_places():
    answers = [["A"]] + [["B"]] * 7
    result = score_attempt(one_pointers(8), answers, "10")
    assert str(result.percent) == "12.50"
    assert result.passed


def test_attempt_percent_exactly_on_a_half_rounds_up():
    # 0.05 of 8 points is 0.625 %: HALF-UP gives 0.63 where banker's rounding would give 0.62.
    questions = [
        single(code="Q1", options=[{"code": "A", "correct": True}, {"code": "B", "weight": 5}]),
        single(code="Q2", points=7),
    ]
    result = score_attempt(questions, [["B"], ["B"]], 0)
    assert result.points == D("0.05")
    assert str(result.percent) == "0.63"


def test_attempt_percent_uses_rounded_question_scores():
    # Each ordering answer earns 1/3 of a point, stored as 0.3333; 0.9999 / 3 = 33.33 %.
    questions = [{**ordering(), "code": f"O{index}"} for index in range(3)]
    result = score_attempt(questions, [list("ABDC")] * 3, 30)
    assert result.question_scores == (D("0.3333"),) * 3
    assert result.points == D("0.9999")
    assert result.percent == D("33.33")


def test_pass_mark_is_inclusive_and_accepts_int_decimal_and_str():
    answers = [["A"]] * 7 + [["B"]] * 3
    for mark in (70, D("70"), "70", "70.00"):
        assert score_attempt(one_pointers(10), answers, mark).passed
    assert not score_attempt(one_pointers(10), answers, "70.01").passed


def test_critical_question_below_full_marks_fails_a_high_scoring_attempt():
    questions = [*one_pointers(2), weighted(points=2, critical=True) | {"code": "Q3"}]
    questions += [single(code=f"Q{index}", points=5) for index in range(4, 8)]
    answers = [["A"], ["A"], ["OK"], ["A"], ["A"], ["A"], ["A"]]
    result = score_attempt(questions, answers, 70)
    assert result.max_points == D("24")
    assert result.points == D("23")
    assert result.percent == D("95.83")
    assert result.critical_failed == ("Q3",)
    assert not result.passed

    answers[2] = ["BEST"]
    result = score_attempt(questions, answers, 70)
    assert result.critical_failed == ()
    assert result.passed


def test_unanswered_critical_question_fails_the_attempt():
    questions = [*one_pointers(9), single(code="Q10", critical=True)]
    result = score_attempt(questions, [["A"]] * 9 + [None], 80)
    assert result.percent == D("90.00")
    assert result.critical_failed == ("Q10",)
    assert not result.passed


def test_critical_near_miss_that_rounds_to_full_points_still_fails():
    question = single(
        code="QC",
        critical=True,
        options=[{"code": "A", "correct": True}, {"code": "B", "weight": "99.999"}],
    )
    result = score_attempt([question], [["B"]], 50)
    assert result.question_scores == (D("1.0000"),)
    assert result.critical_failed == ("QC",)
    assert not result.passed


def test_zero_total_points_gives_zero_percent():
    result = score_attempt([single(points=0)], [["A"]], 0)
    assert result.percent == D("0") and str(result.percent) == "0.00"
    assert result.max_points == D("0")
    assert score_attempt([], [], 50).percent == D("0")


def test_attempt_needs_one_answer_per_question():
    with pytest.raises(ValueError, match="2 questions but 1 answers"):
        score_attempt(one_pointers(2), [["A"]], 70)


@pytest.mark.parametrize("mark", ["seventy", -1, 101, None, True])
def test_attempt_rejects_bad_pass_mark(mark):
    with pytest.raises(ValueError, match="pass_mark"):
        score_attempt(one_pointers(1), [["A"]], mark)


def test_attempt_propagates_invalid_answers():
    with pytest.raises(InvalidAnswer):
        score_attempt(one_pointers(2), [["A"], ["A", "B"]], 70)


def test_attempt_score_is_frozen():
    result = score_attempt(one_pointers(1), [["A"]], 70)
    with pytest.raises(AttributeError):
        result.passed = False


# --- properties ------------------------------------------------------------------------------

CODE = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=3)
POINTS = st.one_of(
    st.integers(min_value=0, max_value=20),
    st.decimals(min_value=0, max_value=100, places=2),
    st.decimals(min_value=0, max_value=5, places=4),
)
WEIGHT = st.one_of(
    st.integers(min_value=0, max_value=100), st.decimals(min_value=0, max_value=100, places=2)
)
SCORING = st.sampled_from(["partial", "all_or_nothing"])


def codes(min_size, max_size):
    return st.lists(CODE, min_size=min_size, max_size=max_size, unique=True)


@st.composite
def choice_questions(draw, qtype="single_choice"):
    """A (question, key answer) pair for single choice or true/false."""
    option_codes = draw(codes(2, 2) if qtype == "true_false" else codes(2, 7))
    best = draw(st.integers(min_value=0, max_value=len(option_codes) - 1))
    use_weights = draw(st.booleans())
    options = []
    for index, code in enumerate(option_codes):
        option = {"code": code, "correct": index == best}
        if use_weights:
            option["weight"] = 100 if index == best else draw(WEIGHT)
        options.append(option)
    question = {"code": "Q", "type": qtype, "points": draw(POINTS), "options": options}
    return question, [option_codes[best]]


@st.composite
def multiple_response_questions(draw):
    option_codes = draw(codes(1, 8))
    correct = draw(st.lists(st.sampled_from(option_codes), min_size=1, unique=True))
    question = {
        "code": "Q",
        "type": "multiple_response",
        "points": draw(POINTS),
        "scoring": draw(SCORING),
        "options": [{"code": code, "correct": code in correct} for code in option_codes],
    }
    return question, list(correct)


@st.composite
def ordering_questions(draw):
    option_codes = draw(codes(2, 7))
    question = {
        "code": "Q",
        "type": "ordering",
        "points": draw(POINTS),
        "scoring": draw(SCORING),
        "options": [{"code": code} for code in option_codes],
    }
    return question, list(option_codes)


@st.composite
def matching_questions(draw):
    prompts = draw(codes(1, 6))
    # Answer codes may repeat: several facts can point to the same indicator.
    targets = draw(st.lists(CODE, min_size=len(prompts), max_size=len(prompts)))
    question = {
        "code": "Q",
        "type": "matching",
        "points": draw(POINTS),
        "scoring": draw(SCORING),
        "pairs": [
            {"code": prompt, "prompt": {"en": prompt}, "answer": {"code": target}}
            for prompt, target in zip(prompts, targets, strict=True)
        ],
    }
    return question, dict(zip(prompts, targets, strict=True))


ANY_QUESTION = st.one_of(
    choice_questions(),
    choice_questions("true_false"),
    multiple_response_questions(),
    ordering_questions(),
    matching_questions(),
)


def answers_for(question):
    """Every valid answer shape for the question, including no answer."""
    if question["type"] == "matching":
        prompts = [pair["code"] for pair in question["pairs"]]
        targets = sorted({pair["answer"]["code"] for pair in question["pairs"]})
        return st.none() | st.dictionaries(st.sampled_from(prompts), st.sampled_from(targets))
    option_codes = [option["code"] for option in question["options"]]
    if question["type"] in ("single_choice", "true_false"):
        return st.none() | st.just([]) | st.sampled_from(option_codes).map(lambda code: [code])
    if question["type"] == "multiple_response":
        return st.none() | st.lists(st.sampled_from(option_codes), unique=True)
    return st.none() | st.just([]) | st.permutations(option_codes)


def points_of(question):
    return Decimal(str(question["points"]))


@settings(max_examples=300, deadline=None)
@given(case=ANY_QUESTION, data=st.data())
def test_property_score_lies_between_zero_and_points(case, data):
    question, _key = case
    answer = data.draw(answers_for(question))
    score = score_question(question, answer)
    assert D(0) <= score <= points_of(question)
    assert score.as_tuple().exponent == -4


@settings(max_examples=300, deadline=None)
@given(case=ANY_QUESTION)
def test_property_the_key_scores_full_points(case):
    question, key = case
    assert score_question(question, key) == points_of(question)
    result = score_attempt([question | {"critical": True}], [key], 100)
    assert result.critical_failed == ()
    assert result.passed or points_of(question) == 0


@settings(max_examples=200, deadline=None)
@given(case=multiple_response_questions(), data=st.data())
def test_property_multiple_response_ignores_the_order_of_chosen_codes(case, data):
    question, _key = case
    option_codes = [option["code"] for option in question["options"]]
    answer = data.draw(st.lists(st.sampled_from(option_codes), unique=True))
    shuffled = data.draw(st.permutations(answer))
    assert score_question(question, shuffled) == score_question(question, answer)


@settings(max_examples=200, deadline=None)
@given(case=ordering_questions(), data=st.data())
def test_property_ordering_full_points_only_for_the_key(case, data):
    question, key = case
    answer = data.draw(st.permutations(key))
    score = score_question(question, answer)
    points = points_of(question)
    # Full credit is judged exactly (as for a critical question), not on the score rounded to
    # 4 places: 3/4 of 0.0001 of a point rounds to the whole 0.0001.
    critical = score_attempt([question | {"critical": True}], [answer], 0)
    assert (critical.critical_failed == ()) == (answer == key)
    if points >= D("0.01"):
        assert (score == points) == (answer == key)
    if question["scoring"] == "all_or_nothing":
        assert score == (points if answer == key else D(0))


@settings(max_examples=200, deadline=None)
@given(cases=st.lists(ANY_QUESTION, max_size=6), mark=st.integers(0, 100), data=st.data())
def test_property_attempt_totals_are_consistent(cases, mark, data):
    questions = [question for question, _key in cases]
    answers = [data.draw(answers_for(question)) for question in questions]
    result = score_attempt(questions, answers, mark)
    assert result.points == sum(result.question_scores, D(0))
    assert D(0) <= result.points <= result.max_points
    assert D(0) <= result.percent <= D(100)
    assert result.percent.as_tuple().exponent == -2
    assert result.passed == (result.percent >= mark and not result.critical_failed)


def test_exchange_format_keys_beyond_scoring_are_ignored():
    question = {
        "code": "Q1",
        "type": "multiple_response",
        "stem": {"en": "Which indicators are present?", "ar": "ما المؤشرات الموجودة؟"},
        "points": 1,
        "scoring": "partial",
        "critical": False,
        "options": [
            {
                "code": "A",
                "text": {"en": "Passport kept by the employer", "ar": "الجواز بحوزة صاحب العمل"},
                "correct": True,
                "tags": ["ILO-07", "GEN-11"],
                "feedback": {"en": "...", "ar": "..."},
            },
            {"code": "B", "text": {"en": "Has a phone", "ar": "لديه هاتف"}, "correct": False},
        ],
    }
    assert score_question(question, ["A"]) == D("1")
