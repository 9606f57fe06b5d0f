"""Reading Moodle GIFT into the exchange format (docs/exchange-format.md): every supported
type, and what cannot be read reported at its line.

Every scenario here is a fictional composite: invented first names, no real employers, agencies
or cases.
"""

from textwrap import dedent

import pytest

from assessments.exchange_io import Problem, dump_yaml, load_gift, load_yaml
from tests.assessments.exchange_helpers import KNOWN, problems_of, text, where

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

        Sami {~works || يعمل =sleeps || ينام} in the shed. || في السقيفة.

        ::Q5::Sami's room has no window. || لا توجد نافذة في غرفة سامي.

        ::Q6::Which? || أي؟ {=a || أ ~b || ب ####Well done. || أحسنت.}
        """
    )
    # Q4 is fine: a missing-word question reads as Moodle shows it (below); Q6 too: general
    # feedback (####) is read since issue 11.
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
            10,
            where("SCN-LI-010", "Q5"),
            "no answers in {…}: descriptions are not supported (put case text in the scenario)",
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


def test_a_missing_word_question_is_the_sentence_with_a_blank():
    """As Moodle shows it: the answers stand for a blank; no space before the punctuation."""
    source = dedent(
        """\
        Sami works in the {~office =fields ~shop} every day.

        Sami sleeps in the {~office =shed ~house}.
        """
    )
    first, second = gift(source)[0]["questions"]
    assert first["stem"] == {"en": "Sami works in the _____ every day.", "ar": ""}
    assert first["type"] == "single_choice"
    assert [o["text"]["en"] for o in first["options"]] == ["office", "fields", "shop"]
    assert second["stem"]["en"] == "Sami sleeps in the _____."
