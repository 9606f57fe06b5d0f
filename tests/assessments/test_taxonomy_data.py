"""The taxonomy data (docs/taxonomy.md): every code present, unique, ASCII and bilingual."""

import re

import pytest

from assessments.taxonomy_data import CROSSWALK, FRAMEWORKS, NOT_ALLOWED_IN_BANK, all_tag_codes

# ROLE, BL and CW codes are bare (HL, BL1, CW1) because the exchange format uses them as is.
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def numbered(prefix, count, width=2):
    return [f"{prefix}-{index:0{width}d}" for index in range(1, count + 1)]


EXPECTED = {
    "PAL": {
        "PAL-A": ["PAL-A-REC", "PAL-A-TRA", "PAL-A-TRF", "PAL-A-HAR", "PAL-A-RCP"],
        "PAL-M": [
            "PAL-M-FOR",
            "PAL-M-COE",
            "PAL-M-ABD",
            "PAL-M-FRA",
            "PAL-M-DEC",
            "PAL-M-APO",
            "PAL-M-AVU",
            "PAL-M-PAY",
        ],
        "PAL-P": [
            "PAL-P-SEX",
            "PAL-P-FLS",
            "PAL-P-SLV",
            "PAL-P-SRV",
            "PAL-P-ORG",
            "PAL-P-BEG",
            "PAL-P-CRM",
        ],
        "PAL-X": ["PAL-X-CON", "PAL-X-CHD"],
    },
    "ILO": {"ILO": numbered("ILO", 11)},
    "GEN": {
        "GEN-CTL": ["GEN-01", "GEN-02", "GEN-03", "GEN-04"],
        "GEN-FEA": ["GEN-05", "GEN-06", "GEN-07", "GEN-08"],
        "GEN-STA": ["GEN-09", "GEN-10"],
        "GEN-DOC": ["GEN-11", "GEN-12"],
        "GEN-COM": ["GEN-13", "GEN-14", "GEN-15", "GEN-16"],
        "GEN-ISO": ["GEN-17", "GEN-18", "GEN-19"],
        "GEN-WRK": ["GEN-20", "GEN-21", "GEN-22", "GEN-23", "GEN-24"],
        "GEN-LIV": ["GEN-25", "GEN-26"],
        "GEN-DBT": ["GEN-27", "GEN-28"],
        "GEN-REC": ["GEN-29"],
        "GEN-SIT": ["GEN-30", "GEN-31"],
    },
    "DS": {"DS": numbered("DS", 7)},
    "SX": {"SX": numbered("SX", 11)},
    "LX": {"LX": numbered("LX", 8)},
    "LW": {"LW": numbered("LW", 6)},
    "BG": {"BG": numbered("BG", 7)},
    "CH": {"CH": numbered("CH", 7)},
    "LOC": {"LOC": ["LOC-ABS", "LOC-RFE", "LOC-CSB", "LOC-PPC", "LOC-WPS", "LOC-DWX", "LOC-PEN"]},
    "NRM": {"NRM": [f"NRM-{stage}" for stage in range(1, 7)]},
    "PRN": {
        "PRN": [
            "PRN-DNH",
            "PRN-SAF",
            "PRN-CNF",
            "PRN-CNS",
            "PRN-INT",
            "PRN-NPR",
            "PRN-REF",
            "PRN-TIA",
            "PRN-NPN",
            "PRN-BIC",
            "PRN-MIN",
            "PRN-RPT",
            "PRN-TIP",
        ]
    },
    "ROLE": {"ROLE": ["LI", "HL", "SH", "LC", "JD", "CSO", "RA", "MD", "BS", "LE", "PP"]},
    "BL": {"BL": ["BL1", "BL2", "BL3", "BL4", "BL5"]},
    "CW": {"CW": ["CW0", "CW1", "CW2", "CW3"]},
}

