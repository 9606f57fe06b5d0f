"""Writing the YAML exchange format (docs/exchange-format.md): keys in the documented order,
Unicode as it is and decimals exact.

Every scenario here is a fictional composite: invented first names, no real employers, agencies
or cases.
"""

from textwrap import dedent

from assessments.exchange_io import dump_yaml, load_yaml
from tests.assessments.exchange_helpers import KNOWN, text


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
