"""Dependencies point down: lms < cms < assessments < courses < certificates, the order of
settings.HIMAYA_APPS. An app imports only from the apps below it and hears from the apps above
through domain signals (docs/architecture.md, "Public surfaces between apps").

Every .py file of every app is read with `ast`, so imports inside functions count as much as
those at the top; migrations are left out (Django writes them, naming any app's models). The
project glue, `lms.settings` and `lms.urls`, wires every app together and is exempt.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
LAYERS = list(dict.fromkeys(app.split(".")[0] for app in settings.HIMAYA_APPS))
GLUE = ("lms.settings", "lms.urls")

# What courses and certificates may import from the apps below them: reads from `api`, verbs
# from `services` (courses only; assessments' readers use its api), domain signals, and the
# models they hold foreign keys to. A name set limits a module to those names.
PUBLIC_SURFACE = {
    "assessments": {
        "assessments.api": None,
        "assessments.signals": None,
        # Courses hold quizzes (pre-test, post-test, scenario final). Attempts, versions and
        # grades are read through assessments.api only.
        "assessments.models": {"Quiz"},
        # Courses' pages link to a quiz's analytics only for those the analytics view lets in
        # (courses/templatetags/staff_links.py asks the same check as the view).
        "assessments.access": {"can_view_quiz_analytics"},
        # Courses tell assessments who may start a quiz (assessments cannot import courses), and
        # answer with StartCheck: refused with the steps still missing before the final opens.
        "assessments.quiz_access": {"register_start_rule", "StartCheck", "Step", "NOT_HELD"},
        # Demo data is made through assessments' own verbs, like a trainee would.
        "assessments.demo": {"take_quiz"},
        # Generated programmes (seed_demo's cohort, seed_scale) write many graded attempts at
        # once, exactly as submit_attempt grades them, without a transaction per attempt.
        "assessments.scale": None,
    },
    "courses": {
        "courses.api": None,
        "courses.services": None,
        "courses.signals": None,
        # Certificates point at a course and are issued for an enrolment.
        "courses.models": {"CoursePage", "Enrolment"},
        # Generated programmes: enrolments, lessons, workshops and attendance in bulk, returning
        # who completed and who passed the final for certificates to issue.
        "courses.scale": None,
    },
}
SURFACE_USERS = {"assessments": ("courses", "certificates"), "courses": ("certificates",)}


@dataclass(frozen=True)
class Imported:
    path: Path
    line: int
    module: str  # absolute
    name: str | None  # a name taken from the module, or None for the module itself

    def __str__(self) -> str:
        what = f"{self.module}.{self.name}" if self.name else self.module
        return f"{self.path.relative_to(ROOT)}:{self.line} imports {what}"


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def python_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        module = module_of(path)
        if "migrations" in path.relative_to(ROOT).parts:
            continue
        if any(module == glue or module.startswith(glue + ".") for glue in GLUE):
            continue
        yield path


def imports_in(path: Path):
    module = module_of(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Imported(path, node.lineno, alias.name, None)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                source = ".".join([*parts, node.module] if node.module else parts)
            else:
                source = node.module
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if is_module(submodule):  # `from courses import api` imports a module
                    yield Imported(path, node.lineno, submodule, None)
                else:
                    yield Imported(path, node.lineno, source, alias.name)


def test_the_layers_are_the_installed_apps_in_order():
    assert LAYERS == ["lms", "cms", "assessments", "courses", "certificates"]
    for app in LAYERS:
        assert any(python_files(app)), f"no Python files found for {app}"


def test_every_app_imports_only_from_the_apps_below_it():
    upward = []
    for rank, app in enumerate(LAYERS):
        higher = set(LAYERS[rank + 1 :])
        for path in python_files(app):
            upward += [i for i in imports_in(path) if i.module.split(".")[0] in higher]
    assert not upward, "An app imports from an app above it:\n" + "\n".join(map(str, upward))


def test_apps_above_use_only_the_public_surface_below():
    outside = []
    for lower, users in SURFACE_USERS.items():
        surface = PUBLIC_SURFACE[lower]
        for app in users:
            for path in python_files(app):
                for imported in imports_in(path):
                    if imported.module.split(".")[0] != lower:
                        continue
                    allowed = surface.get(imported.module, set())
                    if allowed is None or imported.name in allowed:
                        continue
                    outside.append(imported)
    assert not outside, (
        "Use the public surface (api.py, services.py, signals.py, models for foreign keys; "
        "see PUBLIC_SURFACE):\n" + "\n".join(map(str, outside))
    )


def test_attempts_are_not_reached_through_reverse_relations():
    """`quiz.attempts.filter(...)` or `User.objects.filter(attempts__...)` would read attempts
    without importing Attempt: the names of the relations into Attempt are off limits above."""
    from assessments.models import Attempt

    names = {
        name
        for field in Attempt._meta.get_fields()
        if field.many_to_one and field.remote_field.related_name != "+"
        for name in (field.remote_field.get_accessor_name(), field.related_query_name())
    }
    assert "attempts" in names
    found = []
    for app in SURFACE_USERS["assessments"]:
        for path in python_files(app):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                lookups = []
                if isinstance(node, ast.Attribute):
                    lookups.append(node.attr)
                elif isinstance(node, ast.keyword) and node.arg:
                    lookups.append(node.arg.split("__")[0])
                elif isinstance(node, ast.Constant) and "__" in str(node.value):
                    lookups.append(str(node.value).split("__")[0])
                if names & set(lookups):
                    line = getattr(node, "lineno", None) or "?"
                    found.append(f"{path.relative_to(ROOT)}:{line}")
    assert not found, "Attempts read around assessments.api:\n" + "\n".join(sorted(set(found)))
