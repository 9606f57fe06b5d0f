"""What a page request reads that is the same for every reader, kept in Django's cache under one
version of the page tree (issue 14).

Routing a lesson (cms.routing: the site, the pages along the path, the page as its own type) and
the lesson's surroundings (courses.services.lesson_frame: its course's lessons for "previous" and
"next", the modules, the course's URL) are the same for every trainee until an editor changes
the site's content. They are kept in the cache (Redis in production, shared by every worker)
under the *version* of the page tree, a number kept in the cache too, which every change that
could alter them moves on:

- any page saved or deleted (publishing, unpublishing, moving, renaming, editing a draft,
  copying, translating, converting an alias: Wagtail saves the page each time), and Wagtail's
  page_published, page_unpublished and post_page_move signals besides;
- a view restriction added, changed or deleted, or its groups changed;
- a site or a locale saved or deleted;
- any model another app declares with `watch` (courses: the quizzes whose titles the lesson
  page links to).

The version is moved at once and again when the database transaction that made the change
commits: a request that read the old pages between the two cannot keep them under the new
version. Each kept entry carries the version it was computed under and is used only while that
is the current version; the version and the entry are read together, in one round trip. A lost
version (a flushed or restarted cache) starts again from the clock, above any version an entry
could carry. Changes made behind Django's back (SQL, `QuerySet.update()` on pages) do not move
it: call `bump()` after them.

Nothing here depends on the reader: who may open a page (view restrictions, enrolment, content
warnings, permissions) is still checked on every request, from the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "cms:page-tree:version"
PREFIX = "cms:page-tree:"
# Entries outlive no version change; the timeout only bounds what an unused entry costs.
TIMEOUT = 24 * 60 * 60
MISSING = object()
_REQUEST_ATTRIBUTE = "_himaya_page_tree_version"

_watched = {"wagtailcore.site", "wagtailcore.locale", "wagtailcore.pageviewrestriction"}


def watch(label: str) -> None:
    """Move the version whenever a model of this label ("app_label.ModelName") is saved or
    deleted: for models whose fields kept entries show (called from an AppConfig.ready())."""
    _watched.add(label.lower())


def _new_version() -> int:
    return time.time_ns()


def _move_on() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version kept: start from the clock
        cache.add(VERSION_KEY, _new_version(), None)


def bump(**_kwargs) -> None:
    """Every kept entry is out of date: now, and again once the current transaction commits."""
    _move_on()
    transaction.on_commit(_move_on)


def _key(name: str) -> str:
    """The cache key of an entry: its kind (the name up to the first colon), then a digest of
    the whole name, which may hold paths of any length and script."""
    kind = name.split(":", 1)[0]
    return f"{PREFIX}{kind}:{hashlib.sha256(name.encode()).hexdigest()[:40]}"


def _version_read(request, found: dict) -> int:
    """The version among the entries just read (started from the clock where none is kept),
    kept on the request for `read_more`."""
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), None)
        version = cache.get(VERSION_KEY)
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, version)
    return version


def read(request, name: str):
    """The current version and the entry kept under `name` for it (MISSING where there is none
    for this version), in one round trip; the version is kept on the request for `read_more`."""
    key = _key(name)
    found = cache.get_many([VERSION_KEY, key])
    version = _version_read(request, found)
    entry = found.get(key)
    if entry is not None and entry[0] == version:
        return version, entry[1]
    return version, MISSING


# Entries held in this process by `read_held`, by key: (version, value). A few hundred routes at
# most (emptied if it ever grows past the bound).
_held: dict[str, tuple[int, object]] = {}
_HELD_AT_MOST = 256


def read_held(request, name: str):
    """Like `read`, but an entry this process has read before for the current version is not
    read again: only the version is (one round trip of a number, instead of the entry's bytes
    and their unpickling). The value is the same object for every request of this process, and
    of its threads: it must be treated as read-only (copy what a request changes)."""
    key = _key(name)
    held = _held.get(key)
    if held is None:
        version, value = read(request, name)
    else:
        version = _version_read(request, {VERSION_KEY: cache.get(VERSION_KEY)})
        if held[0] == version:
            return version, held[1]
        _held.pop(key, None)
        entry = cache.get(key)
        value = entry[1] if entry is not None and entry[0] == version else MISSING
    if value is not MISSING:
        if len(_held) >= _HELD_AT_MOST:
            _held.clear()
        _held[key] = (version, value)
    return version, value


def forget_held() -> None:
    """Hold nothing (the tests: each starts with a process that has read nothing)."""
    _held.clear()


def read_more(request, name: str, *more: str):
    """Like `read`, under the version this request read first (one round trip, the entries
    only); reads the version too where the request has not. With more names, the entries of
    them all, in one round trip: (version, [entry or MISSING, ...])."""
    names = [name, *more]
    version = getattr(request, _REQUEST_ATTRIBUTE, None) if request is not None else None
    keys = [_key(one) for one in names]
    found = cache.get_many(keys if version is not None else [VERSION_KEY, *keys])
    if version is None:
        version = _version_read(request, found)
    entries = []
    for key in keys:
        entry = found.get(key)
        entries.append(entry[1] if entry is not None and entry[0] == version else MISSING)
    return (version, entries) if more else (version, entries[0])


def keep(name: str, version: int, value) -> None:
    """Keep `value`, computed after `version` was read, under that version."""
    cache.set(_key(name), (version, value), TIMEOUT)


def _historical(sender) -> bool:
    # Migrations write through historical models, on a database whose cache table (without
    # Redis: `createcachetable`, after the first migrate) may not exist yet; the version moves
    # once when they are done (`_migrated`) instead.
    return sender.__module__ == "__fake__"


def _saved_or_deleted(sender, instance, **_kwargs) -> None:
    if _historical(sender):
        return
    if isinstance(instance, Page) or sender._meta.label_lower in _watched:
        bump()


def _groups_changed(sender, action, **_kwargs) -> None:
    # A restriction's groups, changed from either side (restriction.groups, group's restrictions).
    if sender is PageViewRestriction.groups.through and action.startswith("post_"):
        bump()


def _migrated(**_kwargs) -> None:
    """After migrations, which may have changed pages: every kept entry is out of date."""
    # The database cache's table may not exist yet (a new installation without Redis, before
    # `createcachetable`): nothing can have been kept in it either. (A savepoint, so that the
    # failed read leaves a surrounding transaction usable on PostgreSQL.)
    with contextlib.suppress(DatabaseError), transaction.atomic():
        _move_on()


def connect() -> None:
    """Called once, from cms's AppConfig.ready()."""
    post_save.connect(_saved_or_deleted, dispatch_uid="cms.page_cache.saved")
    post_delete.connect(_saved_or_deleted, dispatch_uid="cms.page_cache.deleted")
    m2m_changed.connect(_groups_changed, dispatch_uid="cms.page_cache.groups")
    page_published.connect(bump, dispatch_uid="cms.page_cache.published")
    page_unpublished.connect(bump, dispatch_uid="cms.page_cache.unpublished")
    post_page_move.connect(bump, dispatch_uid="cms.page_cache.moved")
    post_migrate.connect(_migrated, dispatch_uid="cms.page_cache.migrated")
