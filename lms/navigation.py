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
    """Called from an app's AppConfig.ready(); registering the same provider twice is harmless."""
    if provider not in _providers:
        _providers.append(provider)


def tools_for(user) -> list[Tool]:
    """Every tool `user` may open, in order; none for an anonymous visitor."""
    if not user.is_authenticated:
        return []
    read_permissions(user)  # the providers' checks, in one query (lms.permissions)
    tools = [tool for provider in _providers for tool in provider(user)]
    return sorted(tools, key=lambda tool: (tool.order, tool.key))
