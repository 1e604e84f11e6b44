"""The in-app notifications of application moves and of a contract offered, for the other
side: written with the move (`notifications.notices.notification_create`, in its
transaction), in the recipient's language, naming the volunteer (for the staff) and the
mission, with a link to the page where the recipient acts.

Who hears of what mirrors the e-mails (`missions/emails.py`): the association's staff
(admins and editors) of a new application and of a withdrawal; the volunteer of the
staff's decisions (shortlisted, accepted, not retained with its reason and message) and of
a contract (or an amendment) offered. An application closed without an answer (no one
moved it) is told to both sides: the volunteer with missions they can apply to, the staff
in-app only. The person who made the move is never notified of it.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.notices import notification_create

from .emails import STAFF_EVENTS, VOLUNTEER_EVENTS, staff_recipients
from .models import Application, ApplicationEvent, Contract, ContractVersion

Status = Application.Status
# The kinds of the staff's notifications (they name the volunteer: erasure deletes them).
EXPIRED_KIND = f"application_{Status.EXPIRED}"
STAFF_KINDS = (*(f"application_{status}" for status in STAFF_EVENTS), EXPIRED_KIND)


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _volunteer_name(application: Application) -> str:
    if application.volunteer is None:
        return ""
    user = application.volunteer.user
    return user.full_name or user.email


def application_event_notify(event: ApplicationEvent, *, applicant=None, similar=()) -> int:
    """The notifications of a move on an application, for the other side; how many.

    ``applicant``: the name the staff read (default: the volunteer's own; a lazy text is
    rendered in each recipient's language). ``similar``: for a closed application, the
    missions its volunteer can apply to.
    """
    application = event.application
    volunteer = application.volunteer
    if event.to_status == Status.EXPIRED:
        return _expired_notify(event, similar=similar)
    if event.to_status in STAFF_EVENTS:
        recipients = staff_recipients(application.mission.association)
        link = reverse("missions:application_detail", kwargs={"pk": application.pk})
    elif event.to_status in VOLUNTEER_EVENTS and volunteer is not None:
        recipients = [volunteer.user]
        link = reverse("missions:my_applications")
    else:
        return 0
    count = 0
    for user in recipients:
        if user.pk == event.by_id:
            continue
        with translation.override(_language(user)):
            title, body = _application_words(event, applicant=applicant)
        if notification_create(
            recipient=user,
            kind=f"application_{event.to_status}",
            title=title,
            body=body,
            link=link,
        ):
            count += 1
    return count


def _expired_notify(event: ApplicationEvent, *, similar=()) -> int:
    """An application closed without an answer: the volunteer (with missions they can apply
    to) and the association's staff, each in their language."""
    application = event.application
    volunteer = application.volunteer
    values = {
        "volunteer": _volunteer_name(application),
        "mission": application.mission.title,
        "association": application.mission.association.name,
        "days": Application.NO_ANSWER_DAYS,
    }
    count = 0
    if volunteer is not None:
        user = volunteer.user
        with translation.override(_language(user)):
            lines = [
                _(
                    "%(association)s did not answer your application to the mission "
                    "“%(mission)s” within %(days)s days: it is closed."
                )
                % values
            ]
            if similar:
                lines.append(_("Similar missions you can apply to:"))
                lines += [f"– {mission.title} ({mission.country.name})" for mission in similar]
            title = _("Your application closed without an answer: %(mission)s") % values
        count += bool(
            notification_create(
                recipient=user,
                kind=EXPIRED_KIND,
                title=title,
                body="\n".join(lines),
                link=reverse("missions:my_applications"),
            )
        )
    link = reverse("missions:application_detail", kwargs={"pk": application.pk})
    for user in staff_recipients(application.mission.association):
        with translation.override(_language(user)):
            title = _("Closed without an answer: %(volunteer)s, %(mission)s") % values
            body = _(
                "Nobody answered the application of %(volunteer)s to the mission "
                "“%(mission)s” within %(days)s days: the portal closed it and told them."
            )
        count += bool(
            notification_create(
                recipient=user, kind=EXPIRED_KIND, title=title, body=body % values, link=link
            )
        )
    return count


def _application_words(event: ApplicationEvent, *, applicant=None) -> tuple[str, str]:
    """The title and text of the move, in the active language."""
    application = event.application
    values = {
        "volunteer": str(applicant) if applicant is not None else _volunteer_name(application),
        "mission": application.mission.title,
        "association": application.mission.association.name,
    }
    status = event.to_status
    if status == Status.SUBMITTED:
        return (
            _("New application from %(volunteer)s: %(mission)s") % values,
            _("%(volunteer)s applied to the mission “%(mission)s”.") % values,
        )
    if status == Status.WITHDRAWN:
        body = _("%(volunteer)s withdrew their application to the mission “%(mission)s”.")
        return (
            _("%(volunteer)s withdrew their application: %(mission)s") % values,
            _with_reason(body % values, event, Application.WithdrawalReason),
        )
    if status == Status.SHORTLISTED:
        return (
            _("Your application is shortlisted: %(mission)s") % values,
            _(
                "%(association)s shortlisted your application to the mission “%(mission)s”: "
                "it is among the applications kept for the final choice."
            )
            % values,
        )
    if status == Status.ACCEPTED:
        return (
            _("Your application is accepted: %(mission)s") % values,
            _(
                "%(association)s accepted your application to the mission “%(mission)s”. "
                "The association will now prepare your VSI contract with you."
            )
            % values,
        )
    body = _("%(association)s did not retain your application to the mission “%(mission)s”.")
    return (
        _("Your application was not retained: %(mission)s") % values,
        _with_reason(body % values, event, Application.RejectionReason),
    )


def _with_reason(text: str, event: ApplicationEvent, reasons) -> str:
    """The text, then the coded reason and the message written with it, one per line."""
    lines = [text]
    if event.reason:
        label = dict(reasons.choices).get(event.reason, event.reason)
        lines.append(_("Reason: %(reason)s") % {"reason": label})
    if event.message:
        lines.append(_("Message: %(message)s") % {"message": event.message})
    return "\n".join(lines)


def contract_offer_notify(contract: Contract, *, version: ContractVersion, by) -> int:
    """The volunteer's notification of a contract (or an amendment) offered to them."""
    if contract.volunteer is None or contract.volunteer.user_id == getattr(by, "pk", None):
        return 0
    user = contract.volunteer.user
    values = {"mission": contract.mission.title, "association": contract.association.name}
    with translation.override(_language(user)):
        if version.is_amendment:
            title = _("An amendment to your contract is offered: %(mission)s") % values
            body = _(
                "%(association)s offers you an amendment to your VSI contract for the mission "
                "“%(mission)s”: read it, then sign it or decline it."
            )
        else:
            title = _("A VSI contract is offered to you: %(mission)s") % values
            body = _(
                "%(association)s offers you the VSI contract of the mission “%(mission)s”: "
                "read it, then sign it or decline it."
            )
        body = body % values
    created = notification_create(
        recipient=user,
        kind="contract_offered",
        title=title,
        body=body,
        link=reverse("missions:my_contract", kwargs={"pk": contract.pk}),
    )
    return 1 if created else 0
