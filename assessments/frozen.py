"""A quiz version's frozen questions, read and parsed once per process.

A version never changes once published (a regrade keeps its corrected key apart, in `Regrade`),
and a scenario final's scenarios are hundreds of KB of JSON: every save and every hand-in of the
whole cohort would otherwise read and parse them again. The cache is keyed by the version's id
and creation time, so a database restored or rebuilt under the same ids is never answered from
another version's questions; it holds a few versions, the ones being sat.

What it returns is shared by every request of the process: read it, never change it.
"""

from collections import OrderedDict
from threading import Lock

from .models import QuizVersion

_KEPT = 8
_questions: OrderedDict[tuple, dict[str, dict]] = OrderedDict()
_lock = Lock()


def questions(version: QuizVersion) -> dict[str, dict]:
    """Every question of `version`, keyed "SCENARIO/QUESTION" (`services.questions_by_key`).
    `version` may have its scenarios deferred: they are read only on a miss."""
    key = (version.pk, version.created_at)
    with _lock:
        found = _questions.get(key)
        if found is not None:
            _questions.move_to_end(key)
            return found
    # Imported here: services imports this module.
    from .services import questions_by_key

    if "scenarios" in version.get_deferred_fields():
        scenarios = QuizVersion.objects.filter(pk=version.pk).values_list("scenarios", flat=True)
        parsed = questions_by_key(scenarios.get())
    else:
        parsed = questions_by_key(version.scenarios)
    with _lock:
        _questions[key] = parsed
        while len(_questions) > _KEPT:
            _questions.popitem(last=False)
    return parsed


def forget() -> None:
    """Empty the cache (tests, whose rolled-back versions reuse ids)."""
    with _lock:
        _questions.clear()
