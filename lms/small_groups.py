"""Figures about too few people are not shown: an average over one trainee is that trainee's score.

Every aggregate the product shows per group (sector, tag, cohort, organisation) goes through
`small_group(people)`. When fewer people than `settings.HIMAYA_MIN_GROUP_SIZE` (default 5) are
behind a figure, the computation drops the figure and puts a `FewerThan` in its place, which
shows as "fewer than 5". Suppressing where the numbers are computed (not in a template) keeps
the figure out of every page, report and export built on them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext


def minimum_group_size() -> int:
    return getattr(settings, "HIMAYA_MIN_GROUP_SIZE", 5)


@dataclass(frozen=True)
class FewerThan:
    """Stands in for a suppressed figure; renders as "fewer than 5" in the active language."""

    minimum: int

    def __str__(self) -> str:
        return gettext("fewer than %(minimum)d") % {"minimum": self.minimum}


def small_group(people: int) -> FewerThan | None:
    """A `FewerThan` if a figure over `people` people must not be shown, otherwise None."""
    minimum = minimum_group_size()
    return FewerThan(minimum) if people < minimum else None
