"""Problems in a YAML exchange file (docs/exchange-format.md): every one is reported at once,
with its line, and nothing is loaded.

Every scenario here is a fictional composite: invented first names, no real employers, agencies
or cases.
"""

from textwrap import dedent, indent

import pytest

from assessments.exchange_io import ExchangeError, Problem, load_yaml
from tests.assessments.exchange_helpers import KNOWN, where, yaml_problems

ERRORS_YAML = dedent(
    """\
    - code: SCN-LI-001
      title: {en: "An inspection at a workshop", ar: "تفتيش في ورشة"}
      case_text: {en: "Omar sleeps in the workshop.", ar: "ينام عمر في الورشة."}
      content_warning: CW3
      roles: [LI]
      tags: [ILO-10, XYZ-99]
      fictional: true
      questions:
        - code: Q1
          type: essay
          stem: {en: "Describe what you see.", ar: "صف ما تراه."}
          options:
            - code: A
              text: {en: "Workers sleep on site", ar: "ينام العمال في الموقع"}
              correct: true
            - code: B
              text: {en: "Nothing unusual", ar: "لا شيء غير عادي"}
        - code: Q1
          type: true_false
          stem: {en: "Omar can leave whenever he wants."}
          options:
            - code: T
              text: {en: "True", ar: "صحيح"}
            - code: F
              text: {en: "False", ar: "خطأ"}
              correct: true
    - code: SCN-LI-001
      title: {en: "A second visit", ar: "زيارة ثانية"}
      case_text: {en: "Omar is no longer there.", ar: "لم يعد عمر هناك."}
      content_warning: CW0
      fictional: true
      questions:
        - code: Q1
          type: single_choice
          stem: {en: "What do you do?", ar: "ماذا تفعل؟"}
          options:
            - code: A
              text: {en: "Ask the other workers privately", ar: "أسأل العمال الآخرين على انفراد"}
              correct: true
              tags: [PRN-CNF, ABC-01]
            - code: B
              text: {en: "Close the file", ar: "أغلق الملف"}
    """
)


def test_every_problem_in_the_file_is_reported_with_its_line():
    assert yaml_problems(ERRORS_YAML) == [
        Problem(
            4,
            "SCN-LI-001",
            "content_warning: CW3 content is not allowed in the bank; keep descriptions factual "
            "and non-graphic (CW2 at most)",
        ),
        Problem(6, "SCN-LI-001", "tags: unknown tag 'XYZ-99'"),
        Problem(
            10,
            where("SCN-LI-001", "Q1"),
            "type: unknown question type 'essay' (expected single_choice, true_false, "
            "multiple_response, ordering or matching)",
        ),
        Problem(18, where("SCN-LI-001", "Q1"), "duplicate question code Q1 (first at line 9)"),
        Problem(20, where("SCN-LI-001", "Q1"), "stem: missing Arabic translation (ar)"),
        Problem(27, "SCN-LI-001", "duplicate scenario code SCN-LI-001 (first at line 1)"),
        Problem(40, where("SCN-LI-001", "Q1", "option A"), "tags: unknown tag 'ABC-01'"),
    ]


def test_exchange_error_message_lists_the_problems():
    with pytest.raises(ExchangeError) as caught:
        load_yaml(ERRORS_YAML, known_tags=KNOWN)
    message = str(caught.value)
    assert message.startswith("7 problems:\nline 4: SCN-LI-001: content_warning: CW3")
    assert "\nline 20: SCN-LI-001 \u203a Q1: stem: missing Arabic translation (ar)\n" in message


def test_malformed_yaml_reports_the_line_of_the_error():
    source = dedent(
        """\
        - code: SCN-HL-002
          title: {en: "Night call", ar: "مكالمة ليلية"}
          case_text:
            en: Nadia calls: she cannot leave the house.
            ar: "تتصل نادية: لا تستطيع مغادرة المنزل."
        """
    )
    assert yaml_problems(source) == [
        Problem(4, "YAML", "malformed YAML: mapping values are not allowed here")
    ]


def test_self_referencing_alias_is_refused():
    assert yaml_problems("- &loop [*loop]\n") == [
        Problem(None, "YAML", "the file expands to too much data (aliases)")
    ]


def test_merge_keys_and_aliases_are_resolved():
    source = dedent(
        """\
        - code: SCN-CSO-001
          title: &title {en: "Outreach", ar: "التوعية"}
          case_text: *title
          content_warning: CW0
          fictional: true
          questions:
            - &base {code: Q1, type: true_false, stem: {en: "Safe?", ar: "آمن؟"}, critical: true}
            - <<: *base
              code: Q2
              critical: false
        """
    )
    with pytest.raises(ExchangeError) as caught:
        load_yaml(source, known_tags=KNOWN)
    # Both questions lack options; Q2 inherits everything else from Q1.
    assert caught.value.problems == [
        Problem(7, where("SCN-CSO-001", "Q1"), "options: required"),
        Problem(8, where("SCN-CSO-001", "Q2"), "options: required"),
    ]


