"""A page's whole path in one query (issue 14, "make the hot paths cheap").

Wagtail routes a URL one level at a time: at each level it reads the child with the next slug,
then that child as its specific type, so a lesson five levels down cost ten queries (with the
active locale and the home page), and its view-restriction check two more. `route` below reads
the site's home pages, every page along the path and every page above the home in one query,
with whether each has a view restriction, and answers exactly what Wagtail's routing would,
where it can be sure of that:

- the home is the site root's translation in the active language (the root itself where that
  translation is missing or not live, as `Page.localized` does), and sits beside the root;
- every page on the path is the one child of the page before with that slug (found by its
  `url_path`, then checked against the tree's own paths, so a stale `url_path` can only miss);
- neither the home nor any page on the path routes in its own way (`route` is Wagtail's, or
  HomePage's, which differs only when Wagtail's raises 404);
- the page is live.

Anything else (a 404, a draft, an alias on the way, a page type with its own routing) is left to
Wagtail, which routes it as before. The page found carries the pages above it (`ancestors`) and,
when neither it nor any page above it has a view restriction or is an alias, the answer to
`LocalisedPage.get_view_restrictions` (no restrictions), so the check costs no query; a
restricted page is checked by Wagtail as always.

The answer (the site, the page as its own type with the pages above it, or "let Wagtail route")
is the same for every reader of a path in a language on a host, so it is kept in the cache under
the page tree's version (cms.page_cache): a request whose answer is kept reads no page and no
site, only the version and the answer, in one round trip; once a process holds the answer for
the current version (`page_cache.read_held`), only the version. A page type may keep more with its
route: what serving it reads that is the same for every reader (a lesson: its course's lessons,
its body), returned by its `kept_with_route(request)` and found on the page as `route_kept`, so
that it costs no round trip of its own. Whether the reader may see the page
is still asked on every request: Wagtail's view-restriction check where a restriction was
found, the page's own `serve` for the rest.
"""

import copy

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from . import page_cache
from .locales import language_of

STEP = Page.steplen


def _active_language() -> str | None:
    try:
        return get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return None


def _routes_as_wagtail(page: Page, allowed) -> bool:
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    return model is not None and model.route in allowed


def _above(path: str) -> list[str]:
    """The paths of the pages above the page at `path`, the tree's root first."""
    return [path[:end] for end in range(STEP, len(path), STEP)]


def route(request, path: str) -> RouteResult | None:
    """What `Page.route_for_request(request, path)` would answer, or None to let Wagtail route
    it (see the module's docstring); kept per host, language and path under the page tree's
    version."""
    components = [component for component in path.split("/") if component]
    language = _active_language()
    if not components or language is None:
        return None
    # What Site.find_for_request looks the site up by.
    hostname = split_domain_port(request._get_raw_host())[0]
    name = f"route:{hostname}:{request.get_port()}:{language}:{'/'.join(components)}"
    version, kept = page_cache.read_held(request, name)
    if kept is page_cache.MISSING:
        site = Site.find_for_request(request)
        page = _route(request, components, language, site) if site is not None else None
        extra = _kept_with(page, request)
        page_cache.keep(name, version, (site, page, extra))
    else:
        site, page, extra = kept
        if site is not None and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site
        # Held by the process for every request (page_cache.read_held): this request's own
        # page object, whose attributes serving it may set (a shallow copy: what it refers to,
        # the pages above it, its kept frame and body, is only read).
        if page is not None:
            page = copy.copy(page)
    if page is None:
        return None
    if extra is not None:
        page.route_kept = extra
    return RouteResult(page)


def _kept_with(page: Page | None, request):
    """What the page's type keeps with its route (`kept_with_route`): what serving it reads
    that is the same for every reader in this language, under the same version, so that serving
    a kept page costs one cache round trip in all."""
    keeper = getattr(page, "kept_with_route", None)
    return keeper(request) if keeper is not None else None


def _route(request, components: list[str], language: str, site: Site) -> Page | None:
    """The page at `components` as its own type, with the pages above it, or None to let
    Wagtail route (see the module's docstring)."""
    from .models import HomePage  # why: cms.models imports this module's readers

    root = site.root_page
    homes = {
        srp.language_code: srp.root_path
        for srp in Site.get_site_root_paths()
        if srp.site_id == site.pk
    }
    wanted = Q(path__in=_above(root.path)) | Q(translation_key=root.translation_key)
    for home_url in {homes.get(language), root.url_path} - {None}:
        for depth in range(1, len(components) + 1):
            wanted |= Q(
                slug=components[depth - 1],
                url_path=home_url + "".join(f"{c}/" for c in components[:depth]),
            )
    pages = list(
        Page.objects.filter(wanted).annotate(
            restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
        )
    )
    by_path = {page.path: page for page in pages}

    # Page.localized: the root's translation in the active language, where it is live (the
    # pages above it must be the root's, or they were not read: then Wagtail routes).
    home = by_path.get(root.path)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        translation = next(
            (
                page
                for page in pages
                if page.translation_key == root.translation_key and language_of(page) == language
            ),
            None,
        )
        if translation is not None and translation.live:
            home = translation
    if home is None or not _routes_as_wagtail(home, (Page.route, HomePage.route)):
        return None

    above = [by_path.get(ancestor) for ancestor in _above(home.path)]
    chain = [home]
    for component in components:
        parent = chain[-1]
        children = [
            page
            for page in pages
            if page.slug == component
            and page.path[:-STEP] == parent.path
            and page.url_path == f"{parent.url_path}{component}/"
        ]
        if len(children) != 1 or not _routes_as_wagtail(children[0], (Page.route,)):
            return None
        chain.append(children[0])
    found = chain[-1]
    if None in above or not found.live:
        return None

    page = found.specific
    lineage = [*above, *chain]
    page.route_ancestors = lineage[:-1]
    page._cached_parent_obj = chain[-2]
    if not any(ancestor.restricted or ancestor.alias_of_id for ancestor in lineage):
        page.route_unrestricted = True
    return page


class PageRouteMiddleware:
    """Routes Wagtail's page requests with `route` before Wagtail's `serve` does (Wagtail keeps
    a request's route on `request._wagtail_route_for_request` and reads it from there); the
    view's `before_serve_page` and `on_serve_page` hooks run as always. Last in the list, so
    that it only routes a request every other middleware let through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or hasattr(request, "_wagtail_route_for_request"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        result = route(request, path)
        if result is not None:
            request._wagtail_route_for_request = result
        return None
