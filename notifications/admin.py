from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Notification, NotificationPreference, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "due_on", "recipient", "subject_type", "subject_id", "state"]
    list_display_links = ["kind"]
    list_filter = ["kind", "state", ("due_on", admin.DateFieldListFilter)]
    search_fields = ["recipient__email", "recipient__full_name"]
    date_hierarchy = "due_on"
    list_select_related = ["recipient", "subject_type"]
    readonly_fields = [
        "kind",
        "subject_type",
        "subject_id",
        "due_on",
        "recipient",
        "state",
        "attempts",
        "claimed_at",
        "sent_at",
        "last_error",
        "created_at",
    ]
    actions = ["resend"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Send the selected reminders again"), permissions=["change"])
    def resend(self, request, queryset):
        outcomes = services.reminders_resend(reminders=list(queryset))
        sent = outcomes.get("sent", 0)
        self.message_user(
            request,
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", sent)
            % {"count": sent},
            messages.SUCCESS,
        )
        failed = outcomes.get("failed", 0)
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d reminder could not be sent; it will be retried at the next scan.",
                    "%(count)d reminders could not be sent; they will be retried at the next scan.",
                    failed,
                )
                % {"count": failed},
                messages.WARNING,
            )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient__email", "title"]
    list_select_related = ["recipient"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "muted_kinds", "updated_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
