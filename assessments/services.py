"""Assessments' verbs: freeze a quiz version, start, answer, submit and regrade attempts, and
measure knowledge gain. Scoring itself is the pure `scoring` module; this one keeps the records."""

import logging
import random
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.content_warnings import ContentWarning
from lms.people.models import Sector, User
from lms.small_groups import small_group

from . import drawing, frozen, item_writing, quiz_access, scoring
from .exchange import Reading, dump_gift, dump_yaml, read_file
from .exchange.changes import ScenarioChange, compare, merge, untranslated
from .models import (
    Attempt,
    AttemptGrade,
    ChosenOption,
    QuestionResult,
    Quiz,
    QuizVersion,
    Regrade,
    ResultTag,
    Scenario,
    Tag,
    question_from_exchange,
)
from .signals import attempt_submitted, quiz_passed
from .vocabulary import MATCHING, ORDERING, SCENARIO_CODE_MAX_LENGTH

logger = logging.getLogger(__name__)

# Time allowed past a timed attempt's deadline for the last autosave to arrive.
GRACE = timedelta(seconds=30)
# How long a handed-in attempt may wait for the task worker before its results page marks it.
MARKING_OVERDUE = timedelta(minutes=1)
SETTINGS_FIELDS = [
    "kind",
    "pass_mark",
    "max_attempts",
    "cooldown_minutes",
    "time_limit_minutes",
    "one_per_page",
    "shuffle_questions",
    "shuffle_options",
    "feedback_timing",
]


class AssessmentError(Exception):
    """The action cannot be done; the message says why, for the person who asked."""


class NotEligible(AssessmentError):
    """The person may not take this quiz: not theirs, or not yet (a course's final before its
    prerequisites are done; `missing` then lists the steps still to do, as `quiz_access.Step`s).
    As opposed to AssessmentError's "not now" of the attempt rules."""

    def __init__(self, message: str, *, missing=()):
        super().__init__(message)
        self.missing = tuple(missing)


# --- Versions --------------------------------------------------------------------------------


def freeze_version(*, quiz: Quiz, by=None) -> QuizVersion:
    """Freeze what the quiz is now: its live scenarios and questions, keys, weights and tags.
    A per-sector draw freezes its pool (the quiz's listed scenarios, or every live scenario
    when none is listed), its numbers and the sectors' roles, so its draws never depend on the
    bank or the sectors as they are later."""
    sector_draw = {}
    if quiz.drawn_per_sector:
        draw = []
        scenarios, sector_draw = sector_pool(quiz)
    elif quiz.draw_rules.exists():
        draw = [{"tag": rule.tag.code, "count": rule.count} for rule in quiz.draw_rules.all()]
        tags = {rule["tag"] for rule in draw}
        pool = Scenario.objects.filter(live=True).prefetch_related("roles", "tags")
        # The pool: every live scenario with a question the rules could draw.
        scenarios = [
            data
            for data in (scenario.to_exchange() for scenario in pool)
            if any(
                tags & set(question_tags({**q, "scenario_tags": data["tags"]}))
                for q in data["questions"]
            )
        ]
    else:
        draw = []
        scenarios = [
            item.scenario.to_exchange()
            for item in quiz.items.select_related("scenario").order_by("sort_order")
            if item.scenario.live
        ]
    settings = {field: _json(getattr(quiz, field)) for field in SETTINGS_FIELDS}
    with transaction.atomic():
        last = QuizVersion.objects.select_for_update().filter(quiz=quiz).order_by("-number").first()
        unchanged = (scenarios, draw, sector_draw, settings, scoring.CURRENT_RULES)
        if (
            last is not None
            and (
                last.scenarios,
                last.draw_rules,
                last.sector_draw,
                last.quiz_settings,
                last.scoring_rules,
            )
            == unchanged
        ):
            return last  # publishing again without changes freezes nothing new
        return QuizVersion.objects.create(
            quiz=quiz,
            number=(last.number + 1) if last else 1,
            scenarios=scenarios,
            draw_rules=draw,
            sector_draw=sector_draw,
            quiz_settings=settings,
            scoring_rules=scoring.CURRENT_RULES,
            created_by=by,
        )


def sector_pool(quiz: Quiz) -> tuple[list[dict], dict]:
    """The pool and the draw a per-sector quiz freezes, read from the saved quiz (the editor's
    form reads its unsaved list through the same two functions)."""
    items = quiz.items.all().select_related("scenario")
    listed = [
        item.scenario
        for item in sorted(items, key=lambda item: item.sort_order or 0)
        if item.scenario_id
    ]
    sector_draw = sector_draw_for(sector=quiz.sector_scenarios, core=quiz.core_scenarios)
    return pool_in_exchange(listed), sector_draw


