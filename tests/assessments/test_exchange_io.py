"""Scenario import and export (docs/exchange-format.md): the YAML exchange format and Moodle GIFT.

Every scenario here is a fictional composite: invented first names, no real employers, agencies
or cases.
"""

from textwrap import dedent, indent

import pytest

from assessments.exchange_io import ExchangeError, Problem, dump_yaml, load_gift, load_yaml
from assessments.taxonomy_data import all_tag_codes

KNOWN = all_tag_codes()
SEP = " \u203a "  # the separator in Problem.where


def where(*parts: str) -> str:
    return SEP.join(parts)


def problems_of(call, *args, **kwargs) -> list[Problem]:
    with pytest.raises(ExchangeError) as caught:
        call(*args, **kwargs)
    return caught.value.problems


def yaml_problems(text: str) -> list[Problem]:
    return problems_of(load_yaml, text, known_tags=KNOWN)


def text(en: str, ar: str) -> dict:
    return {"en": en, "ar": ar}


# ---------------------------------------------------------------------------------------------
# A valid bilingual file with all five question types

VALID_YAML = dedent(
    """\
    # A fictional composite: no real people, employers or cases.
    - code: SCN-HL-001
      title:
        en: A call about a domestic worker
        ar: مكالمة بشأن عاملة منزلية
      case_text:
        en: >
          Lina, a domestic worker, calls the hotline from a neighbour's phone. Her employer
          keeps her passport and she has not been paid for four months.
        ar: >
          تتصل لينا، وهي عاملة منزلية، بالخط الساخن من هاتف إحدى الجارات. يحتفظ صاحب العمل
          بجواز سفرها ولم تتقاضَ أجرها منذ أربعة أشهر.
      content_warning: CW1
      roles: [HL, SH]
      tags: [NRM-1, PAL-P-SRV]
      fictional: true
      questions:
        - code: Q1
          type: multiple_response
          stem: {en: "Which indicators are present?", ar: "ما المؤشرات الموجودة؟"}
          options:
            - code: A
              text: {en: "Her passport is held by her employer", ar: "جواز سفرها بحوزة صاحب العمل"}
              correct: true
              tags: [ILO-07, GEN-11]
              feedback: {en: "Someone else holds her passport.", ar: "جواز سفرها بحوزة شخص آخر."}
            - code: B
              text: {en: "Her wages are withheld", ar: "أجرها محجوز"}
              correct: true
              tags: [ILO-08]
            - code: C
              text: {en: "She speaks the local language", ar: "تتحدث اللغة المحلية"}
        - code: Q2
          type: single_choice
          stem: {en: "What do you do first?", ar: "ما أول ما تفعله؟"}
          points: 2
          critical: true
          tags: [PRN-SAF]
          options:
            - code: SAFE
              text:
                en: Ask whether she can talk safely now
                ar: أسألها إن كانت تستطيع التحدث بأمان الآن
              weight: 100
            - code: LATER
              text:
                en: Take her details for a call back
                ar: أسجّل بياناتها لمعاودة الاتصال بها
              weight: 50
            - code: HARM
              text: {en: "Call the employer about the passport", ar: "أتصل بصاحب العمل بشأن الجواز"}
              weight: 0
              tags: [PRN-TIP]
              feedback:
                en: This could alert the employer and put Lina at risk.
                ar: قد يؤدي ذلك إلى تنبيه صاحب العمل وتعريض لينا للخطر.
        - code: Q3
          type: true_false
          stem:
            en: Lina agreed to hand over her passport, so keeping it is lawful.
            ar: وافقت لينا على تسليم جواز سفرها، لذا فإن الاحتفاظ به مشروع.
          tags: [PAL-X-CON]
          options:
            - code: T
              text: {en: "True", ar: "صحيح"}
            - code: F
              text: {en: "False", ar: "خطأ"}
              correct: true
        - code: Q4
          type: ordering
          stem: {en: "Put the referral steps in order.", ar: "رتّب خطوات الإحالة."}
          points: 1.5
          scoring: all_or_nothing
          options:
            - code: S1
              text: {en: "Check her immediate safety", ar: "التحقق من سلامتها الفورية"}
            - code: S2
              text: {en: "Record the indicators", ar: "تسجيل المؤشرات"}
            - code: S3
              text: {en: "Refer to the case-management team", ar: "الإحالة إلى فريق إدارة الحالات"}
        - code: Q5
          type: matching
          stem: {en: "Match each fact to an indicator.", ar: "طابق كل واقعة مع المؤشر المناسب."}
          pairs:
            - code: P1
              prompt: {en: "The employer keeps her passport", ar: "يحتفظ صاحب العمل بجواز سفرها"}
              answer:
                code: M1
                text: {en: "Retention of identity documents", ar: "احتجاز وثائق الهوية"}
            - code: P2
              prompt: {en: "No pay for four months", ar: "لم تتقاضَ أجراً منذ أربعة أشهر"}
              answer:
                code: M2
                text: {en: "Withholding of wages", ar: "حجز الأجور"}
              tags: [ILO-08]
    """
)

