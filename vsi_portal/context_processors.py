from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject


@dataclass(frozen=True)
class HeaderFacts:
    is_association_staff: bool = False
    unread_notifications: int = 0


def header_facts(user) -> HeaderFacts:
    """What the header shows about a signed-in person, in one query.

    Every page pays for the header, so its two facts (on an association's staff?
    unread notifications?) come from a single row rather than a query each.
    """
    if user is None or not user.is_authenticated:
        return HeaderFacts()
    from associations.models import Membership
    from notifications.models import Notification
    from vsi_portal.accounts.models import User

    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            staff_member=Exists(Membership.objects.filter(user=OuterRef("pk"))),
            unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
        )
        .values_list("staff_member", "unread")
        .first()
    )
    if row is None:
        return HeaderFacts()
    return HeaderFacts(is_association_staff=bool(row[0]), unread_notifications=int(row[1]))


def portal(request) -> dict:
    user = getattr(request, "user", None)
    # Evaluated only when a template asks (the header), once per request.
    facts = SimpleLazyObject(lambda: header_facts(user))
    return {
        "SITE_URL": settings.SITE_URL,
        "is_association_staff": SimpleLazyObject(lambda: facts.is_association_staff),
        "unread_notifications": SimpleLazyObject(lambda: facts.unread_notifications),
    }