def pool_in_exchange(listed: list[Scenario]) -> list[dict]:
    """A per-sector draw's pool: the live scenarios `listed`, or every live scenario when none
    is listed, in the exchange format."""
    pool = listed or Scenario.objects.filter(live=True).order_by("code")
    scenarios = {
        scenario.code: scenario.to_exchange() for scenario in _with_tags(pool) if scenario.live
    }
    return list(scenarios.values())


def sector_draw_for(*, sector: int | None, core: int | None) -> dict:
    """The draw a version freezes: its two numbers and every sector's frontline role code."""
    return {"sector": sector or 0, "core": core or 0, "roles": Sector.scenario_roles()}


def _with_tags(scenarios):
    """The scenarios with their roles and tags read in two queries, not two per scenario."""
    if isinstance(scenarios, list):
        prefetch_related_objects(scenarios, "roles", "tags")
        return scenarios
    return scenarios.prefetch_related("roles", "tags")


def question_tags(question: dict) -> list[str]:
    """A question's own tags, its scenario's and its options' or matching pairs', for roll-ups
    (mastery, per-tag analytics and knowledge gain) and the per-tag draw. A pair's tags count
    exactly as an option's: the indicator a "match the fact to the indicator" pair stands for
    is tested by that question."""
    entries = [*question.get("options", []), *question.get("pairs", [])]
    return sorted(
        set(question.get("tags", []))
        | set(question.get("scenario_tags", []))
        | {tag for entry in entries for tag in entry.get("tags", [])}
    )


def _json(value):
    return str(value.quantize(Decimal("0.01"))) if isinstance(value, Decimal) else value


def questions_by_key(scenarios: list[dict]) -> dict[str, dict]:
    """Every question of a version, keyed "SCENARIO/QUESTION", with its scenario's tags."""
    result = {}
    for scenario in scenarios:
        for question in scenario["questions"]:
            result[f"{scenario['code']}/{question['code']}"] = {
                **question,
                "scenario": scenario["code"],
                "scenario_tags": scenario.get("tags", []),
            }
    return result


# --- Attempts --------------------------------------------------------------------------------


def ensure_may_start(*, user, quiz: Quiz) -> None:
    """Refuse anybody the quiz is not for: only people enrolled in a course holding it may start
    it, and a course's final only once its prerequisites are done (the rules and why are in
    `quiz_access`). Raises NotEligible, with the steps still missing; writes nothing."""
    check = quiz_access.start_check(user=user, quiz=quiz)
    if check.allowed:
        return
    if check.reason:
        raise NotEligible(check.reason, missing=check.missing)
    raise NotEligible(
        _(
            "This quiz is part of a course you are not enrolled in, so you cannot take it. "
            "If you think you should be enrolled, ask your manager."
        )
    )


@dataclass(frozen=True)
class Allowance:
    """How many attempts a person has at a quiz and when they may start the next one, under the
    quiz's current version's settings: the rules `start_attempt` applies, for the quiz page to
    show before Start is pressed and the results page to offer another try."""

    max_attempts: int  # 0: unlimited
    used: int
    cooldown_minutes: int
    time_limit_minutes: int | None
    closed: bool
    ready_at: datetime | None  # when the cool-down ends, while it lasts

    @property
    def left(self) -> int | None:
        """Attempts still to start; None when unlimited."""
        return max(0, self.max_attempts - self.used) if self.max_attempts else None

    @property
    def exhausted(self) -> bool:
        return self.left == 0

    @property
    def may_try_again(self) -> bool:
        """Whether a new attempt may start some time (now, or once the cool-down ends)."""
        return not self.closed and not self.exhausted


def allowance(*, quiz: Quiz, version: QuizVersion, attempts: list[Attempt], now=None) -> Allowance:
    """The allowance of the person whose `attempts` at `quiz` these are. No query."""
    now = now or timezone.now()
    settings = version.quiz_settings
    last_submitted = max((a.submitted_at for a in attempts if a.submitted_at), default=None)
    ready_at = None
    if last_submitted and settings["cooldown_minutes"]:
        ready_at = last_submitted + timedelta(minutes=settings["cooldown_minutes"])
        if now >= ready_at:
            ready_at = None
    return Allowance(
        max_attempts=settings["max_attempts"],
        used=len(attempts),
        cooldown_minutes=settings["cooldown_minutes"],
        time_limit_minutes=settings["time_limit_minutes"],
        closed=bool(quiz.closes_at and now >= quiz.closes_at),
        ready_at=ready_at,
    )