VALID_EXPECTED = [
    {
        "code": "SCN-HL-001",
        "title": text("A call about a domestic worker", "مكالمة بشأن عاملة منزلية"),
        "case_text": text(
            "Lina, a domestic worker, calls the hotline from a neighbour's phone. Her employer "
            "keeps her passport and she has not been paid for four months.",
            "تتصل لينا، وهي عاملة منزلية، بالخط الساخن من هاتف إحدى الجارات. يحتفظ صاحب العمل "
            "بجواز سفرها ولم تتقاضَ أجرها منذ أربعة أشهر.",
        ),
        "content_warning": "CW1",
        "roles": ["HL", "SH"],
        "tags": ["NRM-1", "PAL-P-SRV"],
        "fictional": True,
        "questions": [
            {
                "code": "Q1",
                "type": "multiple_response",
                "stem": text("Which indicators are present?", "ما المؤشرات الموجودة؟"),
                "points": 1,
                "scoring": "partial",
                "critical": False,
                "tags": [],
                "options": [
                    {
                        "code": "A",
                        "text": text(
                            "Her passport is held by her employer", "جواز سفرها بحوزة صاحب العمل"
                        ),
                        "correct": True,
                        "tags": ["ILO-07", "GEN-11"],
                        "feedback": text(
                            "Someone else holds her passport.", "جواز سفرها بحوزة شخص آخر."
                        ),
                    },
                    {
                        "code": "B",
                        "text": text("Her wages are withheld", "أجرها محجوز"),
                        "correct": True,
                        "tags": ["ILO-08"],
                    },
                    {
                        "code": "C",
                        "text": text("She speaks the local language", "تتحدث اللغة المحلية"),
                        "correct": False,
                        "tags": [],
                    },
                ],
            },
            {
                "code": "Q2",
                "type": "single_choice",
                "stem": text("What do you do first?", "ما أول ما تفعله؟"),
                "points": 2,
                "scoring": "partial",
                "critical": True,
                "tags": ["PRN-SAF"],
                "options": [
                    {
                        "code": "SAFE",
                        "text": text(
                            "Ask whether she can talk safely now",
                            "أسألها إن كانت تستطيع التحدث بأمان الآن",
                        ),
                        "weight": 100,
                        "tags": [],
                    },
                    {
                        "code": "LATER",
                        "text": text(
                            "Take her details for a call back",
                            "أسجّل بياناتها لمعاودة الاتصال بها",
                        ),
                        "weight": 50,
                        "tags": [],
                    },
                    {
                        "code": "HARM",
                        "text": text(
                            "Call the employer about the passport", "أتصل بصاحب العمل بشأن الجواز"
                        ),
                        "weight": 0,
                        "tags": ["PRN-TIP"],
                        "feedback": text(
                            "This could alert the employer and put Lina at risk.",
                            "قد يؤدي ذلك إلى تنبيه صاحب العمل وتعريض لينا للخطر.",
                        ),
                    },
                ],
            },
            {
                "code": "Q3",
                "type": "true_false",
                "stem": text(
                    "Lina agreed to hand over her passport, so keeping it is lawful.",
                    "وافقت لينا على تسليم جواز سفرها، لذا فإن الاحتفاظ به مشروع.",
                ),
                "points": 1,
                "scoring": "partial",
                "critical": False,
                "tags": ["PAL-X-CON"],
                "options": [
                    {"code": "T", "text": text("True", "صحيح"), "correct": False, "tags": []},
                    {"code": "F", "text": text("False", "خطأ"), "correct": True, "tags": []},
                ],
            },
            {
                "code": "Q4",
                "type": "ordering",
                "stem": text("Put the referral steps in order.", "رتّب خطوات الإحالة."),
                "points": "1.5",
                "scoring": "all_or_nothing",
                "critical": False,
                "tags": [],
                "options": [
                    {
                        "code": "S1",
                        "text": text("Check her immediate safety", "التحقق من سلامتها الفورية"),
                        "tags": [],
                    },
                    {
                        "code": "S2",
                        "text": text("Record the indicators", "تسجيل المؤشرات"),
                        "tags": [],
                    },
                    {
                        "code": "S3",
                        "text": text(
                            "Refer to the case-management team", "الإحالة إلى فريق إدارة الحالات"
                        ),
                        "tags": [],
                    },
                ],
            },
            {
                "code": "Q5",
                "type": "matching",
                "stem": text(
                    "Match each fact to an indicator.", "طابق كل واقعة مع المؤشر المناسب."
                ),
                "points": 1,
                "scoring": "partial",
                "critical": False,
                "tags": [],
                "pairs": [
                    {
                        "code": "P1",
                        "prompt": text(
                            "The employer keeps her passport", "يحتفظ صاحب العمل بجواز سفرها"
                        ),
                        "answer": {
                            "code": "M1",
                            "text": text("Retention of identity documents", "احتجاز وثائق الهوية"),
                        },
                        "tags": [],
                    },
                    {
                        "code": "P2",
                        "prompt": text("No pay for four months", "لم تتقاضَ أجراً منذ أربعة أشهر"),
                        "answer": {
                            "code": "M2",
                            "text": text("Withholding of wages", "حجز الأجور"),
                        },
                        "tags": ["ILO-08"],
                    },
                ],
            },
        ],
    }
]


