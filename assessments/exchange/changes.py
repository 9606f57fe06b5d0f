"""What an import would do to the bank: the scenarios as they will be saved, and per scenario
what changes (new; questions added, changed, removed; options removed; fields changed).

Pure Python over the normal form (the bank's scenarios come in as ``Scenario.to_exchange``
gives them), so the summary a dry run prints is the one a real run acts on.

A file that holds scenarios (YAML) replaces each scenario it names, whole: a question left out
of the file is removed from the scenario. A file that holds only questions (GIFT, Moodle XML;
``Reading.questions_only``) adds and updates questions: an existing scenario keeps its title,
case text, content warning, roles, tags and the questions the file does not name, and an
updated question keeps what the format cannot hold (``Reading.kept_fields``: its points,
scoring, criticality, tags; an option's or pair's tags when its code and text are unchanged).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .checker import LANGUAGES, SEP

_SCENARIO_FIELDS = ("title", "case_text", "content_warning", "roles", "tags", "fictional")
_ENTRY_LISTS = (("options", "option"), ("pairs", "pair"), ("spare_answers", "spare answer"))


@dataclass
class ScenarioChange:
    """One scenario's part of an import. Lists hold codes (``Q2``) or, for options, places
    (``Q2 \\u203a option C``), in the scenario's order."""

    code: str
    new: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    removed_options: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    untranslated: int = 0

    @property
    def removes(self) -> bool:
        """Whether the import takes questions or options away from the scenario."""
        return bool(self.removed or self.removed_options)

    @property
    def unchanged(self) -> bool:
        return not (self.new or self.added or self.changed or self.removed or self.fields)


def merge(existing: dict | None, incoming: dict, *, questions_only: bool, kept: tuple) -> dict:
    """The scenario as the import will save it (module docstring)."""
    if existing is None:
        return incoming
    if not questions_only:
        return _keep_translations(existing, incoming)
    by_code = {question["code"]: question for question in incoming["questions"]}
    questions = []
    for question in existing["questions"]:
        update = by_code.pop(question["code"], None)
        if update is None:
            questions.append(question)
        else:
            questions.append(_keep(question, _keep_translations(question, update), kept))
    questions.extend(by_code.values())  # new questions, in the file's order
    return {**existing, "questions": questions}


def _keep_translations(old, new):
    """`new`, where a text comes in one language only and that language's text is unchanged,
    with the other language kept from `old`: a single-language file (a Moodle export) updating a
    bilingual bank must not empty the translations it does not carry. A text whose language did
    change keeps the other side empty, since the old translation no longer says the same thing,
    and the scenario is marked as needing translation. Entries are matched by their code."""
    if _is_text(old) and _is_text(new):
        first, second = LANGUAGES
        kept = dict(new)
        for empty, written in ((first, second), (second, first)):
            if not new.get(empty) and new.get(written) and new.get(written) == old.get(written):
                kept[empty] = old.get(empty, "")
        return kept
    if isinstance(old, dict) and isinstance(new, dict):
        return {key: _keep_translations(old.get(key), value) for key, value in new.items()}
    if isinstance(old, list) and isinstance(new, list):
        before = {entry.get("code"): entry for entry in old if isinstance(entry, dict)}
        return [
            _keep_translations(before.get(entry.get("code")), entry)
            if isinstance(entry, dict) and entry.get("code") in before
            else entry
            for entry in new
        ]
    return new


def _is_text(value) -> bool:
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def _keep(old: dict, new: dict, kept: tuple) -> dict:
    result = dict(new)
    for key in kept:
        if key in old:
            result[key] = old[key]
    if "tags" in kept:
        for list_key, _noun in _ENTRY_LISTS:
            if list_key not in new or list_key == "spare_answers":
                continue
            before = {entry["code"]: entry for entry in old.get(list_key, [])}
            result[list_key] = [
                {**entry, "tags": before[entry["code"]].get("tags", [])}
                if _same_entry(before.get(entry["code"]), entry)
                else entry
                for entry in new[list_key]
            ]
    return result


def _same_entry(old: dict | None, new: dict) -> bool:
    if old is None:
        return False
    text_key = "prompt" if "prompt" in new else "text"
    return old.get(text_key) == new.get(text_key)


def compare(existing: dict | None, planned: dict) -> ScenarioChange:
    """What saving ``planned`` over ``existing`` (None for a new scenario) changes."""
    change = ScenarioChange(code=planned["code"], new=existing is None)
    change.untranslated = untranslated(planned)
    if existing is None:
        change.added = [question["code"] for question in planned["questions"]]
        return change
    change.fields = [
        key
        for key in _SCENARIO_FIELDS
        if _canonical(existing.get(key)) != _canonical(planned.get(key))
    ]
    before = {question["code"]: question for question in existing["questions"]}
    after = {question["code"]: question for question in planned["questions"]}
    for code, question in after.items():
        if code not in before:
            change.added.append(code)
        elif _canonical(before[code]) != _canonical(question):
            change.changed.append(code)
            change.removed_options.extend(_removed_entries(before[code], question))
    change.removed = [code for code in before if code not in after]
    return change


def _removed_entries(old: dict, new: dict) -> list[str]:
    removed = []
    for list_key, noun in _ENTRY_LISTS:
        kept = {entry["code"] for entry in new.get(list_key, [])}
        removed.extend(
            f"{old['code']}{SEP}{noun} {entry['code']}"
            for entry in old.get(list_key, [])
            if entry["code"] not in kept
        )
    return removed


def _canonical(value):
    """A value with numbers compared by amount (``2``, ``"2"`` and ``"2.00"`` are the same
    points) and absent defaults not told apart from written ones."""
    if isinstance(value, dict):
        return {
            key: _canonical(item)
            for key, item in value.items()
            if item not in (None, [], {}) and not (key == "correct" and item is False)
        }
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int | str) and not isinstance(value, bool):
        try:
            return Decimal(str(value)).normalize() if _numeric(value) else value
        except ArithmeticError:
            return value
    return value


def _numeric(value) -> bool:
    return isinstance(value, int) or (
        isinstance(value, str) and value.replace(".", "", 1).lstrip("-").isdigit()
    )


def untranslated(scenario: dict) -> int:
    """How many of the scenario's texts have one language empty (a single-language import)."""
    count = 0
    stack: list = [scenario]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if set(value) == set(LANGUAGES):
                count += sum(1 for lang in LANGUAGES if not value[lang]) == 1
            else:
                stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return count
