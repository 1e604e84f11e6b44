"""Django admin for France Volontaires: missions are read here, written by their staff.

Every write goes through missions/services/ (validation, derived search columns), so
the admin shows missions read-only.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vsi_portal.admin_filters import CountrySearchFilter

from .models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    Contract,
    ContractVersion,
    Language,
    MessageReport,
    Mission,
)
from .services.conversations import message_reports_handle


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
    list_filter = ["status", "domain", CountrySearchFilter]
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


class ApplicationMessageInline(admin.TabularInline):
    """The conversation, oldest first: France Volontaires read it to handle a report."""

    model = ApplicationMessage
    extra = 0
    fields = ["created_at", "side", "author", "body"]
    readonly_fields = fields
    can_delete = False
    ordering = ["created_at", "pk"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(_ReadOnlyAdmin):
    list_display = ["mission", "volunteer", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "rejection_reason", "withdrawal_reason"]
    search_fields = ["mission__title", "volunteer__user__email", "volunteer__user__full_name"]
    list_select_related = ["mission", "volunteer__user"]
    date_hierarchy = "submitted_at"
    inlines = [ApplicationEventInline, ApplicationMessageInline]


class WaitingFilter(admin.SimpleListFilter):
    title = _("handled")
    parameter_name = "handled"

    def lookups(self, request, model_admin):
        return [("no", _("Waiting")), ("yes", _("Handled"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(handled_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(handled_at__isnull=False)
        return queryset


@admin.register(MessageReport)
class MessageReportAdmin(_ReadOnlyAdmin):
    """Messages reported by a volunteer or a staff member, with their whole conversation."""

    list_display = [
        "created_at",
        "association",
        "message_side",
        "reported_by",
        "reason",
        "handled_at",
    ]
    list_filter = [WaitingFilter]
    search_fields = ["reason", "message__body", "message__application__mission__association__name"]
    list_select_related = ["reported_by", "message__application__mission__association"]
    date_hierarchy = "created_at"
    actions = ["mark_handled"]
    fields = [
        "created_at",
        "reported_by",
        "reason",
        "handled_at",
        "handled_by",
        "association",
        "application_link",
        "conversation",
    ]
    readonly_fields = fields

    @admin.display(description=_("association"))
    def association(self, report):
        return report.message.application.mission.association.name

    @admin.display(description=_("side"))
    def message_side(self, report):
        return report.message.get_side_display()

    @admin.display(description=_("application"))
    def application_link(self, report):
        application = report.message.application
        url = reverse("admin:missions_application_change", args=[application.pk])
        return format_html('<a href="{}">{}</a>', url, application)

    @admin.display(description=_("conversation"))
    def conversation(self, report):
        """Every message of the conversation, the reported one in bold."""
        messages_ = ApplicationMessage.objects.filter(
            application_id=report.message.application_id
        ).order_by("created_at", "pk")
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li{}><p><strong>{}</strong> · {}</p><div>{}</div></li>",
                (
                    (
                        format_html(' style="{}"', "font-weight: bold")
                        if message.pk == report.message_id
                        else "",
                        message.get_side_display(),
                        f"{message.created_at:%Y-%m-%d %H:%M}",
                        mark_safe(  # noqa: S308 - linebreaks escapes the text first
                            linebreaks(
                                message.body or str(_("Message deleted with the account")),
                                autoescape=True,
                            )
                        ),
                    )
                    for message in messages_
                ),
            ),
        )

    @admin.action(description=_("Mark handled"))
    def mark_handled(self, request, queryset):
        count = message_reports_handle(reports=list(queryset), by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d report marked handled.", "%(count)d reports marked handled.", count)
            % {"count": count},
            messages.SUCCESS,
        )


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
    list_filter = ["status", "end_reason", CountrySearchFilter]
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
