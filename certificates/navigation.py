"""Certificates' tools for the header and the dashboard (lms.navigation): one's own certificates
for everyone; completion, exports and the programme's certificates for managers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.navigation import Tool, register_tools

from .access import can_list_certificates, can_view_all_completion, can_view_completion


def certificate_tools(user):
    yield Tool(
        "my_certificates",
        _("My certificates"),
        reverse("certificates:mine"),
        in_header=True,
        order=20,
    )
    if not can_view_completion(user):
        return
    yield Tool(
        "completion",
        _("Completion"),
        reverse("certificates:completion"),
        _("Who has completed their training, by sector, organisation and person."),
        in_header=True,
        order=50,
        staff=True,
    )
    yield Tool(
        "exports",
        _("Exports and reports"),
        reverse("certificates:programme_reports"),
        _("Completion tables as spreadsheets, and the programme report."),
        order=55,
        staff=True,
    )
    if can_list_certificates(user):
        url = reverse("wagtailsnippets_certificates_certificate:list")
    elif not can_view_all_completion(user):
        # An organisation manager reads each person's certificates on their completion record.
        url = reverse("certificates:completion_organisation", args=[user.organisation_id])
    else:
        return
    yield Tool(
        "certificates",
        _("Certificates"),
        url,
        _("Certificates issued to the people you are responsible for."),
        order=57,
        staff=True,
    )


def register() -> None:
    register_tools(certificate_tools)
