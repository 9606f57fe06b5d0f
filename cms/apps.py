from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site content")

    def ready(self):
        from . import page_cache
        from .bulk_action_ids import check_bulk_action_ids
        from .wagtail_exports import neutralise_wagtail_exports

        # Every Wagtail CSV/XLSX export (reports, listings) writes formula-like text as text.
        neutralise_wagtail_exports()
        # Every Wagtail bulk action refuses malformed ids with a 404.
        check_bulk_action_ids()
        # Kept routes and lesson surroundings go out of date with every change to the page tree.
        page_cache.connect()
