"""Reminder kinds about associations, registered with the engine (notifications/reminders.py).

Association approval expiring: 90 and 30 days before the ministry approval
expires, to the association's administrators and to France Volontaires
admins. Essential: without a renewed approval the association can no longer
publish missions or sign contracts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import Reminder
from notifications.reminders import (
    Due,
    ReminderKind,
    Rendered,
    date_window_filter,
    dues_in_window,
    register,
    render_email,
)
from vsi_portal.formats import format_day

from .models import Association, Membership

APPROVAL_OFFSETS = (90, 30)


def approval_expiring_due(today: date, lookback_days: int) -> Iterator[Due]:
    associations = Association.objects.approved().filter(
        date_window_filter(
            "approval_expires_on",
            today=today,
            lookback_days=lookback_days,
            offsets=APPROVAL_OFFSETS,
        )
    )

    @cache
    def france_volontaires_admins() -> list:
        return list(get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk"))

    def admins_and_france_volontaires(chunk: list[Association]):
        admins: dict[int, list] = {}
        memberships = Membership.objects.filter(
            association__in=chunk, role=Membership.Role.ADMIN, user__is_active=True
        ).select_related("user")
        for membership in memberships:
            admins.setdefault(membership.association_id, []).append(membership.user)
        france_volontaires = france_volontaires_admins()  # one query for the whole scan
        return lambda association: admins.get(association.pk, []) + france_volontaires

    return dues_in_window(
        associations.only("pk", "name", "slug", "approval_expires_on"),
        today=today,
        lookback_days=lookback_days,
        reference=lambda association: association.approval_expires_on,
        offsets=APPROVAL_OFFSETS,
        recipients=admins_and_france_volontaires,
    )


def approval_expiring_still_due(reminder: Reminder) -> bool:
    association = reminder.subject
    return (
        association.is_approved
        and association.approval_expires_on is not None
        and (association.approval_expires_on - reminder.due_on).days in APPROVAL_OFFSETS
    )


def _link_for(association: Association, user) -> str:
    """Where this person renews or follows the approval; reversed only now (URLs may come later)."""
    is_admin = Membership.objects.filter(
        association=association, user=user, role=Membership.Role.ADMIN
    ).exists()
    candidates = []
    if is_admin:
        candidates += [("associations:manage", [association.slug]), ("associations:staff_home", [])]
    if user.is_staff:
        candidates.append(("admin:associations_association_change", [association.pk]))
    candidates.append(("notifications:list", []))
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return "/"


def approval_expiring_render(reminder: Reminder) -> Rendered:
    association: Association = reminder.subject
    user = reminder.recipient
    expires_on = association.approval_expires_on
    days_left = max((expires_on - timezone.localdate()).days, 0)
    link = _link_for(association, user)
    context = {
        "user": user,
        "association": association,
        "expires_on": expires_on,
        "days_left": days_left,
        "for_staff": user.is_staff,
    }
    text, html = render_email(
        template="associations/emails/approval_expiring", context=context, link=link
    )
    title = _("The approval of %(association)s expires on %(date)s") % {
        "association": association.name,
        "date": format_day(expires_on),
    }
    summary = _(
        "The ministry approval of %(association)s expires on %(date)s. Without a renewal, "
        "it can no longer publish missions or sign VSI contracts."
    ) % {"association": association.name, "date": format_day(expires_on)}
    return Rendered(title=title, summary=summary, text=text, html=html, link=link)


APPROVAL_EXPIRING = register(
    ReminderKind(
        code="approval_expiring",
        label=gettext_lazy("Association approval expiring"),
        essential=True,
        offsets=APPROVAL_OFFSETS,
        due=approval_expiring_due,
        render=approval_expiring_render,
        still_due=approval_expiring_still_due,
    )
)
