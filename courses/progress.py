"""Due-date states and progress arithmetic: pure functions, no database."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from cms.content_warnings import reader_label

DUE_SOON_WINDOW = timedelta(days=14)


class DueState(StrEnum):
    COMPLETE = "complete"
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NO_DUE_DATE = "no_due_date"


def due_state(*, due_at: datetime | None, completed_at: datetime | None, now: datetime) -> DueState:
    if completed_at is not None:
        return DueState.COMPLETE
    if due_at is None:
        return DueState.NO_DUE_DATE
    if now > due_at:
        return DueState.OVERDUE
    if due_at - now <= DUE_SOON_WINDOW:
        return DueState.DUE_SOON
    return DueState.ON_TIME


def percent(done: int, total: int) -> int:
    """Whole percent, rounded down so that 100 means truly everything."""
    return 100 if total == 0 else (100 * done) // total


@dataclass
class LessonProgress:
    lesson_id: int  # the canonical lesson
    title: str
    url: str
    required: bool
    complete: bool


@dataclass
class ModuleProgress:
    module_id: int
    code: str
    title: str
    required: bool
    content_warning: str = "CW0"
    lessons: list[LessonProgress] = field(default_factory=list)

    @property
    def content_warning_label(self) -> str:
        """The module's warning in words for the reader (never its code); empty for none."""
        return reader_label(self.content_warning)

    @property
    def required_lessons(self) -> list[LessonProgress]:
        return [lesson for lesson in self.lessons if lesson.required] if self.required else []

    @property
    def done(self) -> int:
        return sum(lesson.complete for lesson in self.required_lessons)

    @property
    def total(self) -> int:
        return len(self.required_lessons)

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


@dataclass(frozen=True)
class Link:
    """Somewhere a "previous" or "next" link leads that is not a lesson: a quiz or the course."""

    url: str
    title: str


def neighbours(items: list, index: int) -> tuple[object | None, object | None]:
    """The items before and after position `index` of a course's lessons in reading order,
    across its modules; None at either end."""
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following


@dataclass(frozen=True)
class NextStep:
    kind: str  # "pre_test", "lesson", "post_test" or "session"
    url: str
    title: str


def next_step(*, pre_test, lesson, post_test, session) -> NextStep | None:
    """The one next thing a course asks of someone, given what is still open (None where done,
    or not asked): the pre-test comes before the first lesson (knowledge gain is measured
    from it), then the lessons, then the post-test, then attending a session."""
    if pre_test is not None:
        return NextStep("pre_test", pre_test.url, pre_test.title)
    if lesson is not None:
        return NextStep("lesson", lesson.url, lesson.title)
    if post_test is not None:
        return NextStep("post_test", post_test.url, post_test.title)
    if session is not None:
        return NextStep("session", session.url, session.title)
    return None