def test_valid_file_loads_to_normalised_scenarios():
    assert load_yaml(VALID_YAML, known_tags=KNOWN) == VALID_EXPECTED


def test_normal_form_keeps_the_documented_key_order():
    [scenario] = load_yaml(VALID_YAML, known_tags=KNOWN)
    assert list(scenario) == [
        "code",
        "title",
        "case_text",
        "content_warning",
        "roles",
        "tags",
        "fictional",
        "questions",
    ]
    q1, _, _, q4, q5 = scenario["questions"]
    assert list(q1) == [
        "code",
        "type",
        "stem",
        "points",
        "scoring",
        "critical",
        "tags",
        "options",
    ]
    assert list(q1["options"][0]) == ["code", "text", "correct", "tags", "feedback"]
    assert list(q4["options"][0]) == ["code", "text", "tags"]
    assert list(q5["pairs"][0]) == ["code", "prompt", "answer", "tags"]


def test_loaded_questions_score_with_the_scoring_module():
    from assessments.scoring import score_attempt

    [scenario] = load_yaml(VALID_YAML, known_tags=KNOWN)
    result = score_attempt(
        scenario["questions"],
        [["A", "C"], ["LATER"], ["F"], ["S1", "S2", "S3"], {"P1": "M1", "P2": "M1"}],
        pass_mark=70,
    )
    # Q1 (1 - 1) / 2 = 0; Q2 2 x 50 % = 1; Q3 1; Q4 1.5; Q5 1 x 1/2 = 0.5 -> 4 of 6.5.
    assert str(result.points) == "4.0000"
    assert str(result.percent) == "61.54"
    assert result.critical_failed == ("Q2",)


# ---------------------------------------------------------------------------------------------
# Round trip


def test_round_trip_dump_then_load_gives_the_same_scenarios():
    scenarios = load_yaml(VALID_YAML, known_tags=KNOWN)
    dumped = dump_yaml(scenarios)
    assert load_yaml(dumped, known_tags=KNOWN) == scenarios
    assert dump_yaml(load_yaml(dumped, known_tags=KNOWN)) == dumped


