"""The scenario editor's form: the tag picker for roles and tags, and the fictional declaration
required before a scenario goes to review or live (as the lesson form requires it of a lesson
telling a case, courses.models.LessonPageForm). The quiz editor's form: a per-sector draw is
checked against its pool, and publishing a final that a trainee could pass without reading the
cases asks for confirmation (issue 12, sections 0 and 4)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminAutoHeightTextInput

from lms.people.models import Sector

from . import baselines, drawing, test_wise
from .tag_picker import TagPicker, grouped_tags

# The editor's buttons that send content towards trainees: submit for review, publish, and
# restart a review.
GOING_LIVE_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")
ARABIC = {"dir": "rtl", "lang": "ar"}


def arabic_line() -> forms.TextInput:
    return forms.TextInput(attrs=ARABIC)


def arabic_text() -> AdminAutoHeightTextInput:
    return AdminAutoHeightTextInput(attrs=ARABIC)


class ScenarioForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Grouped by framework and named in the editor's language (one query each).
        for name, frameworks in (("roles", ["ROLE"]), ("tags", None)):
            if name in self.fields:
                self.fields[name].widget = TagPicker(
                    choices=grouped_tags(value="pk", frameworks=frameworks)
                )

    def clean(self):
        cleaned = super().clean()
        going_live = any(action in self.data for action in GOING_LIVE_ACTIONS)
        if going_live and not cleaned.get("fictional_declared"):
            self.add_error(
                "fictional_declared",
                _(
                    "Declare that this case is a fictional composite before submitting it for "
                    "review or publishing it."
                ),
            )
        return cleaned


class QuizForm(WagtailAdminModelForm):
    """Publishing checks two things. A per-sector draw (``assessments/drawing.py``) must find
    enough scenarios: its pool (the scenarios listed, or every live scenario when none is listed)
    must hold the core scenarios it draws and, for every sector with a frontline role, that
    sector's; the message names each sector that falls short. And a final whose test-wise
    baseline (``assessments/test_wise.py``) reaches its pass mark, for a drawn final on any
    sector's form, requires ticking ``confirm_test_wise``: such a final certifies people who
    never read the cases, so whoever publishes it does so knowingly. Saving a draft checks
    neither. A quiz drawn by tag is measured on its analytics page."""

    confirm_test_wise = forms.BooleanField(
        label=_("Publish although the test-wise baseline reaches the pass mark"),
        required=False,
        help_text=_(
            "Needed only for a final that a trainee who never reads the cases could pass: "
            "the quiz's analytics name the questions that give most away."
        ),
    )

    DRAW_NUMBERS = ("sector_scenarios", "core_scenarios")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, a number is 0: most quizzes are not drawn per sector.
        for name in self.DRAW_NUMBERS:
            if name in self.fields:
                self.fields[name].required = False

    def clean_sector_scenarios(self):
        return self.cleaned_data.get("sector_scenarios") or 0

    def clean_core_scenarios(self):
        return self.cleaned_data.get("core_scenarios") or 0

    def clean(self):
        cleaned = super().clean()
        if "action-publish" not in self.data:
            return cleaned
        sector_draw = None
        if cleaned.get("sector_scenarios") or cleaned.get("core_scenarios"):
            sector_draw = self._check_sector_draw(cleaned)
            if sector_draw is None:
                return cleaned
        if cleaned.get("kind") != "final":
            return cleaned
        pass_mark = cleaned.get("pass_mark")
        if pass_mark is None:
            return cleaned
        if sector_draw is not None:
            self._confirm_sector_baselines(cleaned, sector_draw, pass_mark)
            return cleaned
        result = self._baseline(cleaned)
        if result is None or not result.reaches(pass_mark):
            return cleaned
        if not cleaned.get("confirm_test_wise"):
            self.add_error(
                "confirm_test_wise",
                _(
                    "A trainee who never reads the cases scores %(heuristic)s%% on this final "
                    "(random guessing: %(random)s%%; pass mark %(pass_mark)s%%). Rewrite the "
                    "questions that give the answer away, or confirm to publish anyway."
                )
                % {
                    "heuristic": result.heuristic,
                    "random": result.random,
                    "pass_mark": f"{pass_mark.normalize():f}",
                },
            )
        return cleaned

    def _listed_scenarios(self):
        """The scenarios listed in the form (deleted rows left out), or None when the list
        cannot be read (its own errors then show)."""
        items = self.formsets.get("items") if hasattr(self, "formsets") else None
        # The form is cleaned before its formsets: validating them here fills their data.
        if items is None or not items.is_valid():
            return None
        return [
            form.cleaned_data["scenario"]
            for form in items.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("scenario") is not None
            and not form.cleaned_data.get("DELETE")
        ]

    def _check_sector_draw(self, cleaned) -> dict | None:
        """The draw the version would freeze, with its pool as ``self.sector_pool``; None, with
        the errors added, when it cannot draw every sector's form."""
        rules = self.formsets.get("draw_rules") if hasattr(self, "formsets") else None
        drawn_by_tag = (
            rules is not None
            and rules.is_valid()
            and any(
                form.cleaned_data.get("tag") and not form.cleaned_data.get("DELETE")
                for form in rules.forms
                if getattr(form, "cleaned_data", None)
            )
        )
        if drawn_by_tag:
            self.add_error(
                "sector_scenarios",
                _(
                    "A quiz draws either per tag or per sector, not both: remove the draw "
                    "rules, or set both numbers of the draw per sector to 0."
                ),
            )
            return None
        listed = self._listed_scenarios()
        if listed is None:
            return None
        # Imported here: the models import this form, and services imports the models.
        from . import services

        exchange = services.pool_in_exchange(listed)
        sector_draw = services.sector_draw_for(
            sector=cleaned.get("sector_scenarios"), core=cleaned.get("core_scenarios")
        )
        if not sector_draw["roles"]:
            self.add_error(
                "sector_scenarios",
                _(
                    "No sector has a frontline role code, so no trainee has scenarios of their "
                    "own: set each sector's code under Programme, Sectors."
                ),
            )
            return None
        names = {sector.code: sector.name for sector in Sector.objects.all()}
        shortages = drawing.shortfalls(exchange, sector_draw=sector_draw)
        for short in shortages:
            values = {
                "sector": names.get(short.sector, short.sector),
                "role": short.role,
                "available": short.available,
                "needed": short.needed,
            }
            if short.sector is None:
                message = ngettext(
                    "Each attempt draws %(needed)s core scenario (tagged with every sector's "
                    "role) and the pool holds %(available)s.",
                    "Each attempt draws %(needed)s core scenarios (tagged with every sector's "
                    "role) and the pool holds %(available)s.",
                    short.needed,
                )
                self.add_error("core_scenarios", message % values)
            else:
                message = ngettext(
                    "%(sector)s falls short: each attempt draws %(needed)s scenario of its own "
                    "(role %(role)s, not core) and the pool holds %(available)s.",
                    "%(sector)s falls short: each attempt draws %(needed)s scenarios of its own "
                    "(role %(role)s, not core) and the pool holds %(available)s.",
                    short.needed,
                )
                self.add_error("sector_scenarios", message % values)
        if shortages:
            return None
        self.sector_pool = exchange
        return sector_draw

    def _confirm_sector_baselines(self, cleaned, sector_draw, pass_mark) -> None:
        results = baselines.sector_baselines(
            scenarios=self.sector_pool,
            sector_draw=sector_draw,
            shuffle_options=bool(cleaned.get("shuffle_options")),
        )
        reached = [sector for sector, result in results.items() if result.reaches(pass_mark)]
        if not reached or cleaned.get("confirm_test_wise"):
            return
        names = {sector.code: sector.name for sector in Sector.objects.filter(code__in=reached)}
        self.add_error(
            "confirm_test_wise",
            _(
                "A trainee who never reads the cases reaches the pass mark (%(pass_mark)s%%) on "
                "the forms of %(sectors)s. Rewrite the questions that give the answer away, or "
                "confirm to publish anyway."
            )
            % {
                "pass_mark": f"{pass_mark.normalize():f}",
                "sectors": "; ".join(
                    _("%(sector)s: %(heuristic)s%% (random guessing: %(random)s%%)")
                    % {
                        "sector": names.get(sector, sector),
                        "heuristic": results[sector].heuristic,
                        "random": results[sector].random,
                    }
                    for sector in reached
                ),
            },
        )

    def _baseline(self, cleaned):
        """The baseline of the live scenarios listed in the form, or None if there are none."""
        scenarios = self._listed_scenarios() or []
        # Flattened here, not by services.questions_by_key: services imports the models, which
        # import this form. Scoring needs only the questions.
        questions = [q for s in scenarios if s.live for q in s.to_exchange()["questions"]]
        if not questions:
            return None
        return test_wise.baseline(
            questions=questions,
            shuffle_options=bool(cleaned.get("shuffle_options")),
        )
