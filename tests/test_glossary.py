"""One Arabic terminology: no variant the glossary says to avoid appears in what people read.

docs/glossary.md is the single source: its table's «Arabic» column lists the accepted forms and
its «Variants to avoid» column the forms that must not appear in the Arabic catalogue, the
taxonomy's Arabic names, the demo course or the question bank. The tanween rule of its Spelling
section is checked here too.
"""

import re
from bisect import bisect_right
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from assessments.taxonomy_data import FRAMEWORKS

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
PO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"
TAXONOMY = ROOT / "assessments" / "taxonomy_data.py"
YAML_GLOBS = ("courses/demo_course/*.yaml", "assessments/demo_bank/*.yaml")

# Short vowels, tanween, shadda, sukun, the dagger alif and the tatweel: ignored when matching, so
# «تعلّمي» and «تعلمي», or «فجراً» and «فجرًا», are one variant.
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# What may stand between a word boundary and the variant: the conjunctions, prepositions and the
# article that Arabic writes joined to the next word.
PROCLITICS = {"", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل"}
PROCLITICS |= {"و" + p for p in ("ب", "ل", "ك")} | {"ف" + p for p in ("ب", "ل", "ك")}
# Tanween al-fath is written on the letter before the alif («أيضًا»), never on the alif («أيضاً»).
TANWEEN_ON_ALIF = "\u0627\u064b"
QUOTED = re.compile("«([^«»]+)»")


def normalise(text: str) -> str:
    return DIACRITICS.sub("", text)


def glossary_rows() -> list[dict]:
    """The rows of the glossary's Terms table, with their accepted forms and variants."""
    rows = []
    in_terms = False
    for number, line in enumerate(GLOSSARY.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("## "):
            in_terms = line.strip() == "## Terms"
            continue
        if not (in_terms and line.startswith("|")) or set(line) <= set("|- "):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == "Term":
            continue
        term, english, arabic, source, avoid = cells[:5]
        rows.append(
            {
                "line": number,
                "term": term,
                "english": english,
                "source": source,
                "accepted": QUOTED.findall(arabic),
                "avoid": QUOTED.findall(avoid),
            }
        )
    return rows


def variant_finder():
    """A function (text) -> [(offset, variant, preferred term)] for the variants found in the
    text; offsets count in the normalised text."""
    rules = []
    for row in glossary_rows():
        accepted = [normalise(form) for form in row["accepted"]]
        for variant in row["avoid"]:
            rules.append((variant, normalise(variant), accepted, row["accepted"][0]))

    def find(text: str) -> list[tuple[int, str, str]]:
        plain = normalise(text)
        spans = []
        for variant, pattern, accepted, preferred in rules:
            for match in re.finditer(re.escape(pattern), plain):
                if starts_a_word(plain, match.start()) and not inside_accepted_form(
                    plain, match.start(), match.end(), accepted
                ):
                    spans.append((match.start(), match.end(), variant, preferred))
        # A variant found inside a longer one («هروبه» inside «هروبها») is the same finding.
        found = []
        for start, end, variant, preferred in sorted(spans, key=lambda s: s[0] - s[1]):
            if not any(s <= start and end <= e for s, e, *_ in found):
                found.append((start, end, variant, preferred))
        return sorted((start, variant, preferred) for start, _, variant, preferred in found)

    return find


def starts_a_word(text: str, start: int) -> bool:
    word_start = start
    while word_start > 0 and ARABIC_LETTER.match(text[word_start - 1]):
        word_start -= 1
    return text[word_start:start] in PROCLITICS


def inside_accepted_form(text: str, start: int, end: int, accepted: list[str]) -> bool:
    for form in accepted:
        for match in re.finditer(re.escape(form), text):
            if match.start() <= start and end <= match.end():
                return True
    return False


def arabic_names(node: dict) -> list[str]:
    names = [node["name"]["ar"]]
    for child in node.get("groups", []) + node.get("tags", []):
        names.extend(arabic_names(child))
    return names


def texts_to_check() -> list[tuple[str, list[str]]]:
    """(file or string, its lines) for every Arabic text the glossary governs. A catalogue
    entry or a taxonomy name is one line; a YAML file keeps its lines, so that a finding can
    name its line, while a term its folding splits over two lines is still found."""
    texts = []
    with PO.open("rb") as file:
        catalog = read_po(file, locale="ar")
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        where = f"{PO.relative_to(ROOT)}:{message.lineno} (msgid {msgid[:60]!r})"
        texts.extend((where, [string]) for string in strings)
    for framework in FRAMEWORKS:
        for name in arabic_names(framework):
            texts.append((f"{TAXONOMY.relative_to(ROOT)} (Arabic name {name!r})", [name]))
    for pattern in YAML_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            lines = path.read_text(encoding="utf-8").splitlines()
            texts.append((str(path.relative_to(ROOT)), lines))
    return texts


def variants_in(lines: list[str], find) -> list[tuple[int | None, str, str]]:
    """(line number or None for a one-line text, variant, preferred) for the variants in the
    lines, read as one text with each line break a space."""
    starts, parts, offset = [], [], 0
    for line in lines:
        part = normalise(line.strip())
        starts.append(offset)
        parts.append(part)
        offset += len(part) + 1
    found = find(" ".join(parts))
    if len(lines) == 1:
        return [(None, variant, preferred) for _, variant, preferred in found]
    return [
        (bisect_right(starts, start), variant, preferred) for start, variant, preferred in found
    ]


def test_the_glossary_covers_the_terms_the_programme_relies_on():
    rows = glossary_rows()
    terms = {row["term"] for row in rows}
    for term in (
        "presumed victim",
        "identify (frontline)",
        "formal determination",
        "survivor",
        "abuse of vulnerability (ILO-01)",
        "withholding of wages (ILO-08)",
        "durable solutions (NRM-5)",
        "independent interpreter",
        "designated referral route",
        "non-punishment principle",
        "the child rule",
        "true or false",
        "debt bondage (ILO-09)",
        "passport retention",
        "leaving danger",
        "presumed minority",
        "2 a.m.",
    ):
        assert term in terms
    for row in rows:
        assert row["english"] and row["source"], f"glossary line {row['line']} lacks a source"
        assert row["accepted"], f"glossary line {row['line']} has no Arabic form in «…»"


def test_no_accepted_form_is_itself_a_variant_to_avoid():
    find = variant_finder()
    clashes = [
        (row["line"], form, found)
        for row in glossary_rows()
        for form in row["accepted"]
        if (found := find(form))
    ]
    assert clashes == []


def test_the_glossary_itself_spells_tanween_on_the_letter_before_the_alif():
    assert TANWEEN_ON_ALIF not in GLOSSARY.read_text(encoding="utf-8").split("## Terms")[1]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "يتولّون تحديد ضحايا الاتجار",
            [("تحديد ضحايا", "يتعرّف على"), ("يتولّون تحديد", "يتعرّف على")],
        ),
        ("بمساعدة مترجم شفوي مستقل", []),
        ("ومترجم مستقل", [("مترجم مستقل", "مترجم شفوي مستقل")]),
        ("إساءة استغلال حالة الاستضعاف", []),
        ("أو استغلال حالة الاستضعاف", [("استغلال حالة الاستضعاف", "إساءة استغلال حالة الاستضعاف")]),
        ("في الثانية فجراً", [("الثانية فجرًا", "الثانية بعد منتصف الليل")]),
        ("تعلمي", [("تعلّمي", "دوراتي")]),
        ("بلاغ تغيّب عن العمل (هروب)", []),
        ("قبل هروبها", [("هروبها", "مغادرة")]),
        ("المسارات", []),
    ],
)
def test_variants_are_found_at_the_start_of_a_word_outside_accepted_forms(text, found):
    assert (
        sorted({(variant, preferred) for _, variant, preferred in variant_finder()(text)}) == found
    )


