"""The low-level Django admin, for administrators only (is_staff)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Organisation, Region, Sector, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name_en", "name_ar", "organisation", "is_active"]
    list_filter = ["is_active", "groups", "organisation__sector"]
    search_fields = ["email", "name_en", "name_ar"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {
                "fields": [
                    "name_en",
                    "name_ar",
                    "preferred_language",
                    "job_title",
                    "phone",
                    "sex",
                    "organisation",
                ]
            },
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "name_en", "name_ar", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups"]


admin.site.register([Sector, Region])


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "sector", "region"]
    list_filter = ["sector", "region"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "invited_by", "created_at", "sent_at", "accepted_at"]
    raw_id_fields = ["user", "invited_by"]
