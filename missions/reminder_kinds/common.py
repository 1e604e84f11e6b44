"""What the contract reminder kinds share: the contracts they read, who receives them, the
last-day filter, the links and the e-mail context.

"Staff" are the association's administrators and editors (active accounts); the reminders
that ask for a contract move go to the administrators alone. A chunk's staff come in one
query.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.models import Membership
from notifications.models import Reminder
from notifications.reminders import Rendered, render_email
from vsi_portal.entitlements import INSERTION_PREMIUM_MAX_EUR, INSERTION_PREMIUM_MAX_INSTALMENTS

from ..models import Contract
from ..models.contracts import last_day_between

ONE_DAY = timedelta(days=1)

STAFF_ROLES = (Membership.Role.ADMIN, Membership.Role.EDITOR)
# Reminders that ask for a contract move (the departure checklist, the certificate) go to
# the administrators alone: only they make those moves (docs/security.md, the role matrix).
ADMIN_ROLES = (Membership.Role.ADMIN,)


def reminder_contracts() -> QuerySet[Contract]:
    """Contracts with what every kind's render reads (volunteer, association, mission)."""
    return Contract.objects.select_related("volunteer__user", "association", "mission")


def _staff_by_association(
    contracts: Iterable[Contract], roles: tuple[str, ...] = STAFF_ROLES
) -> dict[int, list]:
    """The active admins and editors (or the `roles` given) of the chunk's associations, in
    one query."""
    staff: dict[int, list] = {}
    memberships = (
        Membership.objects.filter(
            association_id__in={contract.association_id for contract in contracts},
            role__in=roles,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        staff.setdefault(membership.association_id, []).append(membership.user)
    return staff


def _volunteer_users(contract: Contract) -> list:
    """The volunteer's account, or nobody when they deleted it (the contract is anonymised)."""
    if contract.volunteer is None:
        return []
    return [contract.volunteer.user]


def volunteer_and_staff(chunk: list[Contract]):
    """Recipients (see notifications.reminders.dues_in_window): the volunteer and the staff."""
    staff = _staff_by_association(chunk)
    return lambda contract: _volunteer_users(contract) + staff.get(contract.association_id, [])


def volunteer_and_admins(chunk: list[Contract]):
    """Recipients: the volunteer and the association's administrators."""
    admins = _staff_by_association(chunk, ADMIN_ROLES)
    return lambda contract: _volunteer_users(contract) + admins.get(contract.association_id, [])


def admins_only(chunk: list[Contract]):
    """Recipients: the administrators; a contract whose association has none gets none."""
    admins = _staff_by_association(chunk, ADMIN_ROLES)
    return lambda contract: admins.get(contract.association_id) or None


def volunteer_only(chunk: list[Contract]):
    """Recipients: the volunteer (nobody once the contract is anonymised)."""
    return _volunteer_users


def last_day_in(ranges: Iterable[tuple[date, date]]) -> Q:
    """Contracts whose last day lies in one of the (start, end) ranges."""
    q = Q()
    for start, end in ranges:
        q |= last_day_between(start, end)
    return q


def _is_volunteer(contract: Contract, user) -> bool:
    return contract.volunteer is not None and contract.volunteer.user_id == user.pk


def _first_url(candidates: list[tuple[str, dict]], fallback: str) -> str:
    """The first URL that resolves; pages may arrive after these kinds (reversed at render)."""
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return fallback


def _volunteer_link(contract: Contract) -> str:
    return _first_url(
        [("missions:my_contract", {"pk": contract.pk}), ("volunteers:my_vsi", {})], "/me/vsi/"
    )


def _staff_link(contract: Contract) -> str:
    return _first_url(
        [
            ("missions:contract_detail", {"pk": contract.pk}),
            ("missions:contracts", {}),
            ("missions:manage", {}),
        ],
        "/",
    )


def _link_for(contract: Contract, user) -> str:
    if _is_volunteer(contract, user):
        return _volunteer_link(contract)
    return _staff_link(contract)


def _volunteer_name(contract: Contract) -> str:
    if contract.volunteer is None:
        return _("a volunteer whose account was deleted")
    user = contract.volunteer.user
    return user.full_name or user.email


def email_context(contract: Contract, user) -> dict:
    return {
        "user": user,
        "contract": contract,
        "mission": contract.mission,
        "association": contract.association,
        "volunteer_name": _volunteer_name(contract),
        "for_volunteer": _is_volunteer(contract, user),
        "today": timezone.localdate(),
    }


def premium_terms() -> dict:
    """The insertion premium's amount and instalments, as the e-mails and My VSI word them."""
    return {
        "premium_max_eur": INSERTION_PREMIUM_MAX_EUR,
        "premium_instalments": INSERTION_PREMIUM_MAX_INSTALMENTS,
    }


def my_vsi_link() -> str:
    return _first_url([("volunteers:my_vsi", {})], "/me/vsi/")


def rendered(
    reminder: Reminder,
    *,
    template: str,
    context: dict,
    title: str,
    summary: str,
    link: str | None = None,
) -> Rendered:
    link = link or _link_for(reminder.subject, reminder.recipient)
    text, html = render_email(template=template, context=context, link=link)
    return Rendered(title=title, summary=summary, text=text, html=html, link=link)
