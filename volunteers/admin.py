from django.contrib import admin

from .models import Document, PriorMission, Volunteer


class PriorMissionInline(admin.TabularInline):
    model = PriorMission
    extra = 0


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["user", "birth_date", "residence", "employed", "updated_at"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    inlines = [PriorMissionInline]
    autocomplete_fields = []
    raw_id_fields = ["user"]


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