def test_a_variant_split_over_two_lines_of_a_yaml_file_is_found_on_its_first_line():
    lines = ["ar: >-", "    وبحضور مترجم", "    مستقل."]
    found = variants_in(lines, variant_finder())
    assert found == [(2, "مترجم مستقل", "مترجم شفوي مستقل")]


def test_no_variant_to_avoid_appears_in_the_catalogue_taxonomy_course_or_bank():
    find = variant_finder()
    problems = [
        f"{where}{'' if line is None else f':{line}'}: «{variant}» — use «{preferred}»"
        " (docs/glossary.md)"
        for where, lines in texts_to_check()
        for line, variant, preferred in variants_in(lines, find)
    ]
    assert problems == [], "\n".join(problems)


def test_tanween_is_written_on_the_letter_before_the_alif_everywhere():
    problems = []
    for where, lines in texts_to_check():
        for number, line in enumerate(lines, 1):
            for word in re.findall("[\u0621-\u0652]*" + TANWEEN_ON_ALIF, line):
                fixed = word.replace(TANWEEN_ON_ALIF, "\u064b\u0627")
                at = f"{where}:{number}" if len(lines) > 1 else where
                problems.append(f"{at}: «{word}» — write «{fixed}» (docs/glossary.md, Spelling)")
    assert problems == [], "\n".join(problems)
