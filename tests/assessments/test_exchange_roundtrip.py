"""The YAML exchange format survives a round trip (docs/exchange-format.md): dump then load
gives the same scenarios, codes stay text and numbers stay exact.

Every scenario here is a fictional composite: invented first names, no real employers, agencies
or cases.
"""

from textwrap import dedent

from assessments.exchange_io import dump_yaml, load_yaml
from tests.assessments.exchange_helpers import KNOWN, VALID_YAML


def test_round_trip_dump_then_load_gives_the_same_scenarios():
    scenarios = load_yaml(VALID_YAML, known_tags=KNOWN)
    dumped = dump_yaml(scenarios)
    assert load_yaml(dumped, known_tags=KNOWN) == scenarios
    assert dump_yaml(load_yaml(dumped, known_tags=KNOWN)) == dumped


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
