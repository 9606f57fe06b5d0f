"""Who may start a quiz, and who may preview it.

Only a layer above knows where a quiz is used: courses hold quizzes (pre-test, post-test, scenario
final, and quiz blocks in lessons) and know who is enrolled. Assessments may not import courses, so
a layer above registers a *start rule* here from its AppConfig.ready() (courses does, in
courses/quiz_access.py); a person may start a quiz when a registered rule says yes.

A quiz that no rule vouches for (one that no course holds, or held only by courses the person is
not enrolled in) cannot be started by anybody. An attempt is learner state: it counts towards
course completion, certificates and the analytics of a cohort, and outside a course there is no
enrolment that says whose cohort an attempt belongs to. So "signed in" is never enough (that is how
an organisation manager came to sit the scenario final). Authors, the people who may change
quizzes in the admin, look at any quiz through its preview instead, which records nothing.

A rule may also refuse a person it *is* responsible for, saying why and what they still have to
do (courses open a course's scenario final only once its required lessons, and the workshop where
the course requires one, are done): the quiz page shows that list instead of the Start button.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """Something the person still has to do before the quiz opens, for them to read; `url`
    (possibly empty) is where they do it."""

    label: str
    url: str = ""


@dataclass(frozen=True)
class StartCheck:
    """A start rule's answer for one person and one quiz. Refused with an empty `reason`: the
    rule does not hold the quiz for this person (not enrolled). Refused with a `reason`: it
    does, but not yet; `missing` lists what is still to do."""

    allowed: bool
    reason: str = ""
    missing: tuple[Step, ...] = ()


NOT_HELD = StartCheck(allowed=False)

StartRule = Callable[..., StartCheck]  # rule(*, user, quiz) -> StartCheck

_start_rules: list[StartRule] = []


def register_start_rule(rule: StartRule) -> None:
    """Called from a higher app's AppConfig.ready(); registering the same rule twice is harmless."""
    if rule not in _start_rules:
        _start_rules.append(rule)


def start_check(*, user, quiz) -> StartCheck:
    """Allowed when a registered rule allows; otherwise the first refusal that says why (a
    prerequisite not met), or NOT_HELD when no rule holds the quiz for this person."""
    if not user.is_authenticated or not user.is_active:
        return NOT_HELD
    refusals = []
    for rule in _start_rules:
        check = rule(user=user, quiz=quiz)
        if check.allowed:
            return check
        if check.reason:
            refusals.append(check)
    return refusals[0] if refusals else NOT_HELD


def may_start(*, user, quiz) -> bool:
    return start_check(user=user, quiz=quiz).allowed


def may_preview(user) -> bool:
    """Authors: whoever may change quizzes in the admin."""
    return user.is_authenticated and user.has_perm("assessments.change_quiz")