def current_version(quiz: Quiz, *, content: bool = True) -> QuizVersion | None:
    """The quiz's current version; without `content`, everything but its frozen scenarios (a
    scenario final's are hundreds of KB), which stay unread unless asked for."""
    versions = quiz.versions.order_by("-number")
    return (versions if content else versions.defer("scenarios")).first()


def start_attempt(
    *,
    user,
    quiz: Quiz,
    now=None,
    rng: random.Random | None = None,
    version: QuizVersion | None = None,
) -> Attempt:
    """Resume the attempt in progress, or start a new one if the rules allow it.

    The attempt rules (availability, attempts, cool-down) are checked here; who the quiz is for
    is checked by `ensure_may_start`, which every request on a person's behalf calls first.
    Demo data and tests call this directly for people they have set up. `version`: the quiz's
    current version (with its scenarios) where the caller has just read it, so it is not read
    twice."""
    now = now or timezone.now()
    version = version or quiz.current_version
    if version is None or not quiz.live:
        raise AssessmentError(_("This quiz is not available."))
    settings = version.quiz_settings
    for expired in Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True):
        if _expired(expired, now):
            submit_attempt(attempt=expired, now=now)
    with transaction.atomic():
        # Lock the person's attempts at this quiz so two clicks cannot start two attempts.
        attempts = list(
            Attempt.objects.select_for_update().filter(user=user, quiz=quiz).order_by("number")
        )
        open_attempt = next((a for a in attempts if not a.is_submitted), None)
        if open_attempt is not None:
            return open_attempt
        rules = allowance(quiz=quiz, version=version, attempts=attempts, now=now)
        if rules.closed:
            raise AssessmentError(_("This quiz is closed."))
        if rules.exhausted:
            raise AssessmentError(_("You have used all your attempts at this quiz."))
        if rules.ready_at:
            raise AssessmentError(
                _("You can try again at %(time)s.")
                % {"time": timezone.localtime(rules.ready_at).strftime("%H:%M")}
            )
        drawn = bool(version.draw_rules or version.sector_draw)
        layout = draw_layout(
            version,
            settings,
            rng or random.SystemRandom(),
            # A draw avoids what the person has already seen; a fixed list shows its list.
            sector=sector_code(user) if version.sector_draw else None,
            seen=seen_scenarios(user=user) if drawn else None,
        )
        limit = settings["time_limit_minutes"]
        try:
            with transaction.atomic():
                return Attempt.objects.create(
                    user=user,
                    quiz=quiz,
                    version=version,
                    number=len(attempts) + 1,
                    layout=layout,
                    started_at=now,
                    deadline=now + timedelta(minutes=limit) if limit else None,
                )
        except IntegrityError:
            # A parallel request started the same attempt first: resume that one.
            return Attempt.objects.get(user=user, quiz=quiz, number=len(attempts) + 1)


def seen_scenarios(*, user) -> dict[str, datetime]:
    """Each scenario shown to `user` in any attempt at any quiz, with when it was last shown
    (the start of that attempt): what a draw avoids. One query, whatever the attempts."""
    seen: dict[str, datetime] = {}
    for layout, started_at in Attempt.objects.filter(user=user).values_list("layout", "started_at"):
        for item in layout:
            code = item["key"].split("/")[0]
            if code not in seen or started_at > seen[code]:
                seen[code] = started_at
    return seen


def sector_code(user) -> str | None:
    """The code of the person's sector (through their organisation), or None."""
    if not user.organisation_id:
        return None
    return (
        User.objects.filter(pk=user.pk).values_list("organisation__sector__code", flat=True).first()
    )


def draw_layout(
    version: QuizVersion,
    settings: dict,
    rng: random.Random,
    *,
    sector: str | None = None,
    seen: dict | None = None,
) -> list[dict]:
    """The questions of a new attempt, drawn and shuffled: the whole fixed list; for draws per
    tag, questions of scenarios not in `seen` first; for a per-sector draw, whole scenarios of
    the `sector` (a sector code) and the core, none in `seen` while unseen ones remain
    (`drawing`)."""
    seen = seen or {}
    questions = questions_by_key(version.scenarios)
    if version.sector_draw:
        drawn = set(
            drawing.draw_scenarios(
                version.scenarios,
                sector_draw=version.sector_draw,
                sector=sector,
                seen=seen,
                rng=rng,
            )
        )
        # Whole scenarios: every question stays with its case.
        keys = [key for key, question in questions.items() if question["scenario"] in drawn]
    elif version.draw_rules:
        chosen: list[str] = []
        for rule in version.draw_rules:
            candidates = [
                key
                for key, question in questions.items()
                if key not in chosen and rule["tag"] in question_tags(question)
            ]
            chosen += drawing.pick(
                candidates,
                rule["count"],
                seen=seen,
                rng=rng,
                scenario=lambda key: key.split("/")[0],
            )
        keys = chosen
    else:
        keys = list(questions)
    if settings["shuffle_questions"]:
        # Questions stay with their scenario: shuffle scenarios, then questions within each.
        by_scenario: dict[str, list[str]] = {}
        for key in keys:
            by_scenario.setdefault(key.split("/")[0], []).append(key)
        groups = list(by_scenario.values())
        rng.shuffle(groups)
        for group in groups:
            rng.shuffle(group)
        keys = [key for group in groups for key in group]
    layout = []
    for key in keys:
        question = questions[key]
        if question["type"] == MATCHING:
            codes = matching_choices(question)
            # The answers are always shown shuffled: in the written order the spare answers,
            # written last, would stand out as the ones that match nothing.
            rng.shuffle(codes)
        else:
            codes = [o["code"] for o in question["options"]]
            if settings["shuffle_options"] or question["type"] == ORDERING:
                rng.shuffle(codes)  # ordering is always shown shuffled (docs/scoring.md)
        layout.append({"key": key, "options": codes})
    return layout