def test_dump_writes_keys_in_order_with_unicode_and_exact_decimals():
    scenario = {
        "questions": [
            {
                "options": [
                    {
                        "tags": [],
                        "text": text("Check her safety", "التحقق من سلامتها"),
                        "code": "S1",
                    },
                    {"code": "S2", "text": text("Refer", "الإحالة"), "tags": ["NRM-1"]},
                ],
                "critical": False,
                "scoring": "all_or_nothing",
                "points": "1.50",
                "stem": text("Order the steps.", "رتّب الخطوات."),
                "type": "ordering",
                "code": "Q1",
                "tags": [],
            }
        ],
        "fictional": True,
        "tags": [],
        "roles": ["SH"],
        "content_warning": "CW0",
        "case_text": text("Dalia arrives at the shelter.", "تصل داليا إلى دار الإيواء."),
        "title": text("Arrival", "الوصول"),
        "code": "SCN-SH-001",
    }
    dumped = dump_yaml([scenario])
    assert dumped == dedent(
        """\
        - code: SCN-SH-001
          title:
            en: Arrival
            ar: الوصول
          case_text:
            en: Dalia arrives at the shelter.
            ar: تصل داليا إلى دار الإيواء.
          content_warning: CW0
          roles: [SH]
          tags: []
          fictional: true
          questions:
            - code: Q1
              type: ordering
              stem:
                en: Order the steps.
                ar: رتّب الخطوات.
              points: 1.50
              scoring: all_or_nothing
              critical: false
              tags: []
              options:
                - code: S1
                  text:
                    en: Check her safety
                    ar: التحقق من سلامتها
                  tags: []
                - code: S2
                  text:
                    en: Refer
                    ar: الإحالة
                  tags: [NRM-1]
        """
    )
    assert load_yaml(dumped, known_tags=KNOWN) == [scenario]


def test_codes_stay_text_and_numbers_stay_exact_through_a_round_trip():
    source = dedent(
        """\
        - code: "001"
          title: {en: "Numbers", ar: "أرقام"}
          case_text: {en: "Rami keeps a notebook.", ar: "يحتفظ رامي بدفتر."}
          content_warning: CW0
          fictional: true
          questions:
            - code: 007
              type: single_choice
              stem: {en: "Pick one.", ar: "اختر واحداً."}
              points: 0.10
              options:
                - {code: "NO", text: {en: "Best", ar: "الأفضل"}, weight: 100}
                - {code: B, text: {en: "Partly", ar: "جزئياً"}, weight: 33.3333}
                - {code: C, text: {en: "Wrong", ar: "خطأ"}, weight: "0"}
        """
    )
    [scenario] = load_yaml(source, known_tags=KNOWN)
    question = scenario["questions"][0]
    assert scenario["code"] == "001"
    assert question["code"] == "007"
    assert question["points"] == "0.10"
    assert [option["code"] for option in question["options"]] == ["NO", "B", "C"]
    assert [option["weight"] for option in question["options"]] == [100, "33.3333", 0]
    assert load_yaml(dump_yaml([scenario]), known_tags=KNOWN) == [scenario]


# ---------------------------------------------------------------------------------------------
# Problems, with line numbers

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


# ---------------------------------------------------------------------------------------------
# GIFT

GIFT_TITLE = text("A farm inspection", "تفتيش مزرعة")
GIFT_CASE = text(
    "Hamid works on a farm. His passport is kept in the site office.",
    "يعمل حامد في مزرعة. جواز سفره محفوظ في مكتب الموقع.",
)


def gift(source: str, **extra) -> list[dict]:
    return load_gift(
        source,
        scenario_code="SCN-LI-010",
        title=GIFT_TITLE,
        case_text=GIFT_CASE,
        known_tags=KNOWN,
        **extra,
    )


def gift_problems(source: str, **extra) -> list[Problem]:
    return problems_of(gift, source, **extra)


