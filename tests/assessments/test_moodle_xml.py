"""Moodle XML question banks (issue 11, §4): categories become scenarios, every supported type
is read into the normal form, HTML becomes plain text, what cannot be carried is noted, and
unsupported questions are reported by name and number or skipped on request.

The bank below is a fictional composite written for these tests in Moodle's export format.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from assessments.exchange import ExchangeError, Problem, detect_format, read_file
from assessments.models import Scenario
from tests.assessments.exchange_helpers import KNOWN

BANK = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category><text>$course$/top/Hotline calls</text></category>
    <info format="html"><text></text></info>
    <idnumber>SCN-HL-700</idnumber>
  </question>
  <question type="description">
    <name><text>The call</text></name>
    <questiontext format="html"><text><![CDATA[<p>Rami, a fictional driver, calls at night. \
His <em>employer</em> holds his passport.</p><p><img src="@@PLUGINFILE@@/route.png" alt=""></p>]]>\
</text></questiontext>
  </question>
  <question type="multichoice">
    <name><text>First step</text></name>
    <questiontext format="html"><text><![CDATA[<p>What do you do <b>first</b>?</p>]]></text>\
</questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>Read the \
<a href="https://example.org/safety">safety guide</a>.</p>]]></text></generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <single>true</single>
    <answer fraction="100" format="html"><text>Ask if he can talk safely</text>\
<feedback format="html"><text>Yes.</text></feedback></answer>
    <answer fraction="50" format="html"><text>Take his number</text>\
<feedback format="html"><text></text></feedback></answer>
    <answer fraction="-25" format="html"><text>Call the employer</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Name it</text></name>
    <questiontext format="html"><text>Name the indicator.</text></questiontext>
    <answer fraction="100"><text>retention</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Indicators</text></name>
    <idnumber>IND</idnumber>
    <questiontext format="plain_text"><text>Which indicators are present?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Passport held</text></answer>
    <answer fraction="50"><text>Unpaid wages</text></answer>
    <answer fraction="-100"><text>Night work</text></answer>
    <tags><tag><text>ILO-07</text></tag><tag><text>week 3</text></tag></tags>
  </question>
  <question type="category">
    <category><text>$course$/top/Hotline calls/Follow-up</text></category>
  </question>
  <question type="truefalse">
    <name><text>Consent</text></name>
    <questiontext format="moodle_auto_format"><text>Consent makes it lawful.</text></questiontext>
    <answer fraction="0"><text>true</text><feedback><text>No.</text></feedback></answer>
    <answer fraction="100"><text>false</text><feedback><text>Right.</text></feedback></answer>
  </question>
  <question type="matching">
    <name><text>Q2</text></name>
    <questiontext format="html"><text>Match each fact.</text></questiontext>
    <subquestion format="html"><text><![CDATA[<p>Passport kept</p>]]></text>\
<answer><text>Retention of documents</text></answer></subquestion>
    <subquestion format="html"><text><![CDATA[<p>Gate locked</p>]]></text>\
<answer><text>Restriction of movement</text></answer></subquestion>
    <subquestion format="html"><text><![CDATA[<p></p>]]></text>\
<answer><text>Excessive overtime</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>Steps</text></name>
    <questiontext format="markdown"><text>Put the steps in **order**.</text></questiontext>
    <answer fraction="2.0000000"><text>Record the facts</text></answer>
    <answer fraction="1.0000000"><text>Check safety</text></answer>
    <answer fraction="3.0000000"><text>Refer</text></answer>
  </question>
  <question type="essay">
    <name><text>Reflect</text></name>
    <questiontext format="html"><text>Reflect on the call.</text></questiontext>
  </question>
</quiz>
"""


def en(text):
    return {"en": text, "ar": ""}


def line_of(snippet: str, text: str = BANK) -> int:
    """The line of BANK a snippet starts on (the file's lines, as Moodle would number them)."""
    return text[: text.index(snippet)].count("\n") + 1


def test_the_format_is_told_by_the_content():
    assert detect_format(BANK) == "moodle_xml"
    assert detect_format("# a comment\n- code: X\n") == "yaml"
    assert detect_format("// comment\n::Q1::x {T}\n") == "gift"


