"""Reading the YAML exchange format (docs/exchange-format.md): a valid file gives the normal
form, in the documented key order, that the scoring module scores.

Every scenario here is a fictional composite: invented first names, no real employers, agencies
or cases.
"""

from assessments.exchange_io import load_yaml
from tests.assessments.exchange_helpers import KNOWN, VALID_YAML, text

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