def test_unclosed_flow_list_names_where_it_started():
    source = dedent(
        """\
        - code: SCN-HL-003
          roles: [HL, SH
          tags: [NRM-1]
        """
    )
    assert yaml_problems(source) == [
        Problem(
            3,
            "YAML",
            "malformed YAML: expected ',' or ']', but got ':' (while parsing a flow sequence, "
            "which starts at line 2)",
        )
    ]


HEADER = dedent(
    """\
    - code: SCN-LC-001
      title: {en: "A wage dispute", ar: "نزاع على الأجور"}
      case_text: {en: "Yusuf says he was never paid.", ar: "يقول يوسف إنه لم يتقاضَ أجره قط."}
      content_warning: CW1
      fictional: true
      questions:
        - code: Q1
    """
)
# Lines 1-7 are HEADER; the question's own keys start on line 8.


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        pytest.param(
            """\
              type: single_choice
              stem: {en: "Which answer?", ar: "أي إجابة؟"}
              options:
                - {code: A, text: {en: "One", ar: "واحد"}}
                - {code: B, text: {en: "Two", ar: "اثنان"}}
            """,
            [Problem(7, "Q1", "question Q1: no option is correct or weighs 100")],
            id="the scoring module's own validation",
        ),
        pytest.param(
            """\
              type: true_false
              stem: {en: "Yusuf is free to change employer.", ar: "يوسف حر في تغيير صاحب العمل."}
              critcal: true
              options:
                - {code: T, text: {en: "True", ar: "صحيح"}}
                - {code: F, text: {en: "False", ar: "خطأ"}, correct: true}
            """,
            [Problem(10, "Q1", "unknown key 'critcal'; did you mean 'critical'?")],
            id="misspelt key",
        ),
        pytest.param(
            """\
              type: multiple_response
              stem: {en: "Which indicators?", ar: "ما المؤشرات؟"}
              points: 0
              scoring: most
              options:
                - {code: A, text: {en: "Unpaid wages", ar: "أجور غير مدفوعة"}, weight: 100}
                - {code: B, text: {en: "Overtime", ar: "عمل إضافي"}, correct: "yes"}
            """,
            [
                Problem(10, "Q1", "points: must be more than 0"),
                Problem(11, "Q1", "scoring: unknown 'most' (expected partial or all_or_nothing)"),
                Problem(
                    13,
                    where("Q1", "option A"),
                    "weight: only single_choice and true_false options take a weight",
                ),
                Problem(14, where("Q1", "option B"), "correct: must be true or false, got 'yes'"),
            ],
            id="bad values",
        ),
        pytest.param(
            """\
              type: single_choice
              stem: {en: "What first?", ar: "ماذا أولاً؟"}
              options:
                - {code: A, text: {en: "Listen", ar: "أستمع"}, correct: true}
                - {code: B, text: {en: "Refer", ar: "أحيل"}, correct: true}
                - {code: C, text: "Argue"}
            """,
            [
                Problem(
                    10,
                    "Q1",
                    "options: 2 options are marked correct; a single_choice question has one "
                    "(use weights for acceptable answers, or multiple_response)",
                ),
                Problem(
                    13,
                    where("Q1", "option C"),
                    "text: expected a mapping with 'en' and 'ar', got 'Argue'",
                ),
            ],
            id="two correct options and a text without translation",
        ),
        pytest.param(
            """\
              type: matching
              stem: {en: "Match.", ar: "طابق."}
              pairs:
                - code: P1
                  prompt: {en: "No contract", ar: "لا يوجد عقد"}
                  answer: {code: M1, text: {en: "LX-04", ar: "LX-04"}}
                - code: P1
                  prompt: {en: "Fines", ar: "غرامات"}
                  answer: {code: M1, text: {en: "Fines as discipline", ar: "غرامات تأديبية"}}
            """,
            [
                Problem(14, where("Q1", "pair P1"), "duplicate pair code P1 (first at line 11)"),
                Problem(
                    16,
                    where("Q1", "pair P1"),
                    "answer: code M1 has a different text at line 13",
                ),
            ],
            id="matching",
        ),
    ],
)
def test_question_problems(question, expected):
    expected = [Problem(p.line, where("SCN-LC-001", p.where), p.message) for p in expected]
    assert yaml_problems(HEADER + indent_question(question)) == expected


