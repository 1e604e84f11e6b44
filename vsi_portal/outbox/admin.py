from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OutboxMessage
from .sending import outbox_requeue


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What was sent, what waits and what failed; read-only but for "send again"."""

    list_display = ["created_at", "to", "subject", "kind", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind", "essential", "digest"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    show_full_result_count = False
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_send_permission(self, request) -> bool:
        """Sending again: France Volontaires' superusers only (the rows are read-only)."""
        return request.user.is_superuser

    @admin.action(description=_("Send again"), permissions=["send"])
    def send_again(self, request, queryset) -> None:
        count = outbox_requeue(messages=list(queryset))
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent again within a minute.",
                "%(count)d e-mails will be sent again within a minute.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
