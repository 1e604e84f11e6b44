"""The association e-mails, each rendered in its recipient's language and written to the
outbox (``vsi_portal.outbox``) in the transaction of the move that causes it.

Decisions are essential (never held back); invitations are not (the hourly budget of the
invitee's address applies); the reviewers' review requests go out as one digest an hour.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from vsi_portal.accounts.addresses import normalise_email
from vsi_portal.accounts.models import User
from vsi_portal.outbox.services import Email, render_email

from .models import AssociationDecision, Invitation, Membership

REVIEW_DIGEST = "association_reviews"


def _email(*, to: str, language: str, template: str, context: dict, **fields) -> Email:
    with translation.override(language):
        subject, text, html = render_email(f"associations/emails/{template}", context)
        if "digest_title" in fields:
            fields["digest_title"] = str(fields["digest_title"])
    return Email(
        to=to,
        subject=subject,
        text=text,
        html=html,
        language=language,
        kind=f"associations.{template}",
        **fields,
    )


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def decision_emails(decision: AssociationDecision) -> list[Email]:
    """France Volontaires' decision, for every admin of the association."""
    association = decision.association
    admins = (
        Membership.objects.filter(association=association, role=Membership.Role.ADMIN)
        .select_related("user")
        .filter(user__is_active=True)
        .order_by("pk")
    )
    emails = []
    for membership in admins:
        user = membership.user
        with translation.override(_language(user)):
            url = settings.SITE_URL + reverse(
                "associations:manage", kwargs={"slug": association.slug}
            )
        emails.append(
            _email(
                to=user.email,
                language=_language(user),
                template="decision",
                context={
                    "user": user,
                    "association": association,
                    "decision": decision,
                    "manage_url": url,
                    "site_url": settings.SITE_URL,
                },
                essential=True,
            )
        )
    return emails


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


def review_request_emails(decision: AssociationDecision) -> list[Email]:
    """A file registered or submitted again: one digest item for each reviewer (a burst of
    registrations makes one e-mail an hour, not one each)."""
    association = decision.association
    url = settings.SITE_URL + reverse(
        "admin:associations_association_change", args=[association.pk]
    )
    return [
        _email(
            to=user.email,
            language=_language(user),
            template="review_request",
            context={
                "user": user,
                "association": association,
                "decision": decision,
                "review_url": url,
            },
            digest=REVIEW_DIGEST,
            digest_title=_("Associations waiting for your review"),
            link=url,
        )
        for user in reviewers()
    ]


def invitation_email(invitation: Invitation, *, token: str) -> Email:
    """The invitation link; in the invitee's language, or the inviter's (the invitee may
    have no account). Its token is stored nowhere else: the e-mail is written whole."""
    invitee = User.objects.filter(email=normalise_email(invitation.email)).first()
    inviter = invitation.invited_by
    language = (
        (invitee and invitee.preferred_language)
        or (inviter and inviter.preferred_language)
        or settings.LANGUAGE_CODE
    )
    with translation.override(language):
        url = settings.SITE_URL + reverse("associations:invitation", kwargs={"token": token})
    return _email(
        to=invitation.email,
        language=language,
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
