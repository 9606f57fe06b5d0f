from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # Learning records first: a course's completion or a pass is recorded before the
        # certificate it earns, so the statements reach the LRS in the order of the facts.
        from . import (
            learning_records_receivers,  # noqa: F401  (xAPI statements, when on)
            navigation,
            receivers,  # noqa: F401  (issues certificates on completion and competency)
        )

        navigation.register()
