"""Every CSV and XLSX export of the Wagtail admin writes its cells through `neutralise_cell`.

Wagtail's exports (the reports: site history, locked and aging pages, workflows; the redirects
and form-submission exports; any listing with `list_export`) all inherit
`wagtail.admin.views.mixins.SpreadsheetExportMixin`, which turns each cell into text in
`preprocess_field_value` and each column title in `get_heading`. Wagtail offers no setting or
hook for these, and its built-in report views are routed before any `register_admin_urls` hook,
so they cannot be replaced by subclasses. Wrapping the two methods once, on the mixin itself,
covers every export view that exists now or is added later, ours included, without copying
Wagtail's views. tests/test_exports.py proves no export view overrides them (which would bypass
the wrapper) and checks the site-history CSV and XLSX cell by cell.
"""

from lms.spreadsheet_safety import neutralise_cell

_MARK = "_himaya_formulas_neutralised"


def neutralise_wagtail_exports() -> None:
    """Install once (from an AppConfig.ready); calling again changes nothing."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, _MARK, False):
        return
    to_cell = SpreadsheetExportMixin.preprocess_field_value
    to_heading = SpreadsheetExportMixin.get_heading

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_cell(to_cell(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return neutralise_cell(to_heading(self, queryset, field))

    preprocess_field_value.__doc__ = to_cell.__doc__
    get_heading.__doc__ = to_heading.__doc__
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    setattr(SpreadsheetExportMixin, _MARK, True)
