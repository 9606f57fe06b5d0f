"""Texts from other systems into the product's text: Moodle's HTML and Markdown become plain
text, and a text written in one language is placed in that language.

The product shows question texts as plain text (escaped, line breaks kept), so markup must never
reach a page as raw tags. What carries meaning is kept in plain words: emphasis as ``*word*``
(``**word**`` for strong), a link as ``text (address)``, list items as ``- item``, paragraphs as
blank-line-separated lines. Images cannot be carried: each is returned so the import can report
it.

Pure standard library. ``html.parser`` reads only HTML's own character references and never
loads or expands a DTD, so no entity expansion can happen here.
"""

import re
from html import unescape
from html.parser import HTMLParser

# Moodle's text-format markers, written at the start of a GIFT text: [html], [markdown]…
FORMATS = ("html", "moodle", "plain", "markdown")
_MARKER = re.compile(r"\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "tr",
    "pre",
}
_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_SKIPPED = {"script", "style", "head", "title"}
_LINK_SCHEMES = ("http://", "https://", "mailto:")


# Moodle's two ways of writing one text in several languages: the multilang filter's
# <span lang="ar" class="multilang">…</span>, and the multilang2 filter's {mlang ar}…{mlang}.
_MULTILANG_SPAN = re.compile(
    r"<span\b(?=[^>]*\bclass\s*=\s*[\"'][^\"']*\bmultilang\b)[^>]*\blang\s*=\s*[\"']?"
    r"([A-Za-z_-]+)[^>]*>(.*?)</span>",
    re.IGNORECASE | re.DOTALL,
)
_MLANG = re.compile(r"\{mlang\s+([A-Za-z_,-]+)\s*\}(.*?)\{mlang\}", re.IGNORECASE | re.DOTALL)


def multilang_parts(text: str) -> tuple[str, str] | None:
    """(English, Arabic) of a text written with Moodle's multilang markup, each still in the
    text's format; None when the text has no such markup or names neither language. A language
    written as a region (``en_us``, ``ar_sa``) counts as its language; ``other`` (multilang2's
    fallback) is English when no English is given."""
    found = _MULTILANG_SPAN.findall(text) or _MLANG.findall(text)
    if not found:
        return None
    parts: dict[str, str] = {}
    for languages, content in found:
        for language in re.split(r"[,\s]+", languages.lower()):
            base = re.split(r"[_-]", language)[0]
            if base in ("en", "ar", "other"):
                parts.setdefault(base, content.strip())
    english = parts.get("en", parts.get("other", ""))
    arabic = parts.get("ar", "")
    if not english and not arabic:
        return None
    return english, arabic


def take_marker(text: str, default: str = "moodle") -> tuple[str, str]:
    """(format, text without it): a leading ``[html]``-style marker names the text's format."""
    found = _MARKER.match(text)
    if found is None:
        return default, text
    return found.group(1).lower(), text[found.end() :]


def to_plain(text: str, text_format: str) -> tuple[str, list[str]]:
    """The text in the product's plain form, and the images it held (their file names)."""
    if text_format == "html":
        return html_to_plain(text)
    if text_format == "markdown":
        return markdown_to_plain(text)
    return text, []


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.images: list[str] = []
        self.links: list[str | None] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag in _EMPHASIS:
            self.out.append(_EMPHASIS[tag])
        elif tag == "a":
            href = (attributes.get("href") or "").strip()
            self.links.append(href if href.lower().startswith(_LINK_SCHEMES) else None)
        elif tag == "img":
            source = attributes.get("src") or attributes.get("alt") or "image"
            self.images.append(unescape(source).rsplit("/", 1)[-1] or source)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIPPED:
            self.handle_starttag(tag, attrs)
            if tag == "a":
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag in _EMPHASIS:
            self.out.append(_EMPHASIS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.out.append(f" ({href.removeprefix('mailto:')})")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_plain(html: str) -> tuple[str, list[str]]:
    """HTML as plain text (module docstring), and its images."""
    parser = _Plain()
    parser.feed(html)
    parser.close()
    return _tidy("".join(parser.out)), parser.images


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)")


def markdown_to_plain(text: str) -> tuple[str, list[str]]:
    """Markdown as plain text: emphasis is already in the kept form; links become
    ``text (address)``; images are dropped and returned."""
    images = [source.rsplit("/", 1)[-1] or alt for alt, source in _MD_IMAGE.findall(text)]
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda found: f"{found.group(1)} ({found.group(2)})", text)
    return _tidy(text), images


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def language_of(text: str) -> str:
    """ "ar" when the text has more Arabic letters than Latin ones, else "en"."""
    return "ar" if _ARABIC.subn("", text)[1] > _LATIN.subn("", text)[1] else "en"


def in_one_language(text: str, language: str | None) -> dict[str, str]:
    """A text written in one language, as a bilingual text with the other part empty: in
    `language` when given, else in the language its letters are written in."""
    lang = language or language_of(text)
    return {"en": text if lang == "en" else "", "ar": text if lang == "ar" else ""}