GIFT_ALL_TYPES = dedent(
    """\
    // A fictional composite: a labour inspection at a farm.
    $CATEGORY: inspections/farm

    ::Q-PASS::Which indicators are present? || ما المؤشرات الموجودة؟ {
    ~%50%Retention of identity documents || احتجاز وثائق الهوية
    #Yes\\: he cannot get it back. || نعم\\: لا يستطيع استرداده.
    ~%50%Restriction of movement || تقييد حرية التنقل
    ~%-100%Excessive overtime || العمل الإضافي المفرط
    }

    ::First step::What do you do first? || ما أول ما تفعله؟ {
    =Check that he can talk safely || أتحقق من أنه يستطيع التحدث بأمان
    ~%50%Note his details for later || أسجّل بياناته لوقت لاحق
    ~Call the site manager || أتصل بمدير الموقع
    #This could alert the suspect. || قد يؤدي ذلك إلى تنبيه المشتبه به.
    }

    // true/false: the first feedback follows a wrong answer, the second a right one.
    Hamid agreed to leave his passport in the office, so this is lawful.
    || وافق حامد على ترك جوازه في المكتب، لذا فهذا مشروع.
    {FALSE
    #Consent is irrelevant once a means is used. || لا يُعتدّ بالموافقة متى استُخدمت إحدى الوسائل.
    #Right. || صحيح.}

    ::MATCH::Match each fact to an indicator. || طابق كل واقعة مع المؤشر المناسب. {
    =The passport is in the office || الجواز في المكتب
      -> Retention of identity documents || احتجاز وثائق الهوية
    =He has not been paid since March || لم يتقاضَ أجراً منذ مارس
      -> Withholding of wages || حجز الأجور
    =His pay card is kept by the supervisor || بطاقة أجره مع المشرف
      -> Withholding of wages || حجز الأجور
    }
    """
)


def question(code, qtype, stem, key, entries):
    return {
        "code": code,
        "type": qtype,
        "stem": stem,
        "points": 1,
        "scoring": "partial",
        "critical": False,
        "tags": [],
        key: entries,
    }


GIFT_EXPECTED = [
    {
        "code": "SCN-LI-010",
        "title": GIFT_TITLE,
        "case_text": GIFT_CASE,
        "content_warning": "CW0",
        "roles": [],
        "tags": [],
        "fictional": True,
        "questions": [
            question(
                "Q-PASS",
                "multiple_response",
                text("Which indicators are present?", "ما المؤشرات الموجودة؟"),
                "options",
                [
                    {
                        "code": "A",
                        "text": text("Retention of identity documents", "احتجاز وثائق الهوية"),
                        "correct": True,
                        "tags": [],
                        "feedback": text("Yes: he cannot get it back.", "نعم: لا يستطيع استرداده."),
                    },
                    {
                        "code": "B",
                        "text": text("Restriction of movement", "تقييد حرية التنقل"),
                        "correct": True,
                        "tags": [],
                    },
                    {
                        "code": "C",
                        "text": text("Excessive overtime", "العمل الإضافي المفرط"),
                        "correct": False,
                        "tags": [],
                    },
                ],
            ),
            question(
                "Q2",  # "First step" is not a valid code: the question is numbered instead
                "single_choice",
                text("What do you do first?", "ما أول ما تفعله؟"),
                "options",
                [
                    {
                        "code": "A",
                        "text": text(
                            "Check that he can talk safely", "أتحقق من أنه يستطيع التحدث بأمان"
                        ),
                        "correct": True,
                        "tags": [],
                    },
                    {
                        "code": "B",
                        "text": text("Note his details for later", "أسجّل بياناته لوقت لاحق"),
                        "weight": 50,
                        "tags": [],
                    },
                    {
                        "code": "C",
                        "text": text("Call the site manager", "أتصل بمدير الموقع"),
                        "correct": False,
                        "tags": [],
                        "feedback": text(
                            "This could alert the suspect.", "قد يؤدي ذلك إلى تنبيه المشتبه به."
                        ),
                    },
                ],
            ),
            question(
                "Q3",
                "true_false",
                text(
                    "Hamid agreed to leave his passport in the office, so this is lawful.",
                    "وافق حامد على ترك جوازه في المكتب، لذا فهذا مشروع.",
                ),
                "options",
                [
                    {
                        "code": "T",
                        "text": text("True", "صحيح"),
                        "correct": False,
                        "tags": [],
                        "feedback": text(
                            "Consent is irrelevant once a means is used.",
                            "لا يُعتدّ بالموافقة متى استُخدمت إحدى الوسائل.",
                        ),
                    },
                    {
                        "code": "F",
                        "text": text("False", "خطأ"),
                        "correct": True,
                        "tags": [],
                        "feedback": text("Right.", "صحيح."),
                    },
                ],
            ),
            question(
                "MATCH",
                "matching",
                text("Match each fact to an indicator.", "طابق كل واقعة مع المؤشر المناسب."),
                "pairs",
                [
                    {
                        "code": "P1",
                        "prompt": text("The passport is in the office", "الجواز في المكتب"),
                        "answer": {
                            "code": "M1",
                            "text": text("Retention of identity documents", "احتجاز وثائق الهوية"),
                        },
                        "tags": [],
                    },
                    {
                        "code": "P2",
                        "prompt": text(
                            "He has not been paid since March", "لم يتقاضَ أجراً منذ مارس"
                        ),
                        "answer": {
                            "code": "M2",
                            "text": text("Withholding of wages", "حجز الأجور"),
                        },
                        "tags": [],
                    },
                    {
                        "code": "P3",
                        "prompt": text(
                            "His pay card is kept by the supervisor", "بطاقة أجره مع المشرف"
                        ),
                        "answer": {
                            "code": "M2",
                            "text": text("Withholding of wages", "حجز الأجور"),
                        },
                        "tags": [],
                    },
                ],
            ),
        ],
    }
]


