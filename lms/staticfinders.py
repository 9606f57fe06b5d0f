"""Serves the Amiri font straight from the fontpkg-amiri package, so no font binary is copied
into the repository and nothing is fetched from the network at run time."""

from pathlib import Path

import fontpkg_amiri
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "fonts/amiri"


class AmiriFontFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.root = Path(fontpkg_amiri.ROOT) / "files"
        self.storage = FileSystemStorage(location=str(self.root))
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if not path.startswith(PREFIX + "/"):
            return [] if find_all else None
        candidate = self.root / path.removeprefix(PREFIX + "/")
        if candidate.is_file() and candidate.parent == self.root:
            return [str(candidate)] if find_all else str(candidate)
        return [] if find_all else None

    def list(self, ignore_patterns):
        for font in sorted(self.root.glob("*.ttf")):
            yield font.name, self.storage