def matching_choices(question: dict) -> list[str]:
    """Every answer code a matching question offers, once each: the pairs' answers (several
    prompts may share one) and the spare answers."""
    codes = [pair["answer"]["code"] for pair in question["pairs"]]
    codes += [spare["code"] for spare in question.get("spare_answers", [])]
    return list(dict.fromkeys(codes))


def _expired(attempt: Attempt, now) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + GRACE


def save_answer(*, attempt: Attempt, user, key: str, answer, now=None) -> Attempt:
    """Autosave one answer of `user`'s own attempt: `save_answers` with one answer."""
    return save_answers(attempt=attempt, user=user, answers={key: answer}, now=now)


def save_answers(
    *, attempt: Attempt, user, answers: dict, now=None, submit: bool = False, locked: bool = False
) -> Attempt:
    """Save answers (keyed "SCENARIO/QUESTION") of `user`'s own attempt, all or none: every
    answer is checked first (part of the attempt, not locked after its feedback, valid for its
    question, naming only options of the attempt's version), and one refusal raises
    AssessmentError with nothing written. A timed attempt past its deadline is submitted with
    the answers saved before, and the answers are refused.

    With `submit`, the attempt is then handed in with the answers, in the same transaction and
    one write (`hand_in`): the task worker marks it. A whole submit is one lock, no read of the
    frozen version beyond the process's first (`frozen`), one write and one queued task,
    whatever the number of questions, so a whole cohort can submit at once (issue 14).

    `locked`: the caller read `attempt` under its row lock, in the transaction it is still in,
    so it is not read again."""
    now = now or timezone.now()
    if attempt.user_id != user.pk:
        raise AssessmentError(_("This attempt does not exist."))
    if not attempt.is_submitted and _expired(attempt, now):
        # Submitted in its own transaction, so the refusal below does not undo it.
        submit_attempt(attempt=attempt, now=now)
        raise AssessmentError(_("Time is up: your attempt was submitted with the saved answers."))
    if locked and not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A locked attempt is saved in the transaction that holds its lock.")
    # Nothing below writes before every answer has passed, so a refusal needs no savepoint of
    # its own inside the caller's transaction (a savepoint is two more round trips).
    with nullcontext() if locked else transaction.atomic():
        if not locked:
            attempt = _lock(attempt)
        # Its owner, checked above: the receivers of quiz_passed read them without a query.
        Attempt._meta.get_field("user").set_cached_value(attempt, user)
        if attempt.is_submitted or attempt.is_being_marked:
            raise AssessmentError(_("This attempt is submitted; its answers are final."))
        in_layout = {item["key"] for item in attempt.layout}
        questions = frozen.questions(attempt.version)
        for key, answer in answers.items():
            if key not in in_layout:
                raise AssessmentError(_("This question is not part of your attempt."))
            if key in attempt.locked_keys:
                raise AssessmentError(
                    _("You have seen the feedback for this question; it is final.")
                )
            try:
                scoring.validate_answer(questions[key], answer)
            except scoring.InvalidAnswer as error:
                raise AssessmentError(_("This answer is not valid for the question.")) from error
        if answers:
            attempt.answers = {**attempt.answers, **answers}
            fields = ["answers"]
            if attempt.version.quiz_settings["feedback_timing"] == Quiz.Feedback.AFTER_QUESTION:
                attempt.locked_keys = [*attempt.locked_keys, *answers]
                fields.append("locked_keys")
            if not submit:
                attempt.save(update_fields=fields)
        if submit:
            _hand_in_locked(attempt, now)  # saves the answers with it, in one write
        return attempt


