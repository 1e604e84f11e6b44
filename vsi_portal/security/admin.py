from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only: nobody adds, edits or deletes an event here."""

    list_display = ["at", "action", "actor_label", "subject_label", "ip_address"]
    list_filter = ["action", ("at", admin.DateFieldListFilter), "subject_type"]
    search_fields = ["actor_label", "subject_label", "subject_id", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["actor"]
    fields = [
        "at",
        "action",
        "actor",
        "actor_label",
        "subject_type",
        "subject_id",
        "subject_label",
        "details",
        "ip_address",
    ]
    readonly_fields = fields
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