def test_unsupported_questions_are_reported_by_name_and_number():
    with pytest.raises(ExchangeError) as caught:
        read_file(BANK, known_tags=KNOWN, scenario_code="SCN-HL-799")
    assert caught.value.problems == [
        Problem(
            line_of('<question type="shortanswer">'),
            "SCN-HL-700 \u203a Q2 (question 3 “Name it”)",
            "Moodle short answer questions (shortanswer) are not supported",
        ),
        Problem(
            line_of('<question type="essay">'),
            "SCN-HL-799 \u203a Q4 (question 8 “Reflect”)",
            "Moodle essay questions (essay) are not supported",
        ),
    ]


def test_a_bank_with_categories_imports_every_supported_type():
    reading = read_file(BANK, known_tags=KNOWN, scenario_code="SCN-HL-799", skip_unsupported=True)
    first, second = reading.scenarios
    assert [problem.where for problem in reading.skipped] == [
        "SCN-HL-700 \u203a Q2 (question 3 “Name it”)",
        "SCN-HL-799 \u203a Q4 (question 8 “Reflect”)",
    ]
    # The category with an id number keeps it; the other takes the code given.
    assert (first["code"], second["code"]) == ("SCN-HL-700", "SCN-HL-799")
    assert first["title"] == en("Hotline calls")
    assert second["title"] == en("Follow-up")
    assert first["case_text"] == en(
        "Rami, a fictional driver, calls at night. His *employer* holds his passport."
    )
    step, indicators = first["questions"]
    assert step == {
        "code": "Q1",
        "type": "single_choice",
        "stem": en("What do you do **first**?"),
        "points": 2,
        "scoring": "partial",
        "critical": False,
        "tags": [],
        "options": [
            {"code": "A", "text": en("Ask if he can talk safely"), "weight": 100, "tags": [],
             "feedback": en("Yes.")},
            {"code": "B", "text": en("Take his number"), "weight": 50, "tags": []},
            {"code": "C", "text": en("Call the employer"), "weight": 0, "tags": []},
        ],
        "general_feedback": en("Read the safety guide (https://example.org/safety)."),
    }  # fmt: skip
    assert indicators["code"] == "IND"
    assert indicators["type"] == "multiple_response"
    assert [o["correct"] for o in indicators["options"]] == [True, True, False]
    assert indicators["tags"] == ["ILO-07"]
    consent, matching, steps = second["questions"]
    assert consent["type"] == "true_false"
    assert [(o["code"], o["correct"], o["feedback"]) for o in consent["options"]] == [
        ("T", False, en("No.")),
        ("F", True, en("Right.")),
    ]
    assert matching["code"] == "Q2"
    assert [(p["prompt"], p["answer"]["code"]) for p in matching["pairs"]] == [
        (en("Passport kept"), "M1"),
        (en("Gate locked"), "M2"),
    ]
    assert matching["spare_answers"] == [{"code": "M3", "text": en("Excessive overtime")}]
    assert steps["stem"] == en("Put the steps in **order**.")
    assert [o["text"]["en"] for o in steps["options"]] == [
        "Check safety",
        "Record the facts",
        "Refer",
    ]
    description = line_of('<question type="description">')
    first_step = line_of('<question type="multichoice">')
    negative = line_of('<answer fraction="-25"')
    tags = line_of("<tags>")
    assert [str(note) for note in reading.notes] == [
        f"line {description}: SCN-HL-700 \u203a question 1 “The "
        "call”: image route.png left out: add it by hand",
        f"line {first_step}: SCN-HL-700 \u203a Q1 (question 2 "
        "“First step”): penalty 0.3333333 ignored: Himaya scores each attempt whole",
        f"line {negative}: SCN-HL-700 \u203a Q1 (question 2 “First "
        "step”) \u203a option C: fraction -25 % counted as 0: a single choice option earns from "
        "0 to 100",
        f"line {tags}: SCN-HL-700 \u203a IND (question 4 “Indicators”): tag 'week "
        "3' is not a taxonomy code: left out",
    ]