def _lock(attempt: Attempt) -> Attempt:
    """The attempt's row, locked until the transaction ends, with the caller's quiz and frozen
    version when it has them: a version never changes, so it is not read again (it is ~100 KB
    in a real final). Neither row is joined into the locking query, which on PostgreSQL would
    lock them too and make every trainee sitting the quiz wait for each other."""
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    for field in ("version", "quiz"):
        cache = Attempt._meta.get_field(field)
        if cache.is_cached(attempt) and getattr(attempt, f"{field}_id") == getattr(
            locked, f"{field}_id"
        ):
            cache.set_cached_value(locked, cache.get_cached_value(attempt))
    return locked


def unanswered_numbers(attempt: Attempt) -> list[int]:
    """The questions of the attempt with no saved answer, numbered as the trainee sees them
    (1 for the first in the attempt's order)."""
    return [
        number
        for number, item in enumerate(attempt.layout, start=1)
        if not attempt.answers.get(item["key"])
    ]


def time_is_up(attempt: Attempt, now=None) -> bool:
    """A timed attempt past its deadline (and the grace): it is submitted whatever is asked."""
    return _expired(attempt, now or timezone.now())


def submit_attempt(*, attempt: Attempt, now=None) -> Attempt:
    """Grade and close the attempt now, in this process; submitting again returns the same
    result. (A trainee's submit hands the attempt in instead: `hand_in`.)"""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _lock(attempt)
        if attempt.is_submitted:
            return attempt
        _submit_locked(attempt, now)
    return attempt


