"""Many submitted attempts at once, for `seed_demo`'s cohort and `seed_scale`.

`submit_attempts` writes what `services.start_attempt`, `save_answer` and `submit_attempt` leave
behind for an attempt started and submitted at given times: the attempt with its drawn layout,
answers and grade, its `AttemptGrade`, and the `QuestionResult`, `ResultTag` and `ChosenOption`
rows that analytics aggregate. Layouts are drawn by `services.draw_layout` from the quiz's
current version, answers come from `demo.plausible_answer`, and grades from `scoring`, under the
version's edition of the rules, exactly as `services._grade` computes them; only the writing is
done in bulk (`lms.bulk`).

It sends no domain event. What `attempt_submitted` and `quiz_passed` would have caused above
(lessons completed by a quiz, course completion, competency certificates) the caller writes with
the bulk builders of those layers (`courses.scale`, `certificates.scale`), from the `Graded`
results returned here.
"""

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from lms import bulk
from lms.people.models import User

from . import scoring, services
from .demo import plausible_answer
from .models import Attempt, AttemptGrade, ChosenOption, QuestionResult, Quiz, ResultTag

# Distinct draws per quiz (per sector for a final drawn per sector): each a real draw of the
# version's rules; people share them, as a cohort sitting the same paper does, so a retake may
# repeat a scenario here. Drawing one per attempt would cost minutes at scale.
LAYOUTS = 40
CHUNK = 5000
WRITTEN = (Attempt, AttemptGrade, QuestionResult, ResultTag, ChosenOption)


@dataclass(frozen=True)
class Sitting:
    """One attempt to write: the person's `number`th at the quiz, answered at `skill` (0 … 1;
    see `demo.plausible_answer`), with answers drawn from `seed`."""

    user_id: int
    number: int
    started_at: datetime
    submitted_at: datetime
    skill: float
    seed: str


@dataclass(frozen=True)
class Graded:
    user_id: int
    number: int
    attempt_id: int
    submitted_at: datetime
    percent: Decimal
    passed: bool
    critical_failed: bool


def submit_attempts(*, quiz: Quiz, sittings: list[Sitting]) -> list[Graded]:
    """Write the sittings as submitted, graded attempts of the quiz's current version; returns
    their grades in the same order. The caller gives each person consecutive attempt numbers
    from 1 and submission times after one another (what the attempt rules would allow)."""
    version = quiz.current_version
    settings = version.quiz_settings
    questions = services.questions_by_key(version.scenarios)
    tags = {key: services.question_tags(question) for key, question in questions.items()}
    # A final drawn per sector: each sector's people share their sector's draws.
    sectors = (
        dict(
            User.objects.filter(pk__in={s.user_id for s in sittings}).values_list(
                "pk", "organisation__sector__code"
            )
        )
        if version.sector_draw
        else {}
    )
    layouts = {
        sector: [
            services.draw_layout(
                version, settings, random.Random(f"{quiz.code}/{sector}/{n}"), sector=sector
            )
            if sector
            else services.draw_layout(version, settings, random.Random(f"{quiz.code}/{n}"))
            for n in range(LAYOUTS)
        ]
        for sector in {None, *sectors.values()}
    }
    ids = {model: bulk.Ids(model) for model in WRITTEN}
    graded = []
    # In chunks, so that memory stays bounded however many attempts (ResultTag alone holds a
    # dozen rows per question).
    for start in range(0, len(sittings), CHUNK):
        chunk = sittings[start : start + CHUNK]
        graded += _write(quiz, version, settings, questions, tags, layouts, sectors, chunk, ids)
    bulk.reset_sequences(*WRITTEN)
    return graded


def _write(
    quiz, version, settings, questions, tags, layouts, sectors, sittings, ids
) -> list[Graded]:
    locks = settings["feedback_timing"] == Quiz.Feedback.AFTER_QUESTION
    attempts, grades, results, result_tags, chosen_rows, graded = [], [], [], [], [], []
    for attempt_id, sitting in zip(ids[Attempt].take(len(sittings)), sittings, strict=True):
        rng = random.Random(sitting.seed)
        layout = layouts[sectors.get(sitting.user_id)][rng.randrange(LAYOUTS)]
        keys = [item["key"] for item in layout]
        ordered = [questions[key] for key in keys]
        answers = [plausible_answer(question, rng, sitting.skill) for question in ordered]
        score = scoring.score_attempt(
            ordered, answers, settings["pass_mark"], rules=version.scoring_rules
        )
        critical = [
            key
            for key in keys
            if questions[key].get("critical") and questions[key]["code"] in score.critical_failed
        ]
        attempts.append(
            (
                attempt_id,
                sitting.user_id,
                quiz.pk,
                version.pk,
                sitting.number,
                layout,
                dict(zip(keys, answers, strict=True)),
                keys if locks else [],
                sitting.started_at,
                sitting.submitted_at,
                score.points,
                score.max_points,
                score.percent,
                score.passed,
                critical,
            )
        )
        grades.append(
            (
                attempt_id,
                score.points,
                score.max_points,
                score.percent,
                score.passed,
                critical,
                sitting.submitted_at,
            )
        )
        for key, question, answer, points in zip(
            keys, ordered, answers, score.question_scores, strict=True
        ):
            (result_id,) = ids[QuestionResult].take()
            possible = Decimal(str(question.get("points", 1)))
            results.append(
                (
                    result_id,
                    attempt_id,
                    version.pk,
                    key,
                    points,
                    possible,
                    points == possible,
                    answer,
                    tags[key],
                )
            )
            result_tags += [
                (tag_id, result_id, tag)
                for tag_id, tag in zip(ids[ResultTag].take(len(tags[key])), tags[key], strict=True)
            ]
            codes = list(answer.values()) if isinstance(answer, dict) else answer
            chosen_rows += [
                (pk, result_id, version.pk, key, code)
                for pk, code in zip(ids[ChosenOption].take(len(codes)), codes, strict=True)
            ]
        graded.append(
            Graded(
                user_id=sitting.user_id,
                number=sitting.number,
                attempt_id=attempt_id,
                submitted_at=sitting.submitted_at,
                percent=score.percent,
                passed=score.passed,
                critical_failed=bool(critical),
            )
        )
    bulk.insert(
        Attempt,
        [
            "id",
            "user",
            "quiz",
            "version",
            "number",
            "layout",
            "answers",
            "locked_keys",
            "started_at",
            "submitted_at",
            "points",
            "max_points",
            "percent",
            "passed",
            "critical_failed",
        ],
        attempts,
    )
    grade_ids = ids[AttemptGrade].take(len(grades))
    bulk.insert(
        AttemptGrade,
        [
            "id",
            "attempt",
            "points",
            "max_points",
            "percent",
            "passed",
            "critical_failed",
            "graded_at",
        ],
        ((pk, *row) for pk, row in zip(grade_ids, grades, strict=True)),
    )
    bulk.insert(
        QuestionResult,
        ["id", "attempt", "version", "key", "score", "max_points", "full_marks", "chosen", "tags"],
        results,
    )
    bulk.insert(ResultTag, ["id", "result", "tag"], result_tags)
    bulk.insert(ChosenOption, ["id", "result", "version", "key", "code"], chosen_rows)
    return graded
