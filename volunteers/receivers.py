"""A visitor who answered "Am I eligible?" and signs up finds their answers in their new
profile: allauth's ``user_signed_up`` (sent in the sign-up's request, with its session) is
the integration point allauth leaves; the profile is written by the service, then the
answers leave the session (``answers.py``).
"""

from __future__ import annotations

from contextlib import suppress

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from .answers import answers_forget, answers_of
from .errors import VolunteerError
from .services import volunteer_update_profile


@receiver(user_signed_up, dispatch_uid="volunteers_profile_from_eligibility_answers")
def profile_from_eligibility_answers(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    answers = answers_of(session)
    if answers is None:
        return
    # A birth date that no longer fits (the visitor answered long ago): the profile asks.
    with suppress(VolunteerError):
        volunteer_update_profile(user=user, data=answers)
    answers_forget(session)