def test_bilingual_moodle_texts_and_a_missing_translation():
    bank = """<?xml version="1.0"?><quiz>
<question type="truefalse"><name><text>Q1</text></name>
<questiontext format="html"><text>Consent matters. || الموافقة مهمة.</text></questiontext>
<answer fraction="0"><text>true</text><feedback><text>No. || لا.</text></feedback></answer>
<answer fraction="100"><text>false</text></answer></question>
<question type="truefalse"><name><text>Q2</text></name>
<questiontext format="html"><text>Debt is a means.</text></questiontext>
<answer fraction="100"><text>true</text></answer>
<answer fraction="0"><text>false</text></answer></question>
</quiz>"""
    with pytest.raises(ExchangeError) as caught:
        read_file(bank, known_tags=KNOWN, scenario_code="SCN-HL-798")
    assert [str(problem) for problem in caught.value.problems] == [
        "line 6: SCN-HL-798 \u203a Q2: stem: missing Arabic translation (ar)"
    ]


def test_moodle_multilang_texts_fill_both_languages():
    """Moodle's multilang filter (<span lang class="multilang">) and multilang2 ({mlang}):
    each language goes to its own side, in whichever order and region they are written."""
    stem = (
        '<span lang="ar_sa" class="multilang">الدين <b>وسيلة</b>.</span>'
        '<span class="multilang" lang="en">Debt is a <b>means</b>.</span>'
    )
    feedback = "{mlang en}Yes.{mlang}{mlang ar}نعم.{mlang}"
    bank = f"""<?xml version="1.0"?><quiz>
<question type="truefalse"><name><text>Q1</text></name>
<questiontext format="html"><text><![CDATA[{stem}]]></text></questiontext>
<answer fraction="100"><text>true</text>
<feedback format="html"><text><![CDATA[{feedback}]]></text></feedback></answer>
<answer fraction="0"><text>false</text></answer></question>
</quiz>"""
    question = read_file(bank, known_tags=KNOWN, scenario_code="SCN-HL-797").scenarios[0][
        "questions"
    ][0]
    assert question["stem"] == {"en": "Debt is a **means**.", "ar": "الدين **وسيلة**."}
    assert question["options"][0]["feedback"] == {"en": "Yes.", "ar": "نعم."}


def test_gift_multilang_texts_fill_both_languages():
    source = (
        '[html]<span lang="en" class="multilang">Debt is a means.</span>'
        '<span lang="ar" class="multilang">الدين وسيلة.</span>{T}\n'
    )
    question = read_file(source, known_tags=KNOWN, scenario_code="SCN-HL-797").scenarios[0][
        "questions"
    ][0]
    assert question["stem"] == {"en": "Debt is a means.", "ar": "الدين وسيلة."}


def test_entities_and_doctypes_are_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>&b;</quiz>'
    )
    with pytest.raises(ExchangeError) as caught:
        read_file(laughs, known_tags=KNOWN, scenario_code="SCN-HL-797")
    assert [str(p) for p in caught.value.problems] == [
        "line 1: XML: a DOCTYPE is not allowed in a Moodle XML file"
    ]
    with pytest.raises(ExchangeError) as caught:
        read_file("<quiz><question>", known_tags=KNOWN, scenario_code="SCN-HL-797")
    assert [str(p) for p in caught.value.problems] == [
        "line 1: XML: malformed XML: no element found"
    ]


@pytest.mark.django_db
def test_the_command_imports_a_moodle_xml_bank(tmp_path):
    path = tmp_path / "moodle.xml"
    path.write_text(BANK, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_questions", str(path), "--scenario-code", "SCN-HL-799", stderr=out)
    assert not Scenario.objects.exists()
    out = io.StringIO()
    call_command(
        "import_questions",
        str(path),
        "--scenario-code",
        "SCN-HL-799",
        "--skip-unsupported",
        stdout=out,
    )
    assert out.getvalue().splitlines()[:2] == [
        "SCN-HL-700: new, 2 questions (Q1, IND); needs translation (12 texts in one language): "
        "imported as a draft",
        "SCN-HL-799: new, 3 questions (Q1, Q2, Q3); needs translation (15 texts in one "
        "language): imported as a draft",
    ]
    assert set(Scenario.objects.values_list("code", "needs_translation", "live")) == {
        ("SCN-HL-700", True, False),
        ("SCN-HL-799", True, False),
    }