def test_gift_with_every_supported_type_gives_the_exchange_format():
    assert gift(GIFT_ALL_TYPES) == GIFT_EXPECTED


def test_gift_import_survives_a_yaml_round_trip():
    scenarios = gift(GIFT_ALL_TYPES)
    assert load_yaml(dump_yaml(scenarios), known_tags=KNOWN) == scenarios


@pytest.mark.parametrize(
    ("source", "expected_options"),
    [
        pytest.param(
            "Karim is free to leave. || كريم حر في المغادرة. {T}",
            [
                {"code": "T", "text": text("True", "صحيح"), "correct": True, "tags": []},
                {"code": "F", "text": text("False", "خطأ"), "correct": False, "tags": []},
            ],
            id="T",
        ),
        pytest.param(
            "Karim is free to leave. || كريم حر في المغادرة. {true}",
            [
                {"code": "T", "text": text("True", "صحيح"), "correct": True, "tags": []},
                {"code": "F", "text": text("False", "خطأ"), "correct": False, "tags": []},
            ],
            id="true in lower case",
        ),
        pytest.param(
            "Karim is free to leave. || كريم حر في المغادرة. {F}",
            [
                {"code": "T", "text": text("True", "صحيح"), "correct": False, "tags": []},
                {"code": "F", "text": text("False", "خطأ"), "correct": True, "tags": []},
            ],
            id="F",
        ),
        pytest.param(
            # Moodle gives every "=" answer full marks: that is said with weights.
            "Karim is free to leave. || كريم حر في المغادرة. {=Ask || أسأل =Listen || أستمع"
            " ~Leave || أغادر}",
            [
                {"code": "A", "text": text("Ask", "أسأل"), "weight": 100, "tags": []},
                {"code": "B", "text": text("Listen", "أستمع"), "weight": 100, "tags": []},
                {"code": "C", "text": text("Leave", "أغادر"), "weight": 0, "tags": []},
            ],
            id="several right answers",
        ),
    ],
)
def test_gift_choice_variants(source, expected_options):
    [scenario] = gift(source)
    assert scenario["questions"][0]["options"] == expected_options


def test_gift_escapes_names_and_numbering():
    source = dedent(
        """\
        ::q-lower::Rana\\'s 8 \\= 10 \\{x\\} \\~ \\# \\: a\\\\b \\| c\\nd || نص {T}

        // a comment between questions does not count

        ::Q7::Second || الثاني {F}

        Third ||
        الثالث
        {

        =Yes || نعم

        ~No || لا
        }
        """
    )
    [scenario] = gift(source)
    first, second, third = scenario["questions"]
    assert first["code"] == "Q1"  # lower case is not a valid code
    assert first["stem"] == text("Rana\\'s 8 = 10 {x} ~ # : a\\b | c\nd", "نص")
    assert second["code"] == "Q7"
    assert third["code"] == "Q3"
    assert third["stem"] == text("Third", "الثالث")
    assert [option["code"] for option in third["options"]] == ["A", "B"]


