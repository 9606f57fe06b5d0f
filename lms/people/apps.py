from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "lms.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from . import navigation
        from .middleware import record_enrolment_as_second_factor

        navigation.register()

        authenticator_added.connect(record_enrolment_as_second_factor, dispatch_uid="himaya-mfa")
