"""Every URL the product answers, read from the resolver, with a sample path for each pattern.

Walking the resolver (instead of listing URLs by hand) means a route added later — another login
view, a new admin screen — is checked by the tests that use this without anyone remembering to.
"""

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern
from django.utils.regex_helper import normalize

SAMPLE_VALUES = ("1", str(uuid.UUID(int=1)), "x", "x/")
# A group that lists its words, like the Django admin's (?P<app_label>auth|people|...).
WORD_ALTERNATIVES = re.compile(r"\(\?P<(\w+)>(\w+)(?:\|\w+)+\)")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the dotted view path for unnamed patterns
    regex: str  # the whole pattern, as Django matches it
    path: str | None  # a concrete path that reaches this pattern; None if an earlier one shadows it


def _regex_of(pattern, language: str) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return f"{language}/"
    return pattern.regex.pattern.removeprefix("^").removesuffix(r"\Z").removesuffix("$")


def _walk(patterns, prefix: str, namespace: str, language: str):
    for entry in patterns:
        regex = prefix + _regex_of(entry.pattern, language)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, regex, inner, language)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else entry.lookup_str
            yield name, regex, entry


def _sample_path(regex: str, entry: URLPattern) -> str | None:
    fixed = dict(WORD_ALTERNATIVES.findall(regex))
    for format_string, params in normalize(regex):
        for value in SAMPLE_VALUES:
            path = "/" + format_string % {param: fixed.get(param, value) for param in params}
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if match.func is entry.callback or match._func_path == entry.lookup_str:
                return path
    return None


def all_routes(language: str = "en") -> list[Route]:
    routes = []
    for name, regex, entry in _walk(get_resolver().url_patterns, "", "", language):
        routes.append(Route(name=name, regex=regex, path=_sample_path(regex, entry)))
    return routes
