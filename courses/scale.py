"""A year of a programme for many people at once, for `seed_demo`'s cohort and `seed_scale`.

`record_progress` places each learner somewhere believable in one course (not started, part-way,
overdue, complete) and writes what the trainee, the trainer and courses' services would have
left behind by then, dated in the past: the enrolment with its due date, lessons completed one
after another, workshops (registrations before they start, attendance recorded by the trainer
when they end), the pre-test, the lesson checks, the post-test and the scenario final
(`assessments.scale`), and the course's completion when every rule of `services.check_completion`
holds. It sends no domain event; it returns who completed and who passed the final, for
`certificates.scale` to issue what the receivers would have issued.

The same `seed` gives the same programme. Nothing is written that the services would refuse:
lessons only for enrolled people, attendance only for people registered before the session
began, no session over its capacity, no more final attempts than the quiz allows, a quiz
lesson completed only by a pass, completion only with every required lesson, attendance and the
post-test.
"""

import bisect
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from assessments import scale as assessments_scale
from assessments.models import Quiz
from lms import bulk
from lms.people.models import Region, Sector, User

from .models import (
    Attendance,
    CoursePage,
    Enrolment,
    LearningPathStep,
    LessonCompletion,
    LessonPage,
    ModulePage,
    SessionRegistration,
    TrainingSession,
)

DEFAULT_DUE_DAYS = 90
WORKSHOP_CAPACITY = 40
# One past workshop per this many learners, so that everyone who completes finds a seat.
LEARNERS_PER_WORKSHOP = 25
FINAL_GAP = timedelta(hours=20)  # between final attempts: more than any demo cool-down


@dataclass(frozen=True)
class Learner:
    user_id: int
    sector_id: int
    region_id: int
    enrolled_at: datetime


@dataclass(frozen=True)
class Finished:
    """What certificates needs: the enrolment, and when the course or the final was passed."""

    user_id: int
    enrolment_id: int
    at: datetime


@dataclass
class Progress:
    completed: list[Finished] = field(default_factory=list)
    final_passed: list[Finished] = field(default_factory=list)
    counts: dict = field(default_factory=dict)


@dataclass
class _Workshop:
    pk: int
    starts_at: datetime
    ends_at: datetime
    seats: int


def required_lessons_by_sector(course: CoursePage) -> dict[int, list[LessonPage]]:
    """Each sector's required lessons of the course, in the order a trainee meets them: the
    rule of `services.progress_for` (core modules for everyone, role modules for their sectors,
    lessons marked required)."""
    modules = list(
        ModulePage.objects.live().descendant_of(course).prefetch_related("sectors").order_by("path")
    )
    lessons = list(
        LessonPage.objects.live().descendant_of(course).filter(is_required=True).order_by("path")
    )
    by_sector = {}
    for sector_id in Sector.objects.values_list("pk", flat=True):
        open_paths = [
            module.path
            for module in modules
            if not module.sectors.all() or sector_id in {s.pk for s in module.sectors.all()}
        ]
        by_sector[sector_id] = [
            lesson for lesson in lessons if any(lesson.path.startswith(p) for p in open_paths)
        ]
    return by_sector