def indent_question(question: str) -> str:
    # The rest of the question "- code: Q1" in HEADER starts: its keys sit at 6 spaces.
    return indent(dedent(question), " " * 6)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("", [Problem(1, "file", "the file is empty; expected a list of scenarios")]),
        pytest.param("[]\n", [Problem(1, "file", "the file has no scenarios")]),
        pytest.param(
            "code: SCN-1\n",
            [
                Problem(
                    1,
                    "file",
                    "the top level must be a list of scenarios (start each with '- code:')",
                )
            ],
        ),
        pytest.param(
            dedent(
                """\
                - code: scn-1
                  title: {en: "Visit", ar: "زيارة"}
                  case_text: {en: "Farid is at the border.", ar: ""}
                  content_warning: CW9
                  roles: [HL, XX]
                  fictional: false
                  questions: []
                """
            ),
            [
                Problem(
                    1,
                    "scenario 1",
                    "code: 'scn-1' is not a valid code (capital ASCII letters, digits and "
                    "hyphens, starting with a letter or digit)",
                ),
                Problem(3, "scenario 1", "case_text: missing Arabic translation (ar)"),
                Problem(
                    4, "scenario 1", "content_warning: unknown 'CW9' (expected CW0, CW1 or CW2)"
                ),
                Problem(
                    5,
                    "scenario 1",
                    "roles: unknown role 'XX' (expected LI, HL, SH, LC, JD, CSO, RA, MD, BS, LE "
                    "or PP)",
                ),
                Problem(
                    6,
                    "scenario 1",
                    "fictional: must be true; scenarios are fictional composites only (no real "
                    "names, employers, agencies, addresses or facts from real cases)",
                ),
                Problem(7, "scenario 1", "questions: at least one question is needed"),
            ],
            id="scenario header",
        ),
        pytest.param(
            "- code: SCN-2\n  code: SCN-3\n",
            [
                Problem(2, "SCN-2", "duplicate key 'code' (first at line 1)"),
                Problem(1, "SCN-2", "title: required, in English (en) and Arabic (ar)"),
                Problem(1, "SCN-2", "case_text: required, in English (en) and Arabic (ar)"),
                Problem(1, "SCN-2", "content_warning: required"),
                Problem(1, "SCN-2", "fictional: required"),
                Problem(1, "SCN-2", "questions: required (at least one question)"),
            ],
            id="duplicate key and missing fields",
        ),
    ],
)
def test_file_and_scenario_problems(source, expected):
    assert yaml_problems(source) == sorted(expected, key=lambda p: p.line)


# --- What storage and scoring cannot hold well ----------------------------------------------

TOO_SMALL_YAML = dedent(
    """\
    - code: SCN-DW-101
      title: {en: "A cleaner's day off", ar: "يوم عطلة عاملة تنظيف"}
      case_text: {en: "Lina has not had a day off.", ar: "لم تحصل لينا على يوم عطلة."}
      content_warning: CW0
      fictional: true
      questions:
        - code: Q1
          type: multiple_response
          stem: {en: "Which indicators are present?", ar: "ما المؤشرات الموجودة؟"}
          options:
            - code: A
              text: {en: "No day off", ar: "لا يوم عطلة"}
              correct: true
        - code: Q2
          type: matching
          stem: {en: "Match the fact to the indicator.", ar: "طابق الواقعة بالمؤشر."}
          pairs:
            - code: P1
              prompt: {en: "No day off", ar: "لا يوم عطلة"}
              answer: {code: M1, text: {en: "Excessive hours", ar: "ساعات عمل مفرطة"}}
        - code: Q3-A-VERY-LONG-QUESTION-CODE
          type: true_false
          stem: {en: "Lina may leave the house.", ar: "يمكن للينا مغادرة المنزل."}
          options:
            - code: T
              text: {en: "True", ar: "صحيح"}
            - code: F
              text: {en: "False", ar: "خطأ"}
              correct: true
    - code: SCN-DW-102-A-SCENARIO-CODE-FAR-TOO-LONG-TO-STORE
      title: {en: "Another day", ar: "يوم آخر"}
      case_text: {en: "Lina is tired.", ar: "لينا متعبة."}
      content_warning: CW0
      fictional: true
      questions:
        - code: Q1
          type: single_choice
          stem: {en: "What do you do first?", ar: "ماذا تفعل أولًا؟"}
          options:
            - code: A
              text: {en: "Talk to Lina alone", ar: "أتحدث إلى لينا على انفراد"}
              correct: true
            - code: B
              text: {en: "Call the employer", ar: "أتصل بصاحب العمل"}
    """
)


def test_entries_too_few_to_discriminate_and_codes_too_long_to_store_are_refused_by_line():
    assert yaml_problems(TOO_SMALL_YAML) == [
        Problem(
            10,
            where("SCN-DW-101", "Q1"),
            "options: a multiple_response question needs at least 2 options",
        ),
        Problem(17, where("SCN-DW-101", "Q2"), "pairs: a matching question needs at least 2 pairs"),
        Problem(
            21,
            where("SCN-DW-101", "Q3-A-VERY-LONG-QUESTION-CODE"),
            "code: Q3-A-VERY-LONG-QUEST… is 28 characters long; a code has at most 20",
        ),
        Problem(
            30,
            # A code longer than any code storage holds does not name its place (issue 11, §5:
            # a 300-character code would fill the line); the position does.
            "scenario 2",
            "code: SCN-DW-102-A-SCENARIO-CODE-FAR-TOO-LONG-… is 48 characters long; a code "
            "has at most 40",
        ),
    ]
