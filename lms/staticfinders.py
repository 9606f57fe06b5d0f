"""Serves the interface's subsetted WOFF2 fonts (lms/webfonts.py) as static files under
``fonts/``, building them from the installed font package the first time they are asked for.

Being a finder, it serves them to ``runserver`` and the tests' live server as they are, and
hands them to ``collectstatic``, whose storage gives them hashed names for whitenoise in
production. No font binary is committed and nothing is fetched at run time."""

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

from lms import webfonts


class WebFontFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.storage = FileSystemStorage(location=str(webfonts.BUILD_DIR))
        self.storage.prefix = webfonts.STATIC_PREFIX
        self._paths = None

    def _built(self) -> dict[str, str]:
        """Static path -> built file, building once per process (a fingerprint check after)."""
        if self._paths is None:
            webfonts.build(webfonts.BUILD_DIR)
            self._paths = {
                face.static_path: str(webfonts.BUILD_DIR / face.name) for face in webfonts.FACES
            }
        return self._paths

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if not path.startswith(webfonts.STATIC_PREFIX + "/"):
            return [] if find_all else None
        found = self._built().get(path)
        if found is None:
            return [] if find_all else None
        return [found] if find_all else found

    def list(self, ignore_patterns):
        self._built()
        for face in webfonts.FACES:
            yield face.name, self.storage
