"""The association e-mails: each in its recipient's language, text and HTML."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from vsi_portal.accounts.addresses import normalise_email
from vsi_portal.accounts.models import User

from .models import AssociationDecision, Invitation, Membership


def _send(*, to: str, template: str, context: dict) -> None:
    subject = " ".join(
        render_to_string(f"associations/emails/{template}_subject.txt", context).split()
    )
    text = render_to_string(f"associations/emails/{template}.txt", context)
    html = render_to_string(f"associations/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def decision_notify(*, decision_id: int) -> int:
    """Tells every admin of the association about France Volontaires' decision."""
    decision = (
        AssociationDecision.objects.select_related("association").filter(pk=decision_id).first()
    )
    if decision is None:
        return 0
    association = decision.association
    admins = (
        Membership.objects.filter(association=association, role=Membership.Role.ADMIN)
        .select_related("user")
        .filter(user__is_active=True)
    )
    sent = 0
    for membership in admins:
        user = membership.user
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            url = settings.SITE_URL + reverse(
                "associations:manage", kwargs={"slug": association.slug}
            )
            _send(
                to=user.email,
                template="decision",
                context={
                    "user": user,
                    "association": association,
                    "decision": decision,
                    "manage_url": url,
                    "site_url": settings.SITE_URL,
                },
            )
        sent += 1
    return sent


def reviewers():
    """France Volontaires staff who may decide on associations."""
    codename = "decide_association"
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                user_permissions__codename=codename,
                user_permissions__content_type__app_label="associations",
            )
            | Q(
                groups__permissions__codename=codename,
                groups__permissions__content_type__app_label="associations",
            )
        )
        .distinct()
        .order_by("pk")
    )


def review_request_notify(*, decision_id: int) -> int:
    """Tells the reviewers that a file was registered or submitted again."""
    decision = (
        AssociationDecision.objects.select_related("association").filter(pk=decision_id).first()
    )
    if decision is None:
        return 0
    association = decision.association
    url = settings.SITE_URL + reverse(
        "admin:associations_association_change", args=[association.pk]
    )
    sent = 0
    for user in reviewers():
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            _send(
                to=user.email,
                template="review_request",
                context={
                    "user": user,
                    "association": association,
                    "decision": decision,
                    "review_url": url,
                },
            )
        sent += 1
    return sent


def invitation_send(*, invitation_id: int, token: str) -> bool:
    """Sends the invitation link; in the inviter's language (the invitee may have no account)."""
    invitation = (
        Invitation.objects.select_related("association", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_open():
        return False
    invitee = User.objects.filter(email=normalise_email(invitation.email)).first()
    inviter = invitation.invited_by
    language = (
        (invitee and invitee.preferred_language)
        or (inviter and inviter.preferred_language)
        or settings.LANGUAGE_CODE
    )
    with translation.override(language):
        url = settings.SITE_URL + reverse("associations:invitation", kwargs={"token": token})
        _send(
            to=invitation.email,
            template="invitation",
            context={
                "invitation": invitation,
                "association": invitation.association,
                "inviter": inviter,
                "invitee": invitee,
                "accept_url": url,
                "site_url": settings.SITE_URL,
            },
        )
    return True
