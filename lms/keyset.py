"""Keyset ("seek") pagination for long lists ordered by one column.

A numbered page (`OFFSET 50000`) makes the database read and throw away every row before it, so
the deeper a page the slower it is; a programme of 100,000 people has 2,000 pages of 50. A keyset
page starts where the previous one ended instead: `name > last name shown` (with the primary key
breaking ties), which an index on (column, id) answers by reading only the rows shown, on the
first page or the last. The price is that pages have no numbers: a list offers first, previous
and next, as a search engine does.

The cursor in the address is the primary key of the row a page starts after (or ends before);
its column value is read from the same queryset, so a cursor outside what the viewer may see, or
for a row since deleted, starts the list from the beginning rather than revealing anything.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class KeysetPage:
    items: list
    # The primary key the next page starts after, and the one the previous page ends before;
    # None where there is no such page.
    next_after: int | None
    previous_before: int | None

    @property
    def has_other_pages(self) -> bool:
        return self.next_after is not None or self.previous_before is not None


def cursor(value: str | None) -> int | None:
    """A cursor from the address: a positive primary key, or None for anything else."""
    if value and value.isdigit() and len(value) <= 18:
        return int(value) or None
    return None


def keyset_page(
    queryset: QuerySet,
    *,
    order: str,
    size: int,
    after: int | None = None,
    before: int | None = None,
) -> KeysetPage:
    """One page of `size` rows of `queryset` ordered by `order` then the primary key: the first,
    the one after row `after`, or the one before row `before`. Two queries at most (the anchor's
    value, the page) whatever the length of the list."""
    anchor_pk = after or before
    anchor = None
    if anchor_pk is not None:
        anchor = queryset.filter(pk=anchor_pk).values_list(order, flat=True)[:1]
        anchor = next(iter(anchor), None)
        if anchor is None:  # gone, or never visible: start from the beginning
            anchor_pk = after = before = None
    if before is not None:
        rows = list(
            queryset.filter(
                Q(**{f"{order}__lt": anchor}) | Q(**{order: anchor, "pk__lt": before})
            ).order_by(f"-{order}", "-pk")[: size + 1]
        )
        earlier = len(rows) > size
        items = rows[:size][::-1]
        return KeysetPage(
            items=items,
            next_after=items[-1].pk if items else None,
            previous_before=items[0].pk if earlier else None,
        )
    if after is not None:
        queryset = queryset.filter(
            Q(**{f"{order}__gt": anchor}) | Q(**{order: anchor, "pk__gt": after})
        )
    rows = list(queryset.order_by(order, "pk")[: size + 1])
    items = rows[:size]
    return KeysetPage(
        items=items,
        next_after=items[-1].pk if len(rows) > size else None,
        previous_before=items[0].pk if after is not None and items else None,
    )