def hand_in(*, attempt: Attempt, now=None) -> Attempt:
    """Make the attempt's answers final and queue its marking (`mark_handed_in`, in the task
    worker); handing in again, or an attempt already marked, changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _lock(attempt)
        if attempt.is_submitted or attempt.is_being_marked:
            return attempt
        _hand_in_locked(attempt, now)
    return attempt


def _hand_in_locked(attempt: Attempt, now) -> None:
    """Hand in an attempt locked by the caller's transaction: its answers and the moment, in one
    write, and its marking queued in the same transaction (the task's row is written with it,
    so there is never one without the other)."""
    # Imported here: the tasks import the analytics, which import this module's neighbours.
    from .tasks import mark_attempt

    attempt.handed_in_at = min(now, attempt.deadline + GRACE) if attempt.deadline else now
    attempt.save(update_fields=["answers", "locked_keys", "handed_in_at"])
    mark_attempt.enqueue(attempt_id=attempt.pk)


def mark_handed_in(*, attempt_id: int) -> Attempt | None:
    """Mark a handed-in attempt, as of the moment it was handed in; exactly once, whoever asks
    (the task worker, the results page when the worker is late, a retried task)."""
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("user", "quiz", "version")
            .defer("version__scenarios")  # the worker's `frozen` has its questions
            .filter(pk=attempt_id)
            .first()
        )
        if attempt is None or not attempt.is_being_marked:
            return attempt
        _submit_locked(attempt, attempt.handed_in_at)
    return attempt


def mark_if_overdue(attempt: Attempt, now=None) -> Attempt:
    """An attempt handed in longer ago than the task worker should take (it is stopped, or far
    behind) is marked here and now, so no trainee waits on a worker that is not there."""
    now = now or timezone.now()
    if attempt.is_being_marked and now - attempt.handed_in_at > MARKING_OVERDUE:
        return mark_handed_in(attempt_id=attempt.pk) or attempt
    return attempt


def _submit_locked(attempt: Attempt, now) -> None:
    """Grade and close an attempt locked by the caller's transaction, and tell the apps above.
    A handed-in attempt is submitted as of the moment it was handed in."""
    now = attempt.handed_in_at or now
    attempt.submitted_at = min(now, attempt.deadline + GRACE) if attempt.deadline else now
    # Under the corrected key when the version has been regraded since the attempt started.
    regrade = attempt.version.regrades.order_by("-created_at", "-pk").first()
    if regrade is not None:
        questions = questions_by_key(regrade.scenarios)
    else:
        questions = frozen.questions(attempt.version)
    grade = _grade(attempt, questions, regrade=regrade)
    # One scratch space for every receiver of this submission (signals.py: `shared`).
    shared = {}
    # Inside the transaction, as post_save was: a failing receiver undoes the submission.
    attempt_submitted.send(
        sender=Attempt,
        user_id=attempt.user_id,
        quiz_id=attempt.quiz_id,
        attempt_id=attempt.pk,
        submitted_at=attempt.submitted_at,
        percent=grade.percent,
        passed=grade.passed,
        shared=shared,
    )
    if grade.passed:
        _send_quiz_passed(attempt, grade, shared=shared)


def _send_quiz_passed(attempt: Attempt, grade: AttemptGrade, *, shared: dict) -> None:
    quiz_passed.send(
        sender=Attempt,
        user=attempt.user,
        quiz=attempt.quiz,
        attempt_id=attempt.pk,
        percent=grade.percent,
        attempt=attempt,
        shared=shared,
    )


def _grade(attempt: Attempt, questions: dict, *, regrade: Regrade | None) -> AttemptGrade:
    """Score the attempt against `questions` (`questions_by_key`), save it and its results."""
    keys = [item["key"] for item in attempt.layout]
    ordered = [questions[key] for key in keys]
    answers = [attempt.answers.get(key) for key in keys]
    version = attempt.version
    # Under the edition the version was published under, for regrades too: a later edition of
    # the rules never moves a past grade.
    score = scoring.score_attempt(
        ordered, answers, version.quiz_settings["pass_mark"], rules=version.scoring_rules
    )
    attempt.points, attempt.max_points = score.points, score.max_points
    attempt.percent, attempt.passed = score.percent, score.passed
    attempt.critical_failed = [
        key
        for key in keys
        if questions[key].get("critical") and questions[key]["code"] in score.critical_failed
    ]
    attempt.save()
    if regrade is not None:
        # A first grading has no results to replace: they are written only here, under the
        # attempt's lock, when it is submitted.
        QuestionResult.objects.filter(attempt=attempt).delete()
    results = QuestionResult.objects.bulk_create(
        QuestionResult(
            attempt=attempt,
            version=attempt.version,
            key=key,
            score=points,
            max_points=Decimal(str(question.get("points", 1))),
            full_marks=points == Decimal(str(question.get("points", 1))),
            chosen=answer,
            tags=question_tags(question),
        )
        for key, question, answer, points in zip(
            keys, ordered, answers, score.question_scores, strict=True
        )
    )
    ResultTag.objects.bulk_create(
        ResultTag(result=result, tag=tag) for result in results for tag in result.tags
    )
    ChosenOption.objects.bulk_create(
        ChosenOption(result=result, version=attempt.version, key=result.key, code=code)
        for result in results
        for code in (
            result.chosen.values() if isinstance(result.chosen, dict) else result.chosen or []
        )
    )
    return AttemptGrade.objects.create(
        attempt=attempt,
        regrade=regrade,
        points=score.points,
        max_points=score.max_points,
        percent=score.percent,
        passed=score.passed,
        critical_failed=attempt.critical_failed,
    )


def regrade_version(*, version: QuizVersion, scenarios: list[dict], reason: str, by) -> Regrade:
    """Recompute every submitted attempt of a version with a corrected key; old grades stay."""
    if not reason.strip():
        raise AssessmentError(_("Say why the version is regraded."))
    old = questions_by_key(version.scenarios)
    new = questions_by_key(scenarios)
    if set(old) != set(new):
        raise AssessmentError(_("A regrade may correct keys, not add or remove questions."))
    for question in new.values():
        scoring.validate_answer(question, None)  # a malformed correction fails here, whole
    with transaction.atomic():
        regrade = Regrade.objects.create(
            version=version, scenarios=scenarios, reason=reason.strip(), created_by=by
        )
        for attempt in Attempt.objects.select_for_update().filter(
            version=version, submitted_at__isnull=False
        ):
            was_passed = attempt.passed
            grade = _grade(attempt, new, regrade=regrade)
            if grade.passed and not was_passed:
                _send_quiz_passed(attempt, grade, shared={})
    logger.info("Version %s regraded (regrade %s)", version.pk, regrade.pk)
    return regrade


def feedback_visible(attempt: Attempt, key: str | None = None, now=None) -> bool:
    """Whether correct answers and feedback may be shown for the attempt (or one question)."""
    now = now or timezone.now()
    timing = attempt.version.quiz_settings["feedback_timing"]
    if timing == Quiz.Feedback.AFTER_QUESTION:
        return attempt.is_submitted or (key is not None and key in attempt.locked_keys)
    if timing == Quiz.Feedback.AFTER_SUBMISSION:
        return attempt.is_submitted
    closes_at = attempt.quiz.closes_at
    return attempt.is_submitted and closes_at is not None and now >= closes_at


# --- Knowledge gain ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Gain:
    pre: Decimal
    post: Decimal

    @property
    def gain(self) -> Decimal:
        return self.post - self.pre


def _first_submitted(user, quiz):
    return (
        Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False)
        .order_by("number")
        .first()
    )


def knowledge_gain(*, user, post_test: Quiz) -> Gain | None:
    """Post % minus pre %, from the first submitted attempt at each (docs/scoring.md)."""
    if post_test.pre_test_id is None:
        return None
    pre = _first_submitted(user, post_test.pre_test)
    post = _first_submitted(user, post_test)
    if pre is None or post is None:
        return None
    return Gain(pre=pre.percent, post=post.percent)


def tag_percent(attempt: Attempt) -> dict[str, Decimal]:
    """The attempt's score per tag: points scored on questions with the tag / their points."""
    totals: dict[str, list[Decimal]] = {}
    for result in attempt.results.all():
        for tag in result.tags:
            scored, possible = totals.setdefault(tag, [Decimal(0), Decimal(0)])
            totals[tag] = [scored + result.score, possible + result.max_points]
    return {
        tag: (scored / possible * 100).quantize(Decimal("0.01"))
        for tag, (scored, possible) in totals.items()
        if possible
    }


