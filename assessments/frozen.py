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
_kept: OrderedDict[tuple, tuple[dict[str, dict], dict[str, dict]]] = OrderedDict()
_lock = Lock()


def questions(version: QuizVersion) -> dict[str, dict]:
    """Every question of `version`, keyed "SCENARIO/QUESTION" (`services.questions_by_key`).
    `version` may have its scenarios deferred: they are read only on a miss."""
    return _parsed(version)[0]


def scenarios(version: QuizVersion) -> dict[str, dict]:
    """Every scenario of `version` as frozen, keyed by its code."""
    return _parsed(version)[1]


def _parsed(version: QuizVersion) -> tuple[dict[str, dict], dict[str, dict]]:
    key = (version.pk, version.created_at)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    # Imported here: services imports this module.
    from .services import questions_by_key

    if "scenarios" in version.get_deferred_fields():
        rows = QuizVersion.objects.filter(pk=version.pk).values_list("scenarios", flat=True)
        frozen = rows.get()
    else:
        frozen = version.scenarios
    parsed = (questions_by_key(frozen), {scenario["code"]: scenario for scenario in frozen})
    with _lock:
        _kept[key] = parsed
        while len(_kept) > _KEPT:
            _kept.popitem(last=False)
    return parsed


def forget() -> None:
    """Empty the cache (tests, whose rolled-back versions reuse ids)."""
    with _lock:
        _kept.clear()
