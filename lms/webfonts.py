"""The interface's web fonts: subsetted WOFF2 files built from a packaged font.

Arabic pages are set in IBM Plex Sans Arabic, a face drawn for screens (Amiri, a book face,
stays for the certificate PDF). The package ships whole TTF files of about 240 KB each; a
trainee on mobile data needs only the characters the interface uses. So each face the CSS
names is cut down here to ``UNICODE_RANGES`` and compressed to WOFF2 (about 35 KB), into
``BUILD_DIR``. No font binary is committed and nothing is fetched: the source is the installed
``fontpkg-ibm-plex-sans-arabic`` package and the tools are fontTools and brotli.

Building happens once per source font, subset and fontTools version (a fingerprint kept beside
each file): ``make install`` runs ``python -m lms.webfonts``, and ``lms.staticfinders`` builds
on first use, so ``runserver``, the tests' live server and ``collectstatic`` (whence whitenoise
serves them in production, hashed and immutable) find the files on a fresh machine too.

This module needs no Django settings, so the Makefile can run it before anything else.
"""

import hashlib
import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import fontpkg_ibm_plex_sans_arabic
import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

BUILD_DIR = Path(__file__).resolve().parent.parent / ".webfonts"
STATIC_PREFIX = "fonts"
FAMILY = "IBM Plex Sans Arabic"

# What the interface writes, and nothing more (the CSS repeats these as `unicode-range`, so a
# character outside them is drawn by a system font rather than fetching anything):
UNICODE_RANGES = (
    (0x0020, 0x007E),  # Basic Latin: serials, emails, Latin names and digits on Arabic pages
    (0x00A0, 0x00FF),  # Latin-1: no-break space, middle dot, accented Latin names
    (0x0600, 0x06FF),  # Arabic, with Arabic-Indic digits and ، ؛ ؟ ٪
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, ellipsis, bidi marks and isolates
    (0x2190, 0x2193),  # the arrows of previous/next links
)


@dataclass(frozen=True)
class Face:
    weight: int
    source: Path

    @property
    def name(self) -> str:
        """The file name under ``fonts/`` in static files (and in ``BUILD_DIR``)."""
        return f"ibm-plex-sans-arabic-{self.weight}.woff2"

    @property
    def static_path(self) -> str:
        return f"{STATIC_PREFIX}/{self.name}"


_FILES = Path(fontpkg_ibm_plex_sans_arabic.ROOT) / "files"
# Regular for text, Bold for headings and labels (600 resolves to 700: no third download).
FACES = (
    Face(weight=400, source=_FILES / "IBMPlexSansArabic-Regular.ttf"),
    Face(weight=700, source=_FILES / "IBMPlexSansArabic-Bold.ttf"),
)


def unicodes() -> set[int]:
    return {code for first, last in UNICODE_RANGES for code in range(first, last + 1)}


def css_unicode_range() -> str:
    """``UNICODE_RANGES`` as the CSS descriptor writes them (a test compares it with the CSS)."""
    return ", ".join(f"U+{first:04X}-{last:04X}" for first, last in UNICODE_RANGES)


def _fingerprint(face: Face) -> str:
    digest = hashlib.sha256(face.source.read_bytes())
    digest.update(repr((UNICODE_RANGES, fontTools.version)).encode())
    return digest.hexdigest()


def subset_woff2(source: Path) -> bytes:
    """The face at ``source`` reduced to ``UNICODE_RANGES`` as WOFF2 bytes.

    Every OpenType layout feature is kept: Arabic letters take their joining forms, ligatures
    and marks through GSUB/GPOS, and the subsetter keeps the glyphs those features reach from
    the kept characters. Hinting is dropped (modern screens do not use TrueType hints, and it
    is a sixth of the file)."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.hinting = False
    options.ignore_missing_unicodes = True
    options.drop_tables = [*options.drop_tables, "meta"]  # metadata browsers never read
    font = TTFont(source)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer)
    return buffer.getvalue()


def _write_atomically(path: Path, content: bytes) -> None:
    # Two processes may build at once (runserver's reloader, a test and collectstatic): each
    # writes its own temporary file and renames it, so no one ever reads half a font.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from a web server's user
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build(directory: Path = BUILD_DIR) -> list[Path]:
    """Make sure every face in ``FACES`` is built in ``directory``; return their paths.

    A face whose fingerprint (source bytes, subset, fontTools version) matches the one recorded
    beside it is left alone, so calling this on every start costs two file reads per face."""
    directory.mkdir(parents=True, exist_ok=True)
    built = []
    for face in FACES:
        target = directory / face.name
        stamp = directory / f"{face.name}.fingerprint"
        fingerprint = _fingerprint(face)
        current = target.is_file() and stamp.is_file() and stamp.read_text() == fingerprint
        if not current:
            _write_atomically(target, subset_woff2(face.source))
            _write_atomically(stamp, fingerprint.encode())
        built.append(target)
    return built


if __name__ == "__main__":
    for path in build():
        sys.stdout.write(f"{path.relative_to(BUILD_DIR.parent)}: {path.stat().st_size} bytes\n")
