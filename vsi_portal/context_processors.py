from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils.functional import SimpleLazyObject

from associations.models import Membership
from notifications.models import Notification


@dataclass(frozen=True)
class HeaderFacts:
    is_association_staff: bool = False
    unread_notifications: int = 0


def header_facts(user) -> HeaderFacts:
    """What the header shows about a signed-in person, in one query.

    Every signed-in page pays for the header, so its two facts (on an association's
    staff? unread notifications?) come from a single row rather than a query each, and
    from a fixed statement: building it with the ORM cost more than running it.
    """
    if user is None or not user.is_authenticated:
        return HeaderFacts()
    membership = connection.ops.quote_name(Membership._meta.db_table)
    notification = connection.ops.quote_name(Notification._meta.db_table)
    sql = (
        f"SELECT EXISTS(SELECT 1 FROM {membership} WHERE user_id = %s), "  # noqa: S608 - table names
        f"(SELECT COUNT(*) FROM {notification} WHERE recipient_id = %s AND read_at IS NULL)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk])
        staff_member, unread = cursor.fetchone()
    return HeaderFacts(is_association_staff=bool(staff_member), unread_notifications=int(unread))


def portal(request) -> dict:
    user = getattr(request, "user", None)
    # Evaluated only when a template asks (the header), once per request.
    facts = SimpleLazyObject(lambda: header_facts(user))
    return {
        "SITE_URL": settings.SITE_URL,
        "is_association_staff": SimpleLazyObject(lambda: facts.is_association_staff),
        "unread_notifications": SimpleLazyObject(lambda: facts.unread_notifications),
    }