def workshops(*, course: CoursePage, trainer: User, first: datetime, now: datetime, count: int):
    """`count` workshops between `first` and now, rotating through the regions and between in
    person and online, and a few in the coming weeks; created (they are few) with the ORM."""
    regions = list(Region.objects.order_by("code"))
    span = (now - timedelta(days=2)) - first
    sessions = []
    for number in range(count):
        starts = first + span * (number + 0.5) / count
        starts = starts.replace(hour=9, minute=0, second=0, microsecond=0)
        sessions.append(_session(course, trainer, regions[number % len(regions)], starts, number))
    upcoming = max(2, count // 12)
    for number in range(upcoming):
        starts = (now + timedelta(days=7 + 50 * number / upcoming)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        sessions.append(
            _session(course, trainer, regions[number % len(regions)], starts, count + number)
        )
    return TrainingSession.objects.bulk_create(sessions)


def _session(course, trainer, region, starts, number):
    online = number % 3 == 2
    return TrainingSession(
        course=course,
        title=f"Online case clinic {number + 1}"
        if online
        else f"Identification and referral workshop — {region.name_en} ({number + 1})",
        title_ar=f"عيادة الحالات عبر الإنترنت {number + 1}"
        if online
        else f"ورشة التعرف على الضحايا وإحالتهم — {region.name_ar} ({number + 1})",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2 if online else 4),
        mode=TrainingSession.Mode.ONLINE if online else TrainingSession.Mode.IN_PERSON,
        place="" if online else f"Programme training room, {region.name_en}",
        place_ar="" if online else f"قاعة تدريب البرنامج، {region.name_ar}",
        online_link="https://meet.himaya.example/case-clinic" if online else "",
        trainer=trainer,
        capacity=WORKSHOP_CAPACITY,
    )


def record_progress(
    *, course: CoursePage, learners: list[Learner], trainer: User, now: datetime, seed: int
) -> Progress:
    """Write each learner's progress in `course` up to `now`; see the module's docstring."""
    due_days = dict(
        LearningPathStep.objects.filter(course=course).values_list("path__sector_id", "due_days")
    )
    lessons = required_lessons_by_sector(course)
    first = min((learner.enrolled_at for learner in learners), default=now)
    sessions = workshops(
        course=course,
        trainer=trainer,
        first=first,
        now=now,
        count=max(6, len(learners) // LEARNERS_PER_WORKSHOP),
    )
    past = [_Workshop(s.pk, s.starts_at, s.ends_at, s.capacity) for s in sessions]
    upcoming = [w for w in past if w.starts_at >= now]
    past = [w for w in past if w.starts_at < now]
    starts = [w.starts_at for w in past]
    quizzes = {quiz.pk: quiz for quiz in Quiz.objects.filter(live=True)}
    lesson_quiz = {
        lesson.pk: quizzes[lesson.quiz_ids[0]]
        for sector_lessons in lessons.values()
        for lesson in sector_lessons
        if lesson.quiz_ids and lesson.quiz_ids[0] in quizzes
    }
    plan = _Plan(
        seed=seed, place={learner.user_id: index for index, learner in enumerate(learners)}
    )

    def seat(low, high, rng):
        """A past workshop starting in [low, high) with a free seat, or None."""
        window = past[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]
        for _try in range(6):
            if not window:
                return None
            workshop = rng.choice(window)
            if workshop.seats > 0:
                workshop.seats -= 1
                return workshop
        return None

    enrolment_ids = bulk.Ids(Enrolment).take(len(learners))
    enrolment_of = {}
    counts = dict.fromkeys(["not_started", "in_progress", "completed"], 0)
    for enrolment_id, learner in zip(enrolment_ids, learners, strict=True):
        enrolment_of[learner.user_id] = enrolment_id
        rng = random.Random(f"{seed}/{plan.place[learner.user_id]}")
        required = lessons[learner.sector_id]
        days_in = (now - learner.enrolled_at).total_seconds() / 86400
        due = timedelta(days=due_days.get(learner.sector_id, DEFAULT_DUE_DAYS))
        ability = min(0.75, max(0.15, rng.gauss(0.42, 0.1)))
        gain = max(0.05, rng.gauss(0.27, 0.08))
        # The longer someone has been enrolled, the likelier they are to have finished.
        finishes = rng.random() < min(0.85, days_in / 110) * 0.9
        state = "completed" if finishes else "not_started"
        if not finishes and rng.random() < (0.35 if days_in < 20 else 0.75):
            state = "in_progress"
        end = now - timedelta(hours=2)
        if finishes:
            study_days = rng.uniform(0.25, 0.9) * min(days_in, rng.uniform(30, 140))
            end = learner.enrolled_at + timedelta(days=study_days)
        begin = learner.enrolled_at + min(
            timedelta(hours=rng.uniform(1, 72)), (end - learner.enrolled_at) / 4
        )
        attended = seat(begin, end - timedelta(hours=6), rng) if finishes else None
        if finishes and attended is None:
            state = "in_progress"  # no seat in time: still waiting for a workshop
        last_lesson, completed_at = None, None
        if state != "not_started":
            if course.pre_test_id and rng.random() < 0.92:
                plan.sit(course.pre_test_id, learner.user_id, 1, begin, ability, "pre")
            done = len(required) if state == "completed" else rng.randrange(1, len(required))
            span = (end - begin) * (1 if state == "completed" else rng.uniform(0.3, 1))
            for index, lesson in enumerate(required[:done]):
                at = begin + span * (index + 1) / (done + 2)
                if lesson.pk in lesson_quiz:
                    plan.checks.append(
                        (lesson, lesson_quiz[lesson.pk], learner.user_id, at, ability + gain / 2)
                    )
                else:
                    plan.lessons.append(
                        (learner.user_id, lesson.pk, at, LessonCompletion.Source.TRAINEE)
                    )
                last_lesson = lesson.pk
        if attended is not None:
            plan.attend(attended, learner, begin, Attendance.Status.PRESENT, rng)
        elif state == "in_progress" and rng.random() < 0.3:
            missed = seat(begin, end, rng)
            if missed is not None:
                excused = rng.random() < 0.4
                status = Attendance.Status.EXCUSED if excused else Attendance.Status.ABSENT
                plan.attend(missed, learner, begin, status, rng)
        if attended is None and upcoming and rng.random() < 0.25:
            workshop = rng.choice(upcoming)
            if workshop.seats > 0:
                workshop.seats -= 1
                registered = max(learner.enrolled_at, now - timedelta(days=rng.uniform(1, 6)))
                plan.registrations.append((workshop.pk, learner.user_id, registered))
        if state == "completed":
            completed_at = end
            if course.post_test_id:
                plan.sit(course.post_test_id, learner.user_id, 1, end, ability + gain, "post")
            if course.final_quiz_id and rng.random() < 0.9:
                first_try = end + timedelta(hours=rng.uniform(1, 72))
                plan.finals.append(
                    (
                        learner.user_id,
                        min(first_try, now - timedelta(hours=1)),
                        ability + gain + 0.05,
                    )
                )
        counts[state] += 1
        plan.enrolments.append(
            (
                enrolment_id,
                learner.user_id,
                course.pk,
                Enrolment.Source.PATH,
                learner.enrolled_at,
                learner.enrolled_at + due,
                last_lesson,
                completed_at,
            )
        )
    progress = Progress(counts=counts)
    progress.completed = [
        Finished(user_id, enrolment_id, completed_at)
        for enrolment_id, user_id, _c, _s, _e, _d, _l, completed_at in plan.enrolments
        if completed_at is not None
    ]
    # Quizzes in the order a person met them; checks and finals are retaken until passed.
    plan.submit(quizzes)
    plan.pass_checks(quizzes)
    for user_id, at in plan.pass_finals(quizzes.get(course.final_quiz_id), now):
        progress.final_passed.append(Finished(user_id, enrolment_of[user_id], at))
    bulk.insert(
        Enrolment,
        ["id", "user", "course", "source", "enrolled_at", "due_at", "last_lesson", "completed_at"],
        plan.enrolments,
    )
    _insert_with_ids(LessonCompletion, ["user", "lesson", "completed_at", "source"], plan.lessons)
    _insert_with_ids(SessionRegistration, ["session", "user", "registered_at"], plan.registrations)
    _insert_with_ids(
        Attendance,
        ["session", "user", "status", "recorded_by", "recorded_at"],
        [(s, u, status, trainer.pk, at) for s, u, status, at in plan.attendance],
    )
    return progress


@dataclass
class _Plan:
    seed: int
    # Each learner's place in the list: the random draws are keyed by it, not by the user id,
    # which differs between databases (PostgreSQL's sequences never go back), so that one seed
    # gives the same programme on SQLite and PostgreSQL.
    place: dict = field(default_factory=dict)  # user id → index
    enrolments: list = field(default_factory=list)
    lessons: list = field(default_factory=list)
    registrations: list = field(default_factory=list)
    attendance: list = field(default_factory=list)
    sittings: dict = field(default_factory=dict)  # quiz id → [Sitting]
    checks: list = field(default_factory=list)  # (lesson, quiz, user id, at, skill)
    finals: list = field(default_factory=list)  # (user id, first try, skill)

    def sit(self, quiz_id, user_id, number, at, skill, label):
        self.sittings.setdefault(quiz_id, []).append(
            self._sitting(user_id, number, at, skill, label)
        )

    def attend(self, workshop, learner, begin, status, rng):
        """Registered before the workshop began (and after enrolling), marked when it ended."""
        registered = max(begin, workshop.starts_at - timedelta(days=rng.uniform(2, 14)))
        registered = min(registered, workshop.starts_at - timedelta(hours=1))
        self.registrations.append((workshop.pk, learner.user_id, registered))
        self.attendance.append((workshop.pk, learner.user_id, status, workshop.ends_at))

    def submit(self, quizzes):
        for quiz_id, sittings in self.sittings.items():
            assessments_scale.submit_attempts(quiz=quizzes[quiz_id], sittings=sittings)

    def pass_checks(self, quizzes):
        """A lesson's check is taken until passed; the lesson is completed by the pass. A
        second try is made knowing the lesson (the key), as a trainee who rereads it would."""
        by_quiz = {}
        for check in self.checks:
            by_quiz.setdefault(check[1].pk, []).append(check)
        for quiz_id, checks in by_quiz.items():
            quiz = quizzes[quiz_id]
            first = assessments_scale.submit_attempts(
                quiz=quiz,
                sittings=[
                    self._sitting(user, 1, at, min(skill, 0.99), "check")
                    for _l, _q, user, at, skill in checks
                ],
            )
            retakes = [
                self._sitting(user, 2, at + timedelta(minutes=30), 1.0, "check")
                for (_l, _q, user, at, _s), result in zip(checks, first, strict=True)
                if not result.passed
            ]
            second = {
                g.user_id: g for g in assessments_scale.submit_attempts(quiz=quiz, sittings=retakes)
            }
            for (lesson, _q, user, _at, _s), result in zip(checks, first, strict=True):
                passed = result if result.passed else second[user]
                self.lessons.append(
                    (user, lesson.pk, passed.submitted_at, LessonCompletion.Source.QUIZ)
                )

    def pass_finals(self, quiz, now):
        """Up to the quiz's attempt limit (three if unlimited), a day or so apart, a little
        better each time; yields (user id, when passed) for those who pass."""
        if quiz is None:
            return
        limit = quiz.current_version.quiz_settings["max_attempts"] or 3
        waiting = self.finals
        for number in range(1, limit + 1):
            sittings = [
                self._sitting(user, number, at, min(skill + 0.07 * (number - 1), 0.99), "final")
                for user, at, skill in waiting
            ]
            graded = assessments_scale.submit_attempts(quiz=quiz, sittings=sittings)
            retry = []
            for (user, at, skill), result in zip(waiting, graded, strict=True):
                if result.passed:
                    yield user, result.submitted_at
                elif at + FINAL_GAP < now - timedelta(hours=1):
                    retry.append((user, at + FINAL_GAP, skill))
            waiting = retry

    def _sitting(self, user_id, number, at, skill, label):
        return assessments_scale.Sitting(
            user_id=user_id,
            number=number,
            started_at=at - timedelta(minutes=25),
            submitted_at=at,
            skill=skill,
            seed=f"{self.seed}/{self.place[user_id]}/{label}/{number}",
        )


def _insert_with_ids(model, fields, rows):
    ids = bulk.Ids(model).take(len(rows))
    bulk.insert(model, ["id", *fields], ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
    bulk.reset_sequences(model)
