"""What an Arabic page shows in Latin letters (issue 13, §5): the visible text of <main>, and the
runs of Latin words in it that are not a name, an email, a code the person needs or an allowed
word.

Names and codes shown on purpose are marked in the page: an English name beside the Arabic one by
lang="en", a serial, verification code or bank code by translate="no" (HTML's own mark for "a
name or code, not words"). Everything else in Latin letters on an Arabic page is English left
untranslated."""

import re
from html.parser import HTMLParser

# Read by no one, or not text: never scanned.
SKIPPED_TAGS = {"script", "style", "template", "svg", "noscript", "select"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}

# A run: Latin words separated only by spaces or simple punctuation.
WORD = r"[A-Za-z][A-Za-z0-9'\u2019.\-]*"
LATIN_RUN = re.compile(rf"{WORD}(?:[ ,:/&()]+{WORD})*")

EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
URL = re.compile(r"https?://\S+")
ALLOWED = [
    re.compile(r"^HMY-\d{4}-\d{6}$"),  # a certificate serial
    re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-?[0-9A-HJKMNP-TV-Z]{4}){3}$"),  # a verification code
    re.compile(r"^[A-Z]{2,5}-\d{1,4}$"),  # a course code (printed on its certificates)
    re.compile(r"^(PDF|CSV|XLSX|SHA-256|TOTP|MFA|QR|URL|ID)$"),  # formats and standards
]


class _Visible(HTMLParser):
    """The text of <main>, with where each piece sits: inside an element marked lang="en" (an
    English name shown on purpose beside the Arabic one) or not."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, in_main, skipped, english)
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        parent = self.stack[-1] if self.stack else ("", False, False, False)
        in_main = parent[1] or tag == "main"
        skipped = parent[2] or tag in SKIPPED_TAGS or "hidden" in attrs
        english = (
            parent[3]
            or (attrs.get("lang") or "").startswith("en")
            or attrs.get("translate") == "no"
        )
        if tag not in VOID_TAGS:
            self.stack.append((tag, in_main, skipped, english))
        if in_main and not skipped and tag == "input" and attrs.get("type") in {"submit", "button"}:
            self.pieces.append((attrs.get("value", ""), english))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.pieces.append((data, self.stack[-1][3]))


def latin_runs(html: str, *, allowed_words=frozenset()) -> list[str]:
    """The runs of Latin words in the visible text of <main> that nothing allows."""
    parser = _Visible()
    parser.feed(html)
    found = []
    for text, english in parser.pieces:
        if english:
            continue
        text = URL.sub(" ", EMAIL.sub(" ", text))
        for match in LATIN_RUN.finditer(text):
            run = match.group().strip(" ,:/&().-")
            if not run or run in allowed_words:
                continue
            words = [word for word in re.split(r"[ ,:/&()]+", run) if word]
            if all(word in allowed_words or any(p.match(word) for p in ALLOWED) for word in words):
                continue
            if any(p.match(run) for p in ALLOWED):
                continue
            found.append(run)
    return found
