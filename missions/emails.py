"""The application and contract e-mails: each in its recipient's language, text and HTML.

Who hears of what: the association's staff (admins and editors) of a new application and
of a withdrawal; the volunteer of the staff's decisions (shortlisted, accepted, not
retained) and of every change of their contract (signed, criminal record checked, under
way, ended early, completed). Links are absolute, built from ``settings.SITE_URL``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from associations.models import Membership

from .models import Application, ApplicationEvent, Contract

STAFF_EVENTS = (Application.Status.SUBMITTED, Application.Status.WITHDRAWN)
VOLUNTEER_EVENTS = (
    Application.Status.SHORTLISTED,
    Application.Status.ACCEPTED,
    Application.Status.REJECTED,
)
CONTRACT_EVENTS = ("signed", "criminal_record_checked", "activated", "ended_early", "completed")


def _send(*, to: str, template: str, context: dict) -> None:
    subject = " ".join(render_to_string(f"missions/emails/{template}_subject.txt", context).split())
    text = render_to_string(f"missions/emails/{template}.txt", context)
    html = render_to_string(f"missions/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def staff_recipients(association):
    """The association's staff with an active account (admins and editors)."""
    return [
        membership.user
        for membership in Membership.objects.filter(association=association, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ]


def application_event_notify(*, event_id: int) -> int:
    """Tells the other side about a move on an application; returns how many were sent."""
    event = (
        ApplicationEvent.objects.select_related(
            "application__mission__association", "application__volunteer__user", "by"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    application = event.application
    mission = application.mission
    volunteer = application.volunteer
    if event.to_status in STAFF_EVENTS:
        recipients = staff_recipients(mission.association)
        template = "application_staff"
        path = reverse("missions:application_detail", kwargs={"pk": application.pk})
    elif event.to_status in VOLUNTEER_EVENTS and volunteer is not None:
        recipients = [volunteer.user] if volunteer.user.is_active else []
        template = "application_volunteer"
        path = reverse("missions:my_applications")
    else:
        return 0
    sent = 0
    for user in recipients:
        with translation.override(_language(user)):
            _send(
                to=user.email,
                template=template,
                context={
                    "user": user,
                    "event": event,
                    "application": application,
                    "mission": mission,
                    "association": mission.association,
                    "applicant": volunteer.user.full_name if volunteer else "",
                    "reason": _reason_label(event),
                    "url": settings.SITE_URL + path,
                },
            )
        sent += 1
    return sent


def _reason_label(event: ApplicationEvent) -> str:
    choices = {
        Application.Status.REJECTED: Application.RejectionReason,
        Application.Status.WITHDRAWN: Application.WithdrawalReason,
    }.get(event.to_status)
    if choices is None or not event.reason:
        return ""
    return str(dict(choices.choices).get(event.reason, event.reason))


def contract_event_notify(*, contract_id: int, event: str) -> int:
    """Tells the volunteer about a change of their contract; returns how many were sent."""
    if event not in CONTRACT_EVENTS:
        return 0
    contract = (
        Contract.objects.select_related("mission", "association", "volunteer__user")
        .filter(pk=contract_id)
        .first()
    )
    if contract is None or contract.volunteer is None or not contract.volunteer.user.is_active:
        return 0
    user = contract.volunteer.user
    with translation.override(_language(user)):
        _send(
            to=user.email,
            template="contract_volunteer",
            context={
                "user": user,
                "event": event,
                "contract": contract,
                "mission": contract.mission,
                "association": contract.association,
                "end_reason": contract.get_end_reason_display() if contract.end_reason else "",
                "url": settings.SITE_URL
                + reverse("missions:my_contract", kwargs={"pk": contract.pk}),
            },
        )
    return 1
