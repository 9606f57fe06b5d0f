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
"""

from collections.abc import Callable

StartRule = Callable[..., bool]  # rule(*, user, quiz) -> True if this person may start it

_start_rules: list[StartRule] = []


def register_start_rule(rule: StartRule) -> None:
    """Called from a higher app's AppConfig.ready(); registering the same rule twice is harmless."""
    if rule not in _start_rules:
        _start_rules.append(rule)


def may_start(*, user, quiz) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return any(rule(user=user, quiz=quiz) for rule in _start_rules)


def may_preview(user) -> bool:
    """Authors: whoever may change quizzes in the admin."""
    return user.is_authenticated and user.has_perm("assessments.change_quiz")
