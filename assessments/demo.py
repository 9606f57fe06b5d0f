"""Demo bank for `manage.py seed_demo`: fictional scenarios (demo_bank/, one file per sector and
one for the core every sector sits), a pre-test and a post-test drawn from the same tags
(parallel forms), a scenario final drawn per sector (each trainee's own sector's cases and core
ones, from the whole bank) and a formative check. Every quiz shuffles its options (the default).
Attempts are made by the courses demo, which knows who is where."""

import math
import random
from decimal import Decimal
from pathlib import Path

from . import services
from .exchange_io import load_yaml
from .models import Quiz, QuizDrawRule, QuizItem, Scenario, Tag

BANK = Path(__file__).with_name("demo_bank")
# The core first, then the sectors: the order the scenarios are imported and listed in.
BANK_FILES = ["core", "li", "hl", "sh", "lc", "jd", "cso"]


def bank_text() -> str:
    """The whole bank as one exchange-format YAML document (each file is a list of scenarios,
    so their texts join into one list)."""
    return "\n".join((BANK / f"{name}.yaml").read_text(encoding="utf-8") for name in BANK_FILES)


# The same rules for both tests: different but equivalent questions (docs/scoring.md).
PARALLEL_FORM_RULES = [("PRN-SAF", 2), ("NRM-1", 2), ("ILO-07", 1), ("ILO-09", 1)]
# The competency final: whole scenarios of the trainee's own sector and core ones, drawn from
# the whole published bank by the scenarios' roles (assessments/drawing.py), so it keeps working
# as the bank grows; none the trainee has seen in the pre-test, post-test or a re-sit.
FINAL_DRAW = {"sector_scenarios": 2, "core_scenarios": 2}
FORMATIVE_SCENARIOS = ["SCN-LI-002"]


def seed(*, stdout) -> None:
    if Scenario.objects.exists():
        stdout.write("  assessments: bank already there")
        return
    known = set(Tag.objects.values_list("code", flat=True))
    scenarios = load_yaml(bank_text(), known_tags=known)
    services.import_scenarios(scenarios=scenarios, publish=True)
    pre = _quiz("VOT-PRE", "Pre-test", "الاختبار القبلي", kind=Quiz.Kind.PRE_TEST, rules=True)
    _quiz("VOT-POST", "Post-test", "الاختبار البعدي", kind=Quiz.Kind.POST_TEST, rules=True, pre=pre)
    _quiz(
        "VOT-FINAL",
        "Scenario final",
        "الاختبار الختامي القائم على الحالات",
        kind=Quiz.Kind.FINAL,
        max_attempts=3,
        cooldown_minutes=60,
        **FINAL_DRAW,
    )
    _quiz(
        "VOT-C2-CHECK",
        "Check: reading a workplace",
        "تحقق: قراءة مكان العمل",
        kind=Quiz.Kind.FORMATIVE,
        items=FORMATIVE_SCENARIOS,
        feedback_timing=Quiz.Feedback.AFTER_QUESTION,
    )
    stdout.write(f"  assessments: {len(scenarios)} scenarios, {Quiz.objects.count()} quizzes")


def _quiz(code, title_en, title_ar, *, kind, rules=False, items=(), pre=None, **settings):
    quiz = Quiz(
        code=code,
        title_en=title_en,
        title_ar=title_ar,
        kind=kind,
        pass_mark=Decimal("75"),
        pre_test=pre,
        **settings,
    )
    quiz.save()
    for order, scenario_code in enumerate(items):
        QuizItem.objects.create(
            quiz=quiz, scenario=Scenario.objects.get(code=scenario_code), sort_order=order
        )
    if rules:
        for order, (tag, count) in enumerate(PARALLEL_FORM_RULES):
            QuizDrawRule.objects.create(
                quiz=quiz, tag=Tag.objects.get(code=tag), count=count, sort_order=order
            )
    quiz.save_revision().publish()
    return quiz


def key_answer(question: dict):
    """The answer that scores full points."""
    if question["type"] == "matching":
        return {pair["code"]: pair["answer"]["code"] for pair in question["pairs"]}
    options = question["options"]
    if question["type"] == "ordering":
        return [option["code"] for option in options]
    if question["type"] == "multiple_response":
        return [option["code"] for option in options if option.get("correct")]
    best = max(options, key=lambda o: o.get("weight", 100 if o.get("correct") else 0))
    return [best["code"]]