def test_gift_missing_arabic_is_reported_at_its_line():
    source = dedent(
        """\
        // Fictional composite.
        ::Q1::Which indicators are present? || ما المؤشرات الموجودة؟ {
        ~%50%No days off || لا أيام راحة
        ~%50%Excessive overtime
        ~%-100%Fair pay || أجر عادل
        }

        ::Q2::Sami can refuse overtime. {F#Not here. || ليس هنا.#Right. || صحيح.}

        ::Q3::Match. || طابق. {
        =No days off || لا أيام راحة -> Excessive hours
        =Pay withheld || حجز الأجر -> Withholding || حجز
        }

        ::Q4::First? || أولاً؟ {=Safety || السلامة ~Call the boss || أتصل بالمدير #Risky}
        """
    )
    hint = " (write the text as 'English || العربية')"
    assert gift_problems(source) == [
        Problem(
            4,
            where("SCN-LI-010", "Q1", "option B"),
            f"text: missing Arabic translation (ar){hint}",
        ),
        Problem(8, where("SCN-LI-010", "Q2"), f"stem: missing Arabic translation (ar){hint}"),
        Problem(
            11,
            where("SCN-LI-010", "Q3", "pair P1"),
            f"answer text: missing Arabic translation (ar){hint}",
        ),
        Problem(
            15,
            where("SCN-LI-010", "Q4", "option B"),
            f"feedback: missing Arabic translation (ar){hint}",
        ),
    ]


def test_gift_unsupported_types_are_reported_at_their_lines():
    source = dedent(
        """\
        // Fictional composite.
        ::Q1::How many hours a day does Sami work? || كم ساعة يعمل سامي يومياً؟ {#14}

        ::Q2::Name the indicator. || اذكر المؤشر. {=Excessive overtime =overtime}

        ::Q3::Describe the housing. || صف السكن. {}

        Sami {~works =sleeps} in the shed. || ينام سامي في السقيفة.

        ::Q5::Sami's room has no window. || لا توجد نافذة في غرفة سامي.

        ::Q6::Which? || أي؟ {=a || أ ~b || ب ####Well done. || أحسنت.}
        """
    )
    assert gift_problems(source) == [
        Problem(2, where("SCN-LI-010", "Q1"), "numerical questions ({#…}) are not supported"),
        Problem(
            4,
            where("SCN-LI-010", "Q2"),
            "short-answer questions (only '=' answers) are not supported; add wrong options "
            "with '~' to make a multiple-choice question",
        ),
        Problem(6, where("SCN-LI-010", "Q3"), "essay questions ({}) are not supported"),
        Problem(
            8,
            where("SCN-LI-010", "Q4"),
            "text after the answers (missing-word format) is not supported; put the whole "
            "question before {…}",
        ),
        Problem(
            10,
            where("SCN-LI-010", "Q5"),
            "no answers in {…}: descriptions are not supported (put case text in the scenario)",
        ),
        Problem(
            12,
            where("SCN-LI-010", "Q6"),
            "general feedback (####) is not supported; give feedback on each answer",
        ),
    ]


def test_gift_checks_the_questions_and_the_scenario_like_yaml():
    source = dedent(
        """\
        ::Q1::Which indicators? || ما المؤشرات؟ {~Debt || دين ~Fees || رسوم}

        ::Q1::Again? || مرة أخرى؟ {T}
        """
    )
    assert gift_problems(source, content_warning="CW3") == [
        Problem(
            None,
            "SCN-LI-010",
            "content_warning: CW3 content is not allowed in the bank; keep descriptions factual "
            "and non-graphic (CW2 at most)",
        ),
        Problem(
            1,
            where("SCN-LI-010", "Q1"),
            "question Q1: a multiple-response question needs a correct option",
        ),
        Problem(3, where("SCN-LI-010", "Q1"), "duplicate question code Q1 (first at line 1)"),
    ]


def test_gift_title_without_arabic_and_empty_file():
    problems = problems_of(
        load_gift,
        "// nothing but a comment\n",
        scenario_code="SCN-LI-011",
        title={"en": "An inspection"},
        case_text=GIFT_CASE,
        known_tags=KNOWN,
    )
    assert problems == [
        Problem(None, "SCN-LI-011", "title: missing Arabic translation (ar)"),
        Problem(1, "SCN-LI-011", "the file has no questions"),
    ]


def test_gift_unclosed_answers_are_reported_where_they_open():
    source = dedent(
        """\
        ::Q1::First? || أولاً؟ {
        =Safety || السلامة
        ~Leave || المغادرة

        ::Q2::Second? || ثانياً؟ {T}
        """
    )
    assert gift_problems(source) == [
        Problem(
            1,
            where("SCN-LI-010", "Q1"),
            "the answers are not closed before the '{' at line 5 (a missing '}'? write \\{ for "
            "a literal brace)",
        )
    ]