def knowledge_gain_by_tag(*, user, post_test: Quiz) -> dict[str, Decimal]:
    pre = _first_submitted(user, post_test.pre_test) if post_test.pre_test_id else None
    post = _first_submitted(user, post_test)
    if pre is None or post is None:
        return {}
    before, after = tag_percent(pre), tag_percent(post)
    return {tag: after[tag] - before[tag] for tag in sorted(set(before) & set(after))}


def cohort_gain(*, post_test: Quiz, people) -> dict:
    """Average pre %, post % and gain per sector, from first attempts: one query each.

    A sector where fewer than HIMAYA_MIN_GROUP_SIZE people took the pre- or the post-test keeps
    its key, but its figures are None and `suppressed` says "fewer than 5" (`lms.small_groups`).
    """
    firsts = Attempt.objects.filter(submitted_at__isnull=False, user__in=people, number=1).values(
        "user__organisation__sector__code"
    )

    def by_sector(quiz):
        return {
            row["user__organisation__sector__code"]: row
            for row in firsts.filter(quiz=quiz).annotate(
                avg=Avg("percent"), people=Count("user", distinct=True)
            )
        }

    pre, post = by_sector(post_test.pre_test_id), by_sector(post_test.pk)
    gains = {}
    for sector in sorted(set(pre) & set(post), key=str):
        size = min(pre[sector]["people"], post[sector]["people"])
        suppressed = small_group(size)
        if suppressed is not None:
            gains[sector] = {
                "people": None,
                "pre": None,
                "post": None,
                "gain": None,
                "suppressed": suppressed,
            }
            continue
        before, after = pre[sector]["avg"], post[sector]["avg"]
        gains[sector] = {
            "people": size,
            "pre": before,
            "post": after,
            "gain": after - before,
            "suppressed": None,
        }
    return gains


# --- Import ------------------------------------------------------------------------------------


@transaction.atomic
def import_scenarios(*, scenarios: list[dict], by=None, publish: bool = False) -> list[Scenario]:
    """Create or update scenarios from validated exchange dicts, all or none. An existing code
    gets a new revision (a draft unless `publish`), never a duplicate. A scenario with a text in
    one language only is marked as needing translation and stays a draft even with `publish`:
    the review approves it once it is written in both languages."""
    tags = {tag.code: tag for tag in Tag.objects.all()}
    saved = []
    for data in scenarios:
        scenario = Scenario.objects.filter(code=data["code"]).first()
        if scenario is None:
            scenario = Scenario(code=data["code"], live=False)
        elif scenario.live:
            scenario = scenario.get_latest_revision_as_object()
        scenario.title_en, scenario.title_ar = data["title"]["en"], data["title"]["ar"]
        scenario.case_text_en = data["case_text"]["en"]
        scenario.case_text_ar = data["case_text"]["ar"]
        scenario.content_warning = data.get("content_warning", ContentWarning.NONE.value)
        scenario.fictional_declared = bool(data.get("fictional"))
        scenario.roles = [tags[code] for code in data.get("roles", [])]
        scenario.tags = [tags[code] for code in data.get("tags", [])]
        scenario.questions = [question_from_exchange(q) for q in data["questions"]]
        scenario.needs_translation = untranslated(data) > 0
        if scenario.pk is None:
            scenario.save()
        elif scenario.needs_translation:
            # The flag is read from the scenario's row by listings and from the draft by the
            # review: both must say so.
            Scenario.objects.filter(pk=scenario.pk).update(needs_translation=True)
        # The exchange checker has checked every field; a scenario needing translation has
        # empty texts that the model's own clean() would refuse.
        revision = scenario.save_revision(user=by, clean=False)
        if publish and not scenario.needs_translation:
            revision.publish(user=by, skip_permission_checks=True)
        saved.append(scenario)
    return saved