# How hard the demo cohort finds a question (0 easy … 1 hard), from what the bank says of it:
# its Bloom level, its type, and the indicators it tests. Debt bondage, abuse of vulnerability and
# the domestic-work and recruitment-fee contexts are the ones frontline staff most often miss.
BLOOM_DIFFICULTY = {"BL1": 0.0, "BL2": 0.05, "BL3": 0.15, "BL4": 0.25, "BL5": 0.3}
TYPE_DIFFICULTY = {
    "true_false": -0.1,
    "single_choice": 0.0,
    "multiple_response": 0.05,
    "matching": 0.1,
    "ordering": 0.15,
}
HARD_INDICATORS = {
    "ILO-09": 0.3,  # debt bondage
    "ILO-01": 0.2,  # abuse of vulnerability
    "LOC-DWX": 0.15,  # domestic work
    "LOC-RFE": 0.15,  # recruitment fees
    "GEN-27": 0.1,
    "GEN-28": 0.1,
    "LW-05": 0.1,
}
BASE_DIFFICULTY = 0.15
# Critical questions are the ones the course drills (safety first, never confront): easier for
# someone who followed it than their Bloom level says.
CRITICAL_EASING = 0.15
# One option of a multiple-response question is easier to recognise than the whole set.
OPTION_EASING = 0.1
# How sharply the chance of a right answer turns from unlikely to likely as skill passes
# difficulty: a logistic curve, the shape of item response theory's one-parameter model.
STEEPNESS = 8.0


def difficulty(question: dict) -> float:
    """The demo cohort's difficulty of a whole question (not counting its options' indicators)."""
    tags = set(question.get("tags", []))
    bloom = max((BLOOM_DIFFICULTY.get(tag, 0.0) for tag in tags), default=0.0)
    critical = CRITICAL_EASING if question.get("critical") else 0.0
    kind = TYPE_DIFFICULTY.get(question["type"], 0.0)
    return BASE_DIFFICULTY + bloom + kind + _hard(tags) - critical


def _hard(tags) -> float:
    return max((HARD_INDICATORS.get(tag, 0.0) for tag in tags), default=0.0)


def chance_right(skill: float, hardness: float) -> float:
    return 1 / (1 + math.exp(-STEEPNESS * (skill - hardness)))


def plausible_answer(question: dict, rng: random.Random, skill: float):
    """What a trainee of `skill` (0 … 1) plausibly answers: right most of the time on easy
    questions, often wrong where the question, an option or a pair tests a hard indicator.
    Mistakes are the ones people make: a distractor chosen, a hard indicator left unticked, a
    wrong option ticked as well, two steps swapped, two matches crossed. A skill of 1 or more
    always answers the key (a trainee who knows the lesson's check). Deterministic for a given
    `rng` state; valid for the question whatever the scoring rules are."""
    answer = key_answer(question)
    if skill >= 1:
        return answer
    base = difficulty(question) + _hard(question.get("scenario_tags", [])) / 2
    kind = question["type"]
    if kind == "multiple_response":
        chosen = []
        for option in question["options"]:
            hardness = base - OPTION_EASING + _hard(option.get("tags", []))
            if option.get("correct"):
                if rng.random() < chance_right(skill, hardness):
                    chosen.append(option["code"])
            elif rng.random() > chance_right(skill, base - 0.2):
                chosen.append(option["code"])  # a distractor ticked as well
        return chosen or answer[:1]
    if kind == "matching":
        pairs = question["pairs"]
        wrong = [
            pair["code"]
            for pair in pairs
            if rng.random() >= chance_right(skill, base + _hard(pair.get("tags", [])))
        ]
        if len(wrong) == 1:  # a single mistake crosses two matches
            wrong.append(rng.choice([p["code"] for p in pairs if p["code"] != wrong[0]]))
        if not wrong:
            return answer
        targets = [answer[code] for code in wrong]
        targets = targets[1:] + targets[:1]
        return {**answer, **dict(zip(wrong, targets, strict=True))}
    if kind == "ordering":
        if rng.random() < chance_right(skill, base):
            return answer
        swapped = answer[:]
        i = rng.randrange(len(swapped) - 1)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        return swapped
    key = next(o for o in question["options"] if o["code"] == answer[0])
    if rng.random() < chance_right(skill, base + _hard(key.get("tags", []))):
        return answer
    others = [o["code"] for o in question["options"] if o["code"] != answer[0]]
    return [rng.choice(others)] if others else answer


def take_quiz(*, user, quiz, skill: float, seed: int):
    """One submitted attempt with plausible answers."""
    rng = random.Random(seed)
    attempt = services.start_attempt(user=user, quiz=quiz, rng=rng)
    questions = services.questions_by_key(attempt.version.scenarios)
    for item in attempt.layout:
        services.save_answer(
            attempt=attempt,
            user=user,
            key=item["key"],
            answer=plausible_answer(questions[item["key"]], rng, skill),
        )
    return services.submit_attempt(attempt=attempt)
