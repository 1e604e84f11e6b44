"""After logging in or signing up, a volunteer whose profile lacks facts the rules need is
led to the profile form, which lists them (registered with the core's
``vsi_portal.accounts.login_destinations`` in ``VolunteersConfig.ready()``)."""

from __future__ import annotations

from django.urls import reverse

from .models import Volunteer
from .selectors import volunteer_missing_facts


def incomplete_profile_destination(user) -> str | None:
    """The profile form for a volunteer with facts missing (or no profile yet); None for
    association staff and the portal's administrators, who have other work."""
    if not user.is_authenticated or user.is_staff or user.memberships.exists():
        return None
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is not None and not volunteer_missing_facts(volunteer):
        return None
    return reverse("volunteers:profile")