@dataclass
class ImportPlan:
    """What importing a file will do, computed before anything is written: the reading (its
    skipped questions and notes), the scenarios as they will be saved and, per scenario, what
    changes (`exchange.changes.ScenarioChange`)."""

    reading: Reading
    scenarios: list[dict]
    changes: list[ScenarioChange]

    @property
    def removes(self) -> bool:
        """Whether the import takes questions or options away from an existing scenario: it
        then needs an explicit confirmation."""
        return any(change.removes for change in self.changes)

    @property
    def item_warnings(self) -> list:
        """The item-writing check's warnings on the scenarios as they will be saved, for the
        command and the upload page to print with the plan: never blocking
        (`assessments.item_writing`)."""
        return item_writing.check_scenarios(self.scenarios)


class RemovalNotConfirmed(AssessmentError):
    """The import would remove questions or options and was not confirmed; nothing written."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(_("This import removes questions or options; confirm it to go ahead."))


def plan_import(
    *,
    text: str,
    scenario_code: str = "",
    language: str | None = None,
    skip_unsupported: bool = False,
) -> ImportPlan:
    """Read a question file (YAML, GIFT or Moodle XML, told by its content) and work out what
    importing it would do to the bank, writing nothing. Raises ExchangeError listing every
    problem (`exchange.read_file` for the options)."""
    reading = read_file(
        text,
        known_tags=set(Tag.objects.values_list("code", flat=True)),
        scenario_code=scenario_code,
        language=language,
        skip_unsupported=skip_unsupported,
    )
    existing = {
        scenario.code: scenario.get_latest_revision_as_object().to_exchange()
        for scenario in Scenario.objects.filter(
            code__in=[data["code"] for data in reading.scenarios]
        ).prefetch_related("roles", "tags")
    }
    planned, changes = [], []
    for data in reading.scenarios:
        before = existing.get(data["code"])
        after = merge(before, data, questions_only=reading.questions_only, kept=reading.kept_fields)
        planned.append(after)
        changes.append(compare(before, after))
    return ImportPlan(reading=reading, scenarios=planned, changes=changes)


def import_file(
    *,
    text: str,
    by=None,
    publish: bool = False,
    scenario_code: str = "",
    language: str | None = None,
    skip_unsupported: bool = False,
    confirm_removal: bool = False,
    name: str = "",
) -> ImportPlan:
    """Check a whole question file and import it (`plan_import`), all or nothing: raises
    ExchangeError listing every problem, or RemovalNotConfirmed when it would take questions or
    options away from an existing scenario without `confirm_removal`; either way nothing is
    written. `name` is the file's name, for callers that have one (the format is told by the
    content)."""
    plan = plan_import(
        text=text,
        scenario_code=scenario_code,
        language=language,
        skip_unsupported=skip_unsupported,
    )
    if plan.removes and not confirm_removal:
        raise RemovalNotConfirmed(plan)
    import_scenarios(scenarios=plan.scenarios, by=by, publish=publish)
    return plan


def export_scenarios(
    *, codes: list[str] | None = None, live_only: bool = True, gift: bool = False
) -> str:
    """The scenarios as YAML, or with `gift` the questions of the one scenario in `codes` as
    GIFT (`exchange.dump_gift`: ValueError for a question GIFT cannot hold)."""
    scenarios = Scenario.objects.prefetch_related("roles", "tags").order_by("code")
    if codes:
        scenarios = scenarios.filter(code__in=codes)
    if live_only:
        scenarios = scenarios.filter(live=True)
    exchange = [scenario.to_exchange() for scenario in scenarios]
    if gift:
        return "".join(dump_gift(scenario) for scenario in exchange)
    return dump_yaml(exchange)


# --- Authoring ---------------------------------------------------------------------------------


def duplicate_scenario(*, scenario: Scenario, by=None) -> Scenario:
    """A draft copy of the scenario's latest content (its draft, if it has one) under a new code,
    ``CODE-COPY-1`` (or the next free number, the code shortened to fit): a start for a new case.
    The fictional declaration is not copied: the copy will be rewritten, and its author declares
    it before review."""
    source = scenario.get_latest_revision_as_object()
    with transaction.atomic():
        copy = Scenario(
            code=_copy_code(scenario.code),
            live=False,
            title_en=source.title_en,
            title_ar=source.title_ar,
            case_text_en=source.case_text_en,
            case_text_ar=source.case_text_ar,
            content_warning=source.content_warning,
            fictional_declared=False,
            questions=source.questions.get_prep_value(),
        )
        copy.roles = list(source.roles.all())
        copy.tags = list(source.tags.all())
        copy.save()
        copy.save_revision(user=by)
    return copy


def _copy_code(code: str) -> str:
    taken = set(Scenario.objects.filter(code__contains="-COPY-").values_list("code", flat=True))
    number = 1
    while True:
        suffix = f"-COPY-{number}"
        candidate = code[: SCENARIO_CODE_MAX_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1
