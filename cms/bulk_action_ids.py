"""Wagtail's bulk actions answer a malformed or impossible object id with a 404, not a 500.

`/admin/bulk/<app>/<model>/<action>/?id=...` hands the ids straight to the database: `id=abc`
raises a ValueError and a 30-digit id overflows SQLite's integers, both as a server error.
Every bulk action (pages, snippets, images, documents, users, ours) inherits
`wagtail.admin.views.bulk_action.BulkAction`, and Wagtail's dispatcher builds each one with
`Action(request, model)` before anything reads the ids: its constructor checks them for all.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

_MARK = "_himaya_ids_checked"
# The widest integer every supported database stores (a signed 64-bit BIGINT).
LARGEST_ID = 2**63 - 1


def _valid_id(model, value: str) -> bool:
    if value == "all":
        return True
    field = model._meta.pk
    try:
        python_value = field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    if isinstance(field, models.IntegerField | models.AutoField):
        return -LARGEST_ID <= python_value <= LARGEST_ID
    return True


def check_bulk_action_ids() -> None:
    """Install once (from an AppConfig.ready); calling again changes nothing."""
    from wagtail.admin.views.bulk_action import BulkAction

    if getattr(BulkAction, _MARK, False):
        return
    construct = BulkAction.__init__

    def checked_init(self, request, model):
        construct(self, request, model)
        if not all(_valid_id(model, value) for value in request.GET.getlist("id")):
            raise Http404

    checked_init.__doc__ = construct.__doc__
    BulkAction.__init__ = checked_init
    setattr(BulkAction, _MARK, True)
