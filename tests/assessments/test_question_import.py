"""Importing questions (issue 11, §3 and §4): an import says what it will do before it does it,
never clobbers a scenario's own fields with a question file, needs --yes to remove anything,
reads Moodle's GIFT as Moodle writes it (single-language texts, general feedback, format
markers, unsupported questions reported or skipped) and marks single-language scenarios as
needing translation until both languages are there.

Every scenario and question here is a fictional composite written for these tests.
"""

import copy
import io
from pathlib import Path
from textwrap import dedent

import pytest
from django.core.management import CommandError, call_command

from assessments import services
from assessments.exchange import Problem, dump_yaml
from assessments.models import Scenario
from cms.models import ContentReviewTask
from tests.factories import UserFactory
from tests.quiz_fixtures import SCENARIO

pytestmark = pytest.mark.django_db


def run(path, *args):
    """(stdout, stderr) of import_questions; CommandError propagates."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_questions", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path, *args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_questions", str(path), *args, stdout=out, stderr=err)
    return str(caught.value), out.getvalue(), err.getvalue()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def latest(code="SCN-HL-001"):
    return Scenario.objects.get(code=code).get_latest_revision_as_object()


# ---------------------------------------------------------------------------------------------
# §3: a GIFT file holds only questions


GIFT_UPDATE = dedent(
    """\
    // A fictional composite: the hotline call, questions revised in Moodle.
    ::Q2::What do you do first? || ماذا تفعل أولًا؟ {
    =Check he is safe to talk now || التأكد من أنه يستطيع التحدث بأمان الآن
    ~Call his employer || الاتصال بصاحب العمل
    }

    ::Q4::Rahim's debt makes him free to leave. || دين رحيم يجعله حرًا في المغادرة. {FALSE}
    """
)


def test_a_gift_file_adds_and_updates_questions_and_leaves_the_scenario_alone(tmp_path):
    services.import_scenarios(scenarios=[copy.deepcopy(SCENARIO)], publish=True)
    path = write(tmp_path, "revised.gift", GIFT_UPDATE)
    out, _ = run(path, "--scenario-code", "SCN-HL-001", "--publish")
    assert out.splitlines()[0] == (
        "SCN-HL-001: updated; questions added: Q4; questions changed: Q2"
    )
    scenario = latest()
    assert (scenario.title_en, scenario.title_ar) == ("A night call", "اتصال ليلي")
    assert scenario.case_text_en.startswith("Rahim, a fictional construction worker")
    assert scenario.content_warning == "CW1"
    assert [tag.code for tag in scenario.roles.all()] == ["HL"]
    assert [tag.code for tag in scenario.tags.all()] == ["NRM-1"]
    exchange = scenario.to_exchange()
    assert [q["code"] for q in exchange["questions"]] == ["Q1", "Q2", "Q3", "Q4"]
    q2 = exchange["questions"][1]
    # GIFT cannot hold points, criticality or tags: the question keeps its own.
    assert (q2["points"], q2["critical"], q2["tags"]) == ("1", True, ["PRN-SAF"])
    assert q2["options"][0]["text"]["en"] == "Check he is safe to talk now"
    assert exchange["questions"][0] == latest_question(SCENARIO, "Q1")


def latest_question(data, code):
    from assessments.models import question_from_exchange, question_to_exchange

    class Block:
        pass

    question = next(q for q in data["questions"] if q["code"] == code)
    block = Block()
    block.block_type, block.value = question_from_exchange(question)
    return question_to_exchange(block)


def test_dry_run_prints_the_summary_and_writes_nothing(tmp_path):
    services.import_scenarios(scenarios=[copy.deepcopy(SCENARIO)], publish=True)
    revisions = latest().revisions.count()
    path = write(tmp_path, "revised.gift", GIFT_UPDATE)
    out, _ = run(path, "--scenario-code", "SCN-HL-001", "--dry-run")
    assert out.splitlines() == [
        "SCN-HL-001: updated; questions added: Q4; questions changed: Q2",
        "Dry run: nothing was written.",
    ]
    assert latest().revisions.count() == revisions
    assert len(latest().to_exchange()["questions"]) == 3


def test_a_yaml_file_that_removes_questions_needs_yes(tmp_path):
    services.import_scenarios(scenarios=[copy.deepcopy(SCENARIO)], publish=True)
    cut = copy.deepcopy(SCENARIO)
    cut["questions"] = cut["questions"][:1]  # a truncated file: Q2 and Q3 are gone
    cut["questions"][0]["options"] = cut["questions"][0]["options"][:2]
    path = write(tmp_path, "bank.yaml", dump_yaml([cut]))
    message, out, _ = refused(path)
    assert out.splitlines() == [
        "SCN-HL-001: updated; questions changed: Q1; questions REMOVED: Q2, Q3; "
        "options REMOVED: Q1 \u203a option C"
    ]
    assert "Run it again with --yes" in message
    assert len(latest().to_exchange()["questions"]) == 3
    out, _ = run(path, "--yes")
    assert out.splitlines()[0].endswith("options REMOVED: Q1 \u203a option C")
    assert [q["code"] for q in latest().to_exchange()["questions"]] == ["Q1"]


def test_a_new_scenario_and_an_unchanged_one(tmp_path):
    services.import_scenarios(scenarios=[copy.deepcopy(SCENARIO)], publish=True)
    other = {**copy.deepcopy(SCENARIO), "code": "SCN-HL-002"}
    path = write(tmp_path, "bank.yaml", dump_yaml([SCENARIO, other]))
    out, _ = run(path, "--dry-run")
    assert out.splitlines()[:2] == [
        "SCN-HL-001: unchanged",
        "SCN-HL-002: new, 3 questions (Q1, Q2, Q3)",
    ]


# ---------------------------------------------------------------------------------------------
# §4: Moodle's GIFT as Moodle writes it


MOODLE_GIFT = dedent(
    """\
    // question: 101  name: Indicators (a fictional composite)
    $CATEGORY: $course$/top/Farm inspections

    ::Indicators::[html]<p>Which <strong>indicators</strong> does Sami's case show?</p>{
    \t~%50%[html]Passport kept in the office#[html]<p>Yes: <em>retention</em>.</p>
    \t~%50%[html]No pay since March
    \t~%-100%[html]He works on a farm#[plain]Work on a farm is no indicator.
    \t####[html]<p>See the <a href="https://example.org/indicators">indicator list</a>.</p>
    }

    ::Q2::[moodle]Sami may refuse overtime.{TRUE#[moodle]He may.#[moodle]Right.}

    ::Hours::How many hours does Sami work a day?{#14}

    Sami works in the {~office =fields ~shop} every day.

    ::Housing::Describe Sami's housing.{}

    First step?{=Ask Sami if he is safe ~Phone the farm owner}
    ::Next::Then?{=Record the facts ~Leave}
    """
)


def test_moodle_gift_reports_every_problem_by_line_and_imports_nothing(tmp_path):
    path = write(tmp_path, "moodle.txt", MOODLE_GIFT)
    message, _, err = refused(path, "--scenario-code", "SCN-LI-020")
    assert err.splitlines() == [
        "moodle.txt, line 13: SCN-LI-020 \u203a Q3: numerical questions ({#…}) are not supported",
        "moodle.txt, line 17: SCN-LI-020 \u203a Q5: essay questions ({}) are not supported",
        "moodle.txt, line 20: SCN-LI-020 \u203a Q6: a second question starts at line 20 with "
        "no blank line before it; separate questions with a blank line",
    ]
    assert message == "3 problem(s); nothing was imported."
    assert not Scenario.objects.exists()


def test_skip_unsupported_imports_the_rest_and_lists_what_it_skipped(tmp_path):
    source = MOODLE_GIFT.replace("\n::Next::", "\n\n::Next::")
    path = write(tmp_path, "moodle.txt", source)
    out, _ = run(path, "--scenario-code", "SCN-LI-020", "--skip-unsupported")
    assert out.splitlines() == [
        # 'Next' is no valid code (lower case): the question is Q7. Sixteen texts in English.
        "SCN-LI-020: new, 5 questions (Q1, Q2, Q4, Q6, Q7); needs translation (20 texts in one "
        "language): imported as a draft",
        "Skipped 2 unsupported question(s):",
        "  line 13: SCN-LI-020 \u203a Q3: numerical questions ({#…}) are not supported",
        "  line 17: SCN-LI-020 \u203a Q5: essay questions ({}) are not supported",
        "Imported 1 scenario(s): SCN-LI-020",
    ]
    question = latest("SCN-LI-020").to_exchange()["questions"][0]
    assert question["stem"] == {"en": "Which **indicators** does Sami's case show?", "ar": ""}
    assert [o["text"]["en"] for o in question["options"]] == [
        "Passport kept in the office",
        "No pay since March",
        "He works on a farm",
    ]
    assert question["options"][0]["feedback"] == {"en": "Yes: *retention*.", "ar": ""}
    assert question["options"][2]["feedback"]["en"] == "Work on a farm is no indicator."
    assert question["general_feedback"] == {
        "en": "See the indicator list (https://example.org/indicators).",
        "ar": "",
    }


def test_a_named_q2_among_unnamed_questions_gets_no_duplicate_code():
    from assessments.exchange import load_gift

    source = "First? {T}\n\nSecond? {F}\n\n::Q2::Named. {T}\n\nFourth? {F}\n"
    [scenario] = load_gift(
        source,
        scenario_code="SCN-LI-021",
        title={"en": "x", "ar": "x"},
        case_text={"en": "x", "ar": "x"},
        known_tags=set(),
    )
    assert [q["code"] for q in scenario["questions"]] == ["Q1", "Q2-2", "Q2", "Q4"]


def test_an_arabic_file_fills_arabic_and_needs_translation_before_approval(tmp_path):
    source = dedent(
        """\
        ::Q1::ما أول ما تفعله؟ {=أتحقق من سلامته ~أتصل بصاحب العمل ####السلامة أولاً.}
        """
    )
    path = write(tmp_path, "arabic.gift", source)
    out, _ = run(path, "--scenario-code", "SCN-LI-022", "--publish")
    assert "needs translation (4 texts in one language)" in out.splitlines()[0]
    scenario = Scenario.objects.get(code="SCN-LI-022")
    assert scenario.needs_translation and not scenario.live  # --publish does not publish it
    question = scenario.get_latest_revision_as_object().to_exchange()["questions"][0]
    assert question["stem"] == {"en": "", "ar": "ما أول ما تفعله؟"}
    assert question["general_feedback"] == {"en": "", "ar": "السلامة أولاً."}
    # The review: a second person may only reject it until it is translated.
    reviewer = UserFactory(role="Programme manager", is_superuser=True)
    task = ContentReviewTask(name="review")
    actions = [name for name, _label, _modal in task.get_actions(scenario, reviewer)]
    assert actions == ["reject"]
    draft = scenario.get_latest_revision_as_object()
    draft.questions = [
        (
            block.block_type,
            {**block.value, "stem_en": "What do you do first?", "general_feedback_en": "Safety."},
        )
        for block in draft.questions
    ]
    draft.title_en = draft.title_ar = "SCN-LI-022"
    value = draft.questions[0].value
    for option, english in zip(
        value["options"], ["Check he is safe", "Call the employer"], strict=True
    ):
        option["text_en"] = english
    draft.clean()
    assert not draft.needs_translation


def test_language_option_overrides_the_letters(tmp_path):
    path = write(tmp_path, "q.gift", "::Q1::Rana ok? {T}\n")
    run(path, "--scenario-code", "SCN-LI-023", "--language", "ar")
    question = latest("SCN-LI-023").to_exchange()["questions"][0]
    assert question["stem"] == {"en": "", "ar": "Rana ok?"}


def test_in_a_bilingual_file_a_missing_translation_is_a_problem(tmp_path):
    source = "::Q1::First? || أولاً؟ {=Safety || السلامة ~Leave}\n\nSecond? {T}\n"
    path = write(tmp_path, "q.gift", source)
    _, _, err = refused(path, "--scenario-code", "SCN-LI-024")
    hint = "(write the text as 'English || العربية')"
    assert err.splitlines() == [
        f"q.gift, line 1: SCN-LI-024 \u203a Q1 \u203a option B: text: missing Arabic "
        f"translation (ar) {hint}",
        f"q.gift, line 3: SCN-LI-024 \u203a Q2: stem: missing Arabic translation (ar) {hint}",
    ]


def test_general_feedback_round_trips_through_yaml_and_gift(tmp_path):
    from assessments.exchange import dump_gift, load_gift, load_yaml
    from assessments.taxonomy_data import all_tag_codes

    scenario = copy.deepcopy(SCENARIO)
    scenario["questions"][1]["general_feedback"] = {
        "en": "Safety before anything else.",
        "ar": "السلامة قبل أي شيء.",
    }
    services.import_scenarios(scenarios=[scenario], publish=True)
    exported = services.export_scenarios()
    assert load_yaml(exported, known_tags=all_tag_codes())[0]["questions"][1][
        "general_feedback"
    ] == {"en": "Safety before anything else.", "ar": "السلامة قبل أي شيء."}
    questions_gift_holds = {**latest().to_exchange()}
    questions_gift_holds["questions"] = questions_gift_holds["questions"][:2]  # no ordering
    gift = dump_gift(questions_gift_holds)
    assert "####Safety before anything else. || السلامة قبل أي شيء." in gift
    [again] = load_gift(
        gift,
        scenario_code="SCN-HL-001",
        title=scenario["title"],
        case_text=scenario["case_text"],
        known_tags=all_tag_codes(),
    )
    assert again["questions"][1]["general_feedback"] == scenario["questions"][1]["general_feedback"]


def test_general_feedback_is_shown_with_the_other_feedback_only():
    from assessments.presenters import present

    question = {
        **copy.deepcopy(SCENARIO["questions"][1]),
        "general_feedback": {"en": "Safety first.", "ar": "السلامة أولاً."},
    }
    item = {"key": "SCN-HL-001/Q2", "options": ["A", "B"]}
    assert present(question, item, answer=["B"], reveal=False)["general_feedback"] == ""
    assert present(question, item, answer=["B"], reveal=True)["general_feedback"] == (
        "Safety first."
    )


def test_problems_are_sorted_and_marked_unsupported():
    from assessments.exchange import ExchangeError, read_file

    with pytest.raises(ExchangeError) as caught:
        read_file("Q? {=a}\n\nQ? {~a =b}\n", known_tags=set(), scenario_code="SCN-LI-025")
    assert caught.value.problems == [
        Problem(
            1,
            "SCN-LI-025 \u203a Q1",
            "short-answer questions (only '=' answers) are not supported; add wrong options "
            "with '~' to make a multiple-choice question",
        )
    ]
    assert caught.value.problems[0].unsupported


def test_item_writing_warnings_are_printed_apart_and_stop_nothing(tmp_path):
    path = write(tmp_path, "bank.yaml", dump_yaml([copy.deepcopy(SCENARIO)]))
    out, err = run(path)
    assert out.splitlines()[-1] == "Imported 1 scenario(s): SCN-HL-001"
    assert err.splitlines()[0] == "Item-writing warnings (2):"
    assert (
        "  SCN-HL-001 \u203a Q1: Only 1 incorrect option(s): with fewer than two, ticking every "
        "box is nearly right. Add plausible non-indicators."
    ) in err.splitlines()
    assert Scenario.objects.filter(code="SCN-HL-001").exists()


def test_a_single_language_update_keeps_the_translations_of_what_it_did_not_change(tmp_path):
    services.import_scenarios(scenarios=[copy.deepcopy(SCENARIO)], publish=True)
    source = "::Q2::What do you do first? {=Check he is safe now ~Phone his employer}\n"
    path = write(tmp_path, "english.gift", source)
    out, _ = run(path, "--scenario-code", "SCN-HL-001", "--language", "en")
    assert "needs translation (1 text in one language)" in out.splitlines()[0]
    question = latest().to_exchange()["questions"][1]
    assert question["stem"] == {"en": "What do you do first?", "ar": "ماذا تفعل أولًا؟"}
    assert [option["text"] for option in question["options"]] == [
        {"en": "Check he is safe now", "ar": "التأكد من سلامته الآن"},
        {"en": "Phone his employer", "ar": ""},  # changed: the old Arabic no longer says it
    ]


CONSTRUCTS = Path(__file__).with_name("data") / "moodle_gift_constructs.txt"


def test_every_construct_of_moodles_gift_examples_imports_or_is_reported_by_line():
    """Each construct Moodle's own GIFT examples show (our file, same order, our content):
    short answers and numerical questions are reported at their lines; the rest imports."""
    out, _ = run(CONSTRUCTS, "--scenario-code", "SCN-LI-030", "--skip-unsupported")
    lines = out.splitlines()
    skipped = [line.split(":")[0].strip() for line in lines if line.startswith("  line ")]
    assert skipped == [
        "line 22",  # short answer
        "line 41",  # numerical, and the four forms after it
        "line 43",
        "line 45",
        "line 47",
        "line 53",
        "line 68",  # short answers with feedback, in markdown, with weights
        "line 73",
        "line 88",
        "line 125",  # multi-line numerical with feedback
    ]
    questions = latest("SCN-LI-030").to_exchange()["questions"]
    assert len(questions) == 19
    assert [q["type"] for q in questions].count("true_false") == 4
    assert [q["type"] for q in questions].count("matching") == 2
    stems = {q["stem"]["en"] for q in questions}
    assert "Sami looks after the _____ on the farm." in stems  # missing word
    assert "Sami's passport is kept\nin the _____ of the owner." in stems  # named, two lines
    assert "Sami sleeps in _____." in stems
    special = next(q for q in questions if q["stem"]["en"] == 'Which sign means "equals"?')
    assert [o["text"]["en"] for o in special["options"]] == ["~ tilde", "= equals", "# hash"]
    control = next(q for q in questions if q["code"] == "Q28")
    assert [o["text"]["en"] for o in control["options"]] == ["~", "=", "#", "{", "}", "\\"]
    assert control["options"][5]["feedback"]["en"].startswith("Right: the backslash only")
