from django.contrib import admin
from django.db import models

from vsi_portal.forms import DateField

from .models import Document, PriorMission, Volunteer

# Dates typed in the admin are bounded like everywhere else (1900 to 2100).
BOUNDED_DATES = {models.DateField: {"form_class": DateField}}


class PriorMissionInline(admin.TabularInline):
    model = PriorMission
    extra = 0
    formfield_overrides = BOUNDED_DATES


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["user", "birth_date", "residence", "employed", "updated_at"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    inlines = [PriorMissionInline]
    autocomplete_fields = []
    raw_id_fields = ["user"]
    formfield_overrides = BOUNDED_DATES


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Metadata only: the files themselves are served by the permission-checked view."""

    list_display = ["volunteer", "kind", "content_type", "size", "uploaded_at", "checked_at"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["volunteer__user"]
    exclude = ["file"]
    readonly_fields = [
        "volunteer",
        "kind",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
        "checked_at",
        "checked_by",
        "outcome",
    ]

    def has_add_permission(self, request) -> bool:
        return False
