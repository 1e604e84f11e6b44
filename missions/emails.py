"""The application and contract e-mails: each rendered in its recipient's language and
written to the outbox (``vsi_portal.outbox``) in the transaction of the move that causes it.

Who hears of what: the association's staff (admins and editors) of a new application and
of a withdrawal, as one digest an hour each (an apply/withdraw loop makes one e-mail, not
one a turn); the volunteer of the staff's decisions (shortlisted, accepted, not retained)
and of an application closed without an answer (with missions they can apply to),
within their hourly budget, and of every change of their contract (signed, criminal record
checked, under way, ended early, completed), essential. Links are absolute, built from
``settings.SITE_URL``.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from associations.models import Membership
from vsi_portal.outbox.services import Email, render_email

from .models import Application, ApplicationEvent, Contract
from .selectors.contracts import contract_todo

STAFF_EVENTS = (Application.Status.SUBMITTED, Application.Status.WITHDRAWN)
VOLUNTEER_EVENTS = (
    Application.Status.SHORTLISTED,
    Application.Status.ACCEPTED,
    Application.Status.REJECTED,
)
CONTRACT_EVENTS = ("signed", "criminal_record_checked", "activated", "ended_early", "completed")
# The signing's e-mails: to the volunteer (an offer and its to-do list, an offer taken
# back, an amendment withdrawn) and to the association's administrators (the volunteer
# signed, or declined).
CONTRACT_SIGNING_EVENTS = ("offered", "offer_withdrawn", "amendment_withdrawn")
CONTRACT_STAFF_EVENTS = ("volunteer_signed", "declined")
STAFF_DIGEST = "applications"


def _email(*, user, template: str, context: dict, **fields) -> Email:
    language = _language(user)
    with translation.override(language):
        subject, text, html = render_email(f"missions/emails/{template}", context)
        for name in ("digest_title", "link"):
            if name in fields:
                fields[name] = str(fields[name])
    return Email(
        to=user.email,
        subject=subject,
        text=text,
        html=html,
        language=language,
        kind=f"missions.{template}",
        **fields,
    )


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def staff_recipients(association, *, admins_only: bool = False):
    """The association's staff with an active account: admins and editors, or only the
    administrators (they run its contracts)."""
    memberships = Membership.objects.filter(association=association, user__is_active=True)
    if admins_only:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    return [membership.user for membership in memberships.select_related("user").order_by("pk")]


def application_event_emails(event: ApplicationEvent, *, applicant=None, similar=()) -> list[Email]:
    """The e-mails of a move on an application, for the other side (for the volunteer, of
    an application closed without an answer: ``similar``, missions they can apply to).

    ``applicant``: the name the staff read (default: the volunteer's own).
    """
    application = event.application
    mission = application.mission
    volunteer = application.volunteer
    if event.to_status in STAFF_EVENTS:
        recipients = staff_recipients(mission.association)
        template = "application_staff"
        path = reverse("missions:application_detail", kwargs={"pk": application.pk})
        digest = {"digest": STAFF_DIGEST, "digest_title": _("News of your missions' applications")}
    elif event.to_status in VOLUNTEER_EVENTS and volunteer is not None:
        recipients = [volunteer.user] if volunteer.user.is_active else []
        template = "application_volunteer"
        path = reverse("missions:my_applications")
        digest = {}
    elif event.to_status == Application.Status.EXPIRED and volunteer is not None:
        recipients = [volunteer.user] if volunteer.user.is_active else []
        template = "application_expired"
        path = reverse("missions:my_applications")
        digest = {}
    else:
        return []
    if applicant is None:
        applicant = volunteer.user.full_name if volunteer else ""
    eligible_search_url = f"{settings.SITE_URL}{reverse('missions:search')}?eligible=1"
    emails = []
    for user in recipients:
        with translation.override(_language(user)):
            reason = _reason_label(event)
        emails.append(
            _email(
                user=user,
                template=template,
                context={
                    "user": user,
                    "event": event,
                    "application": application,
                    "mission": mission,
                    "association": mission.association,
                    "applicant": applicant,
                    "reason": reason,
                    "url": settings.SITE_URL + path,
                    "similar": similar,
                    "site_url": settings.SITE_URL,
                    "eligible_search_url": eligible_search_url,
                    "no_answer_days": Application.NO_ANSWER_DAYS,
                },
                link=settings.SITE_URL + path,
                **digest,
            )
        )
    return emails


def _reason_label(event: ApplicationEvent) -> str:
    choices = {
        Application.Status.REJECTED: Application.RejectionReason,
        Application.Status.WITHDRAWN: Application.WithdrawalReason,
    }.get(event.to_status)
    if choices is None or not event.reason:
        return ""
    return str(dict(choices.choices).get(event.reason, event.reason))


def contract_event_emails(contract: Contract, event: str, *, version=None) -> list[Email]:
    """The e-mail about a change of a contract (essential): to the volunteer, or to the
    association's administrators when the volunteer signed or declined (``version``: the
    version the move was about, for the offer, the signatures and amendments)."""
    if event in CONTRACT_STAFF_EVENTS:
        return _contract_staff_emails(contract, event, version=version)
    if event not in (*CONTRACT_EVENTS, *CONTRACT_SIGNING_EVENTS):
        return []
    if contract.volunteer is None or not contract.volunteer.user.is_active:
        return []
    user = contract.volunteer.user
    with translation.override(_language(user)):
        end_reason = contract.get_end_reason_display() if contract.end_reason else ""
        url = settings.SITE_URL + reverse("missions:my_contract", kwargs={"pk": contract.pk})
        todo = contract_todo(contract) if event == "offered" else ()
    return [
        _email(
            user=user,
            template="contract_volunteer",
            context={
                "user": user,
                "event": event,
                "contract": contract,
                "version": version,
                "todo": todo,
                "mission": contract.mission,
                "association": contract.association,
                "end_reason": end_reason,
                "url": url,
            },
            essential=True,
        )
    ]


def _contract_staff_emails(contract: Contract, event: str, *, version=None) -> list[Email]:
    """The association's administrators hear that the volunteer signed (their signature
    is awaited) or declined, at once (essential)."""
    path = reverse("missions:contract_detail", kwargs={"pk": contract.pk})
    volunteer = contract.volunteer.user.full_name if contract.volunteer else ""
    emails = []
    for user in staff_recipients(contract.association, admins_only=True):
        with translation.override(_language(user)):
            reason = ""
            if version is not None and version.decline_reason:
                reason = str(version.get_decline_reason_display())
        emails.append(
            _email(
                user=user,
                template="contract_staff",
                context={
                    "user": user,
                    "event": event,
                    "contract": contract,
                    "version": version,
                    "mission": contract.mission,
                    "volunteer": volunteer,
                    "reason": reason,
                    "url": settings.SITE_URL + path,
                },
                essential=True,
            )
        )
    return emails


# --- The end of a contract and its certificate (services/contract_ends.py) ------------------

CONTRACT_END_EVENTS = (
    "notice_given",
    "notice_withdrawn",
    "ended_early",
    "completed",
    "certificate_issued",
)


def contract_end_emails(contract: Contract, event: str, **extra) -> list[Email]:
    """The e-mails of a notice, its withdrawal, the end, the completion (to the volunteer and
    the association's administrators) and the certificate (to the volunteer), essential."""
    if event not in CONTRACT_END_EVENTS:
        raise ValueError(f"event: {event!r}")
    recipients: list[tuple[object, str]] = []
    if contract.volunteer is not None and contract.volunteer.user.is_active:
        recipients.append(
            (
                contract.volunteer.user,
                reverse("missions:my_contract", kwargs={"pk": contract.pk}),
            )
        )
    if event != "certificate_issued":
        staff_path = reverse("missions:contract_detail", kwargs={"pk": contract.pk})
        admins = staff_recipients(contract.association, admins_only=True)
        recipients += [(user, staff_path) for user in admins]
    volunteer_name = contract.volunteer.user.full_name if contract.volunteer else ""
    emails = []
    for user, path in recipients:
        with translation.override(_language(user)):
            end_reason = contract.get_end_reason_display() if contract.end_reason else ""
            side = contract.get_notice_side_display() if contract.notice_side else ""
        url = settings.SITE_URL + path
        emails.append(
            _email(
                user=user,
                template="contract_end",
                context={
                    "user": user,
                    "event": event,
                    "contract": contract,
                    "mission": contract.mission,
                    "association": contract.association,
                    "volunteer_name": volunteer_name,
                    "for_volunteer": contract.volunteer is not None
                    and contract.volunteer.user_id == user.pk,
                    "end_reason": end_reason,
                    "side": side,
                    "url": url,
                    **extra,
                },
                link=url,
                essential=True,
            )
        )
    return emails
