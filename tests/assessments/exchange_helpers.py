"""What the exchange-format tests share (docs/exchange-format.md): the known tag codes, how a
problem is located and caught, and a valid bilingual file with all five question types.

Every scenario here is a fictional composite: invented first names, no real employers, agencies
or cases.
"""

from textwrap import dedent

import pytest

from assessments.exchange_io import ExchangeError, Problem, load_yaml
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
