"""Django admin for France Volontaires: missions are read here, written by their staff.

Every write goes through missions/services/ (validation, derived search columns), so
the admin shows missions read-only.
"""

from django.contrib import admin

from .models import Application, ApplicationEvent, Contract, ContractVersion, Language, Mission


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "association",
        "country",
        "domain",
        "status",
        "start_on",
        "application_deadline",
    ]
    list_filter = ["status", "domain", "country"]
    search_fields = ["title", "slug", "association__name"]
    list_select_related = ["association"]
    date_hierarchy = "start_on"
    exclude = ["search_vector", "search_rank_vector", "search_text", "search_terms"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr"]
    search_fields = ["code", "name_en", "name_fr"]


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Applications and contracts change only through their services (states, e-mails)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ["at", "from_status", "to_status", "by", "reason", "message"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(_ReadOnlyAdmin):
    list_display = ["mission", "volunteer", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "rejection_reason", "withdrawal_reason"]
    search_fields = ["mission__title", "volunteer__user__email", "volunteer__user__full_name"]
    list_select_related = ["mission", "volunteer__user"]
    date_hierarchy = "submitted_at"
    inlines = [ApplicationEventInline]


class ContractVersionInline(admin.TabularInline):
    """Every version, with both sides' signatures (the typed names, who and when)."""

    model = ContractVersion
    extra = 0
    fields = [
        "number",
        "status",
        "start_on",
        "end_on",
        "allowance_eur",
        "offered_at",
        "volunteer_signed_at",
        "volunteer_signature",
        "association_signed_at",
        "association_signature",
        "association_signatory_role",
        "declined_at",
        "decline_reason",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Contract)
class ContractAdmin(_ReadOnlyAdmin):
    list_display = [
        "volunteer",
        "association",
        "mission",
        "country",
        "status",
        "start_on",
        "end_on",
        "ended_on",
        "certificate_number",
    ]
    list_filter = ["status", "end_reason", "country"]
    search_fields = [
        "mission__title",
        "association__name",
        "volunteer__user__email",
        "volunteer__user__full_name",
        "certificate_number",
    ]
    list_select_related = ["mission", "association", "volunteer__user"]
    date_hierarchy = "start_on"
    inlines = [ContractVersionInline]
