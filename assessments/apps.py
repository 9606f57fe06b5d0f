from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from . import navigation, receivers  # noqa: F401  (freezes a quiz version when a quiz is published)

        navigation.register()
