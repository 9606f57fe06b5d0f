"""Demo bank for `manage.py seed_demo`: twelve fictional scenarios (demo_bank.yaml), a pre-test
and a post-test drawn from the same tags (parallel forms), a scenario final and a formative
check. Attempts are made by the courses demo, which knows who is where."""

import random
from decimal import Decimal
from pathlib import Path

from . import services
from .exchange_io import load_yaml
from .models import Quiz, QuizDrawRule, QuizItem, Scenario, Tag

BANK = Path(__file__).with_name("demo_bank.yaml")
# The same rules for both tests: different but equivalent questions (docs/scoring.md).
PARALLEL_FORM_RULES = [("PRN-SAF", 2), ("NRM-1", 2), ("ILO-07", 1), ("ILO-09", 1)]
FINAL_SCENARIOS = ["SCN-LI-001", "SCN-HL-001", "SCN-SH-001", "SCN-LC-001"]
FORMATIVE_SCENARIOS = ["SCN-LI-002"]


def seed(*, stdout) -> None:
    if Scenario.objects.exists():
        stdout.write("  assessments: bank already there")
        return
    known = set(Tag.objects.values_list("code", flat=True))
    scenarios = load_yaml(BANK.read_text(encoding="utf-8"), known_tags=known)
    services.import_scenarios(scenarios=scenarios, publish=True)
    pre = _quiz("VOT-PRE", "Pre-test", "الاختبار القبلي", kind=Quiz.Kind.PRE_TEST, rules=True)
    _quiz("VOT-POST", "Post-test", "الاختبار البعدي", kind=Quiz.Kind.POST_TEST, rules=True, pre=pre)
    _quiz(
        "VOT-FINAL",
        "Scenario final",
        "الاختبار الختامي القائم على الحالات",
        kind=Quiz.Kind.FINAL,
        items=FINAL_SCENARIOS,
        max_attempts=3,
        cooldown_minutes=60,
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


def plausible_answer(question: dict, rng: random.Random, skill: float):
    """The key with probability `skill`, otherwise a plausible mistake: demo numbers for the
    analytics that look like a real cohort's."""
    answer = key_answer(question)
    if rng.random() < skill:
        return answer
    codes = [o["code"] for o in question.get("options", [])]
    if question["type"] == "matching":
        targets = list(answer.values())
        rng.shuffle(targets)
        return dict(zip(answer, targets, strict=True))
    if question["type"] == "ordering":
        shuffled = answer[:]
        rng.shuffle(shuffled)
        return shuffled
    if question["type"] == "multiple_response":
        wrong = [code for code in codes if code not in answer]
        return sorted(set(answer[:-1] + wrong[:1])) or answer
    others = [code for code in codes if code not in answer]
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
