from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from lms.wagtail_exports import neutralise_wagtail_exports

        from . import receivers  # noqa: F401  (freezes a quiz version when a quiz is published)

        # Every Wagtail CSV/XLSX export (reports, listings) writes formula-like text as text.
        neutralise_wagtail_exports()
