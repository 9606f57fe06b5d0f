"""Nothing is lost between a file, the bank and a frozen version (issue 11, §2): the whole demo
bank goes file -> import -> export, and the export is compared with the file field by field.

Only what the exchange format says carries no meaning is normalised (docs/exchange-format.md,
"What a round trip keeps"): the order of the scenarios in a file and of a scenario's roles and
tags (sets: the bank keys scenarios by code and stores roles and tags unordered), whitespace
around a text, how a number is written (``2`` and ``2.0``), and a key left out versus written
with its default value. Every other difference, above all a field the bank does not give back,
fails the test with its path.
"""

import copy
from decimal import Decimal

import pytest
import yaml

from assessments import demo, services
from assessments.exchange_io import dump_yaml
from assessments.models import Quiz, QuizItem, Scenario

pytestmark = pytest.mark.django_db

DEMO_BANK = demo.bank_text()

# A key the writer may add with its default where the file left it out.
DEFAULTS = {
    "roles": [],
    "tags": [],
    "points": 1,
    "scoring": "partial",
    "critical": False,
    "correct": False,
}
# Unordered lists, by their key: a scenario's roles and tags.
UNORDERED = {("scenario", "roles"), ("scenario", "tags")}
# What each key holds, to know the level of a mapping below it.
LEVEL_BELOW = {"questions": "question", "options": "option", "pairs": "pair"}


def differences(written, exported) -> list[str]:
    """Every way ``exported`` (a list of scenarios) differs from ``written``, as 'path: what'."""
    problems: list[str] = []
    by_code = {scenario["code"]: scenario for scenario in exported}
    for scenario in written:
        code = scenario["code"]
        if code not in by_code:
            problems.append(f"{code}: scenario dropped")
            continue
        _compare(scenario, by_code.pop(code), code, "scenario", problems)
    problems += [f"{code}: scenario added" for code in by_code]
    return problems


def _compare(written, exported, path: str, level: str, problems: list[str]) -> None:
    if isinstance(written, dict):
        if not isinstance(exported, dict):
            problems.append(f"{path}: a mapping became {exported!r}")
            return
        for key, value in written.items():
            if key not in exported:
                problems.append(f"{path}.{key}: dropped")
            else:
                _compare(value, exported[key], f"{path}.{key}", _below(level, key), problems)
        for key in exported.keys() - written.keys():
            if key not in DEFAULTS or not _same_scalar(DEFAULTS[key], exported[key]):
                problems.append(f"{path}.{key}: added ({exported[key]!r})")
        return
    if isinstance(written, list):
        if not isinstance(exported, list):
            problems.append(f"{path}: a list became {exported!r}")
            return
        key = path.rpartition(".")[2]
        if (level, key) in UNORDERED:
            written, exported = sorted(map(str, written)), sorted(map(str, exported))
        if len(written) != len(exported):
            problems.append(f"{path}: {len(written)} entries became {len(exported)}")
        for index, (one, other) in enumerate(zip(written, exported, strict=False)):
            name = one.get("code", index) if isinstance(one, dict) else index
            _compare(one, other, f"{path}[{name}]", level, problems)
        return
    if not _same_scalar(written, exported):
        problems.append(f"{path}: {written!r} became {exported!r}")


def _below(level: str, key: str) -> str:
    return LEVEL_BELOW.get(key, level)


def _same_scalar(one, other) -> bool:
    if isinstance(one, bool) or isinstance(other, bool):
        return one is other
    numbers = (int, float, Decimal)
    if isinstance(one, numbers) and isinstance(other, numbers):
        return Decimal(str(one)) == Decimal(str(other))
    if isinstance(one, str) and isinstance(other, str):
        return one.strip() == other.strip()
    return one == other


def _pair_fields(scenarios) -> tuple[int, int]:
    pairs = [
        pair
        for scenario in scenarios
        for question in scenario["questions"]
        for pair in question.get("pairs", [])
    ]
    bilingual = sum(1 for p in pairs if p.get("feedback", {}).keys() == {"en", "ar"})
    return bilingual, sum(len(p.get("tags", [])) for p in pairs)


def test_the_whole_demo_bank_comes_back_field_by_field():
    """File -> import -> export, and file -> import -> frozen quiz version: both give back
    every field of the file."""
    text = DEMO_BANK
    written = yaml.safe_load(text)
    services.import_file(name="demo_bank.yaml", text=text, publish=True)

    exported = yaml.safe_load(services.export_scenarios())
    assert len(written) == len(exported) == 30
    assert differences(written, exported) == []
    # The fields the pair block used to drop, counted on both sides.
    assert _pair_fields(written) == (46, 77)
    assert _pair_fields(exported) == (46, 77)

    quiz = Quiz.objects.create(code="QZ-ALL", title_en="Everything", title_ar="الكل")
    for order, scenario in enumerate(Scenario.objects.order_by("code")):
        QuizItem.objects.create(quiz=quiz, scenario=scenario, sort_order=order)
    version = services.freeze_version(quiz=quiz)
    assert differences(written, yaml.safe_load(dump_yaml(version.scenarios))) == []
    assert _pair_fields(version.scenarios) == (46, 77)


def test_the_comparison_names_a_dropped_or_changed_field():
    """The test above fails if the bank loses or changes a field: the comparison names each
    one, and lets pass only what the format says carries no meaning."""
    written = yaml.safe_load(DEMO_BANK)
    changed = copy.deepcopy(written)
    changed.reverse()  # the order of scenarios: no meaning
    scenario = next(s for s in changed if s["code"] == "SCN-LI-002")
    scenario["roles"].reverse()  # a set: no meaning
    scenario["title"]["en"] = f"  {scenario['title']['en']}\n"  # surrounding whitespace
    first = scenario["questions"][0]
    first["points"] = float(first.get("points", 1))  # 1 and 1.0 are the same number
    first["scoring"] = first.get("scoring", "partial")
    matching = next((s, q) for s in changed for q in s["questions"] if q["type"] == "matching")
    owner, question = matching
    del question["pairs"][0]["feedback"]
    tags = len(question["pairs"][1]["tags"])
    question["pairs"][1]["tags"] = []
    question["pairs"][1]["answer"]["text"]["ar"] = "نص آخر"
    first["stem"]["en"] = first["stem"]["en"] + " Really?"
    where = f"{owner['code']}.questions[{question['code']}]"
    original = next(s for s in written if s["code"] == "SCN-LI-002")["questions"][0]
    before = next(s for s in written if s["code"] == owner["code"])
    answer = next(q for q in before["questions"] if q["code"] == question["code"])
    assert differences(written, changed) == [
        f"SCN-LI-002.questions[{first['code']}].stem.en: {original['stem']['en']!r} became "
        f"{first['stem']['en']!r}",
        f"{where}.pairs[P1].feedback: dropped",
        f"{where}.pairs[P2].answer.text.ar: "
        f"{answer['pairs'][1]['answer']['text']['ar']!r} became 'نص آخر'",
        f"{where}.pairs[P2].tags: {tags} entries became 0",
    ]