EXPECTED_CROSSWALK = {
    "ILO-01": ["GEN-10", "GEN-15", "GEN-31", "LOC-DWX"],
    "ILO-02": ["GEN-29", "LOC-CSB"],
    "ILO-03": ["GEN-02", "GEN-03", "DS-06", "LX-06", "SX-02"],
    "ILO-04": ["GEN-17", "GEN-18", "GEN-19", "DS-05"],
    "ILO-05": ["GEN-06", "GEN-07", "DS-07"],
    "ILO-06": ["GEN-06", "GEN-09", "LOC-ABS"],
    "ILO-07": ["GEN-11", "GEN-12", "SX-09", "LOC-PPC"],
    "ILO-08": ["GEN-20", "GEN-21", "LW-03", "LOC-WPS"],
    "ILO-09": ["GEN-27", "GEN-28", "LW-05", "LOC-RFE"],
    "ILO-10": ["GEN-25", "GEN-26", "DS-02", "DS-03", "LX-02", "LX-03"],
    "ILO-11": ["GEN-22", "GEN-23"],
}


def all_tags():
    return [
        tag for framework in FRAMEWORKS for group in framework["groups"] for tag in group["tags"]
    ]


def named_nodes():
    for framework in FRAMEWORKS:
        yield framework
        for group in framework["groups"]:
            yield group
            yield from group["tags"]


def test_hierarchy_matches_the_domain_reference_in_order():
    actual = {
        framework["code"]: {
            group["code"]: [tag["code"] for tag in group["tags"]] for group in framework["groups"]
        }
        for framework in FRAMEWORKS
    }
    assert list(actual) == list(EXPECTED)
    assert actual == EXPECTED


def test_all_tag_codes_lists_every_tag():
    expected = {code for groups in EXPECTED.values() for codes in groups.values() for code in codes}
    assert all_tag_codes() == expected
    assert len(expected) == 156


def test_tag_codes_are_unique():
    codes = [tag["code"] for tag in all_tags()]
    assert len(codes) == len(set(codes))


def test_group_codes_are_unique_and_distinct_from_tag_codes():
    groups = [group["code"] for framework in FRAMEWORKS for group in framework["groups"]]
    assert len(groups) == len(set(groups))
    assert not set(groups) & all_tag_codes()


def test_single_group_frameworks_reuse_the_framework_code():
    for framework in FRAMEWORKS:
        if len(framework["groups"]) == 1:
            assert framework["groups"][0]["code"] == framework["code"]


@pytest.mark.parametrize("node", list(named_nodes()), ids=lambda node: node["code"])
def test_codes_are_ascii_and_names_are_bilingual(node):
    assert node["code"].isascii()
    assert CODE_PATTERN.match(node["code"]), node["code"]
    assert set(node["name"]) == {"en", "ar"}
    english, arabic = node["name"]["en"], node["name"]["ar"]
    assert english.strip() and english == english.strip()
    assert arabic.strip() and arabic == arabic.strip()
    assert ARABIC_LETTER.search(arabic), arabic
    assert not ARABIC_LETTER.search(english), english


def test_key_arabic_terms_follow_unodc_and_ilo_usage():
    names = {tag["code"]: tag["name"]["ar"] for tag in all_tags()}
    assert names["ILO-07"] == "احتجاز وثائق الهوية"
    assert names["ILO-09"] == "عبودية الدين"
    assert "العمل الجبري" in names["PAL-P-FLS"]
    ilo = next(framework for framework in FRAMEWORKS if framework["code"] == "ILO")
    assert "للعمل الجبري" in ilo["name"]["ar"]


def test_crosswalk_is_exactly_the_domain_reference():
    assert CROSSWALK == EXPECTED_CROSSWALK


def test_crosswalk_covers_every_ilo_indicator_and_names_existing_codes():
    codes = all_tag_codes()
    assert set(CROSSWALK) == set(numbered("ILO", 11))
    for ilo, targets in CROSSWALK.items():
        assert ilo in codes
        assert targets and len(targets) == len(set(targets))
        missing = [target for target in targets if target not in codes]
        assert not missing, f"{ilo} -> {missing}"


def test_cw3_is_not_allowed_in_the_bank():
    assert {"CW3"} == NOT_ALLOWED_IN_BANK
    assert "CW3" in all_tag_codes()
