from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import NotificationSettingsForm
from .models import Notification

PAGE_SIZE = 20


def _get_notification_for_user(user, pk: int) -> Notification:
    try:
        return selectors.notifications_for_user(user).get(pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None


@login_required
def notification_list(request):
    paginator = Paginator(selectors.notifications_for_user(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = _get_notification_for_user(request.user, pk)
    services.notification_mark_read(notification=notification, by=request.user)
    target = request.POST.get("next", "")
    if target == "link" and notification.link.startswith("/"):
        return redirect(notification.link)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    messages.success(request, _("Notification marked as read."))
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    else:
        messages.info(request, _("You have no unread notification."))
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    kinds = selectors.reminder_kinds_for_settings()
    muted = selectors.muted_kinds_for_user(request.user)
    form = NotificationSettingsForm(request.POST or None, kinds=kinds, muted=muted)
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_preference_update(
                user=request.user, muted_kinds=form.muted_kinds()
            )
        except services.NotificationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your reminder choices are saved."))
            return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "has_optional": any(not kind.essential for kind in kinds)},
    )
