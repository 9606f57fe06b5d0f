"""Where each role finds its tools (issue 13, §3): the header's links and the dashboard's "Your
work" cards come from one list, `tools_for(user)`, so the two never disagree and never offer a
page the person would be refused.

lms sits below the apps whose pages these are, so it cannot ask their permission checks itself:
each app registers a *provider* from its AppConfig.ready() (as courses registers its quiz start
rule with assessments), a function that returns the tools a user may open, asking the app's own
access checks. The checks are permissions, read once per request in one query
(lms.permissions), so the list costs no query of its own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import get_script_prefix
from django.utils.translation import get_language

from .permissions import read_permissions


@dataclass(frozen=True)
class Tool:
    key: str  # stable, for tests and templates
    label: str
    url: str
    description: str = ""
    # The header carries the few places a person goes every day; the dashboard lists them all.
    in_header: bool = False
    # Learning tools (everyone's) come before staff tools; within them, this order.
    order: int = 100
    staff: bool = False


Provider = Callable[[object], Iterable[Tool]]
_providers: list[Provider] = []


def register_tools(provider: Provider) -> None:
    """Called from an app's AppConfig.ready(); registering the same provider twice is harmless.
    A provider decides by the person's permissions and organisation alone (`tools_for` keeps
    its answer for everyone who has the same)."""
    if provider not in _providers:
        _providers.append(provider)
        _kept.clear()


# Every page's header asks for the tools, and building them (each provider's checks, a reverse()
# per link) cost about a third of the header's rendering. They are the same for everyone with
# the same permissions and organisation, in a language: kept per process for each such kind of
# person (a few hundred at most; emptied if it ever grows past the bound).
_KEPT_AT_MOST = 1000
_kept: dict[tuple, list[Tool]] = {}


def _kind(user) -> tuple:
    """What the providers' answers depend on (an active superuser may open everything)."""
    if user.is_active and user.is_superuser:
        permissions = "superuser"
    else:
        permissions = frozenset(user.get_all_permissions())
    return (get_language(), get_script_prefix(), permissions, user.organisation_id)


def tools_for(user) -> list[Tool]:
    """Every tool `user` may open, in order; none for an anonymous visitor."""
    if not user.is_authenticated:
        return []
    read_permissions(user)  # the providers' checks, in one query (lms.permissions)
    kind = _kind(user)
    tools = _kept.get(kind)
    if tools is None:
        tools = sorted(
            (tool for provider in _providers for tool in provider(user)),
            key=lambda tool: (tool.order, tool.key),
        )
        if len(_kept) >= _KEPT_AT_MOST:
            _kept.clear()
        _kept[kind] = tools
    return list(tools)
