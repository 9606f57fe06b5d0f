"""No input makes a traceback (issue 11, §5): every damaged file gets line-numbered messages,
at most the first hundred and then the count, is checked in a few seconds within the upload
limit, and writes nothing. A fuzz corpus of mutated files (built here from the demo bank and a
Moodle-like XML bank) runs through the importer.
"""

import copy
import io
import random

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from assessments import services
from assessments.demo import bank_text
from assessments.exchange import ExchangeError, dump_gift, dump_yaml, load_yaml
from assessments.models import Scenario
from assessments.taxonomy_data import all_tag_codes
from tests.assessments.test_moodle_xml import BANK
from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory
from tests.quiz_fixtures import SCENARIO

pytestmark = pytest.mark.django_db

DEMO_BANK = bank_text()


def refused(tmp_path, text, *args):
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_questions", str(path), *args, stderr=err, stdout=io.StringIO())
    return str(caught.value), err.getvalue().splitlines()


def test_deeply_nested_yaml_is_a_message_with_its_line(tmp_path):
    message, lines = refused(tmp_path, "- code: X\n  title: " + "[" * 50_000 + "\n")
    assert lines == ["bank.yaml, line 2: YAML: nested more than 40 levels deep"]
    assert message == "1 problem(s); nothing was imported."


def test_a_300_character_title_and_code_are_refused_with_their_lines(tmp_path):
    scenario = copy.deepcopy(SCENARIO)
    scenario["title"]["en"] = "A" * 300
    scenario["code"] = "SCN-" + "L" * 296
    _, lines = refused(tmp_path, dump_yaml([scenario]))
    code = "SCN-" + "L" * 36
    assert lines == [
        f"bank.yaml, line 1: scenario 1: code: {code}… is 300 characters long; a code has at "
        "most 40",
        "bank.yaml, line 2: scenario 1: title: 300 characters long; a title has at most 250",
    ]
    assert not Scenario.objects.exists()


def test_a_lone_surrogate_with_publish_is_a_message(tmp_path):
    text = dump_yaml([SCENARIO]).replace("A night call", "A night \\ud800call")
    text = text.replace("en: A night \\ud800call", 'en: "A night \\ud800call"')
    _, lines = refused(tmp_path, text, "--publish")
    assert lines == [
        "bank.yaml, line 3: SCN-HL-001: title.en: contains the character U+D800, which is not "
        "text (a control character or half of a broken character)"
    ]
    assert not Scenario.objects.exists()


def test_a_2_mb_answer_is_checked():
    """(How fast is bench/import_limits.py's to say: timed tests are flaky on a shared machine.)"""
    big = "x" * 2_000_000
    scenario = copy.deepcopy(SCENARIO)
    scenario["questions"][0]["options"][0]["text"]["en"] = big
    texts = {
        "yaml": dump_yaml([scenario]),
        "gift": f"::Q1::Which? || أي؟ {{={big} || نعم ~No || لا}}\n",
        "xml": BANK.replace("Take his number", big),
    }
    for kind, text in texts.items():
        plan = services.plan_import(text=text, scenario_code="SCN-HL-796", skip_unsupported=True)
        assert plan.changes[0].new, kind


def test_20000_duplicate_codes_print_100_problems_and_the_count(tmp_path):
    text = "- code: SCN-HL-001\n" + "  code: SCN-HL-001\n" * 20_000
    message, lines = refused(tmp_path, text)
    assert len(lines) == 101
    assert lines[4:6] == [
        "bank.yaml, line 1: SCN-HL-001: questions: required (at least one question)",
        "bank.yaml, line 2: SCN-HL-001: duplicate key 'code' (first at line 1)",
    ]
    assert lines[-1] == "… and 19905 more problem(s)."
    assert message == "20005 problem(s); nothing was imported."


def test_20000_gift_questions_with_one_code(tmp_path):
    path = tmp_path / "bank.gift"
    path.write_text("::Q1:: Safe? || آمن؟ {T}\n\n" * 20_000, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^19999 problem"):
        call_command("import_questions", str(path), "--scenario-code", "SCN-HL-795", stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0] == (
        "bank.gift, line 3: SCN-HL-795 \u203a Q1: duplicate question code Q1 (first at line 1)"
    )
    assert (len(lines), lines[-1]) == (101, "… and 19899 more problem(s).")


def test_the_admin_page_lists_the_first_100_problems_and_the_count(client):
    sign_in(client, with_mfa(UserFactory(role="Trainer")))
    upload = io.BytesIO(("- code: SCN-HL-001\n" + "  code: SCN-HL-001\n" * 20_000).encode())
    upload.name = "bank.yaml"
    response = client.post("/admin/question-import/", {"file": upload})
    assert response.status_code == 400
    assert response.text.count('<tr class="import-problem">') == 100
    assert "20005 problems; nothing was imported." in response.text
    assert "… and 19905 more problems." in response.text


# ---------------------------------------------------------------------------------------------
# Fuzz: mutated files of every format


# Syntax of every format, characters no database stores, and markup.
_JUNK = ["{", "}", "::", "#", "####", ":", "- ", "\t", "||", "->", "=", "~", "%", "\\", "<"]
_JUNK += ["]]>", "&amp;", "&x;", "\x00", "\ud800", "\u202e", "'", '"', "*", "&", "\n", "[html]"]


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    kind = rng.randrange(6)
    if kind == 0:
        return text[: rng.randrange(len(text))]
    if kind == 1 and len(lines) > 1:
        del lines[rng.randrange(len(lines))]
    elif kind == 2:
        index = rng.randrange(len(lines))
        lines.insert(index, lines[index])
    elif kind == 3:
        index = rng.randrange(len(lines))
        lines[index] = ("  " if rng.random() < 0.5 else "") + lines[index].strip()
    else:
        position = rng.randrange(len(text))
        junk = "".join(rng.choice(_JUNK) for _ in range(rng.randrange(1, 4)))
        cut = position + (rng.randrange(3) if kind == 4 else 0)
        return text[:position] + junk + text[cut:]
    return "\n".join(lines)


def _corpus() -> list[tuple[str, str]]:
    scenarios = load_yaml(DEMO_BANK, known_tags=all_tag_codes())
    first = copy.deepcopy(scenarios[0])
    first["questions"] = [q for q in first["questions"] if q["type"] != "ordering"]
    sources = {"yaml": DEMO_BANK, "gift": dump_gift(first), "xml": BANK}
    rng = random.Random(20261202)
    return [
        (f"{kind}-{number}", _mutate(source, rng))
        for kind, source in sources.items()
        for number in range(20)
    ]


def _written() -> tuple[int, int]:
    return Scenario.objects.count(), Revision.objects.count()


def test_damaged_files_give_messages_and_write_nothing():
    rng = random.Random(7)
    outcomes = {"refused": 0, "imported": 0}
    for name, text in _corpus():
        before = _written()
        try:
            services.import_file(
                text=text,
                scenario_code="SCN-FZ-001",
                skip_unsupported=rng.random() < 0.5,
                language=rng.choice([None, "en", "ar"]),
            )
        except ExchangeError as error:
            assert error.problems, name
            assert all(isinstance(problem.message, str) for problem in error.problems), name
            assert _written() == before, name
            outcomes["refused"] += 1
        except services.RemovalNotConfirmed:
            assert _written() == before, name
            outcomes["refused"] += 1
        else:
            outcomes["imported"] += 1
    assert outcomes["refused"] >= 30, outcomes
