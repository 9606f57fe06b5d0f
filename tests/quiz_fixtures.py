"""Bank, scenario and quiz fixtures shared by the assessments and courses tests."""

import copy

import pytest

from assessments import services
from assessments.models import Quiz, QuizItem

SCENARIO = {
    "code": "SCN-HL-001",
    "title": {"en": "A night call", "ar": "اتصال ليلي"},
    "case_text": {
        "en": "Rahim, a fictional construction worker, calls the hotline. His employer keeps "
        "his passport and he owes a recruitment debt.",
        "ar": "يتصل رحيم، وهو عامل بناء متخيل، بالخط الساخن. يحتفظ صاحب العمل بجواز سفره "
        "وعليه دين رسوم استقدام.",
    },
    "content_warning": "CW1",
    "roles": ["HL"],
    "tags": ["NRM-1"],
    "fictional": True,
    "questions": [
        {
            "code": "Q1",
            "type": "multiple_response",
            "stem": {"en": "Which indicators are present?", "ar": "ما المؤشرات الموجودة؟"},
            "points": 2,
            "scoring": "partial",
            "critical": False,
            "tags": [],
            "options": [
                {
                    "code": "A",
                    "text": {"en": "Passport held", "ar": "احتجاز الجواز"},
                    "correct": True,
                    "tags": ["ILO-07"],
                    "feedback": {"en": "Yes: document retention.", "ar": "نعم: احتجاز الوثائق."},
                },
                {
                    "code": "B",
                    "text": {"en": "Recruitment debt", "ar": "دين الاستقدام"},
                    "correct": True,
                    "tags": ["ILO-09"],
                },
                {
                    "code": "C",
                    "text": {"en": "Works night shifts", "ar": "يعمل ليلًا"},
                    "correct": False,
                    "tags": [],
                },
            ],
        },
        {
            "code": "Q2",
            "type": "single_choice",
            "stem": {"en": "What do you do first?", "ar": "ماذا تفعل أولًا؟"},
            "points": 1,
            "scoring": "partial",
            "critical": True,
            "tags": ["PRN-SAF"],
            "options": [
                {
                    "code": "A",
                    "text": {"en": "Check he is safe now", "ar": "التأكد من سلامته الآن"},
                    "correct": True,
                    "tags": [],
                },
                {
                    "code": "B",
                    "text": {"en": "Call his employer", "ar": "الاتصال بصاحب العمل"},
                    "correct": False,
                    "tags": [],
                    "feedback": {
                        "en": "This could tip off the employer.",
                        "ar": "قد ينبه ذلك صاحب العمل.",
                    },
                },
            ],
        },
        {
            "code": "Q3",
            "type": "ordering",
            "stem": {"en": "Order the referral steps.", "ar": "رتب خطوات الإحالة."},
            "points": 1,
            "scoring": "partial",
            "critical": False,
            "tags": ["NRM-1"],
            "options": [
                {"code": "S1", "text": {"en": "Safety", "ar": "السلامة"}, "tags": []},
                {"code": "S2", "text": {"en": "Consent", "ar": "الموافقة"}, "tags": []},
                {"code": "S3", "text": {"en": "Refer", "ar": "الإحالة"}, "tags": []},
            ],
        },
    ],
}


@pytest.fixture
def scenario_data():
    return copy.deepcopy(SCENARIO)


@pytest.fixture
def make_quiz(db, scenario_data):
    def make(code="QZ-1", data=None, **settings):
        (scenario,) = services.import_scenarios(scenarios=[data or scenario_data], publish=True)
        quiz = Quiz(code=code, title_en="Hotline check", title_ar="اختبار الخط", **settings)
        quiz.save()
        QuizItem.objects.create(quiz=quiz, scenario=scenario, sort_order=0)
        quiz.save_revision().publish()
        quiz.refresh_from_db()
        return quiz

    return make


PERFECT = {
    "SCN-HL-001/Q1": ["A", "B"],
    "SCN-HL-001/Q2": ["A"],
    "SCN-HL-001/Q3": ["S1", "S2", "S3"],
}
