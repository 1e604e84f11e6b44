"""What the missions app holds about a person: their applications and contracts.

The associations must keep these records (who they took, for how long, at what allowance),
so erasure keeps the rows and takes out what is personal. Read by `privacy` (its registry
lists this module); nothing here imports privacy.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Exists, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification
from volunteers.models import Volunteer
from volunteers.selectors import volunteer_for_user
from vsi_portal.entitlements import days
from vsi_portal.formats import iso_or_none, site_url
from vsi_portal.outbox.services import outbox_write

from . import conversation_notices, emails, notices
from .models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    Contract,
    ContractVersion,
    MessageReport,
    SavedSearch,
)
from .models.conversations import Side
from .selectors.candidates import volunteer_ledger
from .services.exports import exports_delete_of_requester


def export(user) -> dict[str, Any]:
    """The `vsi_days_served`, `applications`, `contracts` and `saved_searches` sections of
    data.json (absent for an account without a volunteer profile; the saved searches go
    with the profile when it is deleted).

    The days served come from the 6-year ledger: declared missions and portal contracts.
    """
    volunteer = volunteer_for_user(user)
    if volunteer is None:
        return {}
    return {
        "vsi_days_served": volunteer_ledger(volunteer).days_served,
        "applications": _export_applications(volunteer),
        "contracts": _export_contracts(volunteer),
        "saved_searches": _export_saved_searches(volunteer),
    }


def _export_saved_searches(volunteer: Volunteer) -> list[dict[str, Any]]:
    return [
        {
            "name": search.name,
            "url": settings.SITE_URL + search.get_absolute_url(),
            "alert": search.frequency,
            "created_at": iso_or_none(search.created_at),
            "last_alert_on": iso_or_none(search.last_alert_on),
        }
        for search in SavedSearch.objects.filter(volunteer=volunteer).order_by("pk")
    ]


def _export_applications(volunteer: Volunteer) -> list[dict[str, Any]]:
    applications = (
        Application.objects.filter(volunteer=volunteer)
        .select_related("mission__association")
        .prefetch_related(
            Prefetch("events", queryset=ApplicationEvent.objects.order_by("at", "pk")),
            Prefetch("messages", queryset=ApplicationMessage.objects.order_by("created_at", "pk")),
        )
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "mission": application.mission.title,
            "mission_url": site_url(application.mission),
            "association": application.mission.association.name,
            "status": application.status,
            "submitted_at": iso_or_none(application.submitted_at),
            "decided_at": iso_or_none(application.decided_at),
            "motivation": application.motivation,
            "rejection_reason": application.rejection_reason or None,
            "withdrawal_reason": application.withdrawal_reason or None,
            "message_from_association": application.message,
            "history": [
                {
                    "at": iso_or_none(event.at),
                    "from": event.from_status or None,
                    "to": event.to_status,
                    "reason": event.reason or None,
                    "message": event.message,
                    "by_you": event.by_id == volunteer.user_id,
                }
                for event in application.events.all()
            ],
            # The conversation with the association: each message's side, when, and text
            # (staff members are not named).
            "messages": [
                {
                    "at": iso_or_none(message.created_at),
                    "side": message.side,
                    "by_you": message.author_id == volunteer.user_id,
                    "text": message.body,
                }
                for message in application.messages.all()
            ],
        }
        for application in applications
    ]


def _export_contracts(volunteer: Volunteer) -> list[dict[str, Any]]:
    contracts = (
        Contract.objects.filter(volunteer=volunteer)
        .select_related("mission", "association")
        .prefetch_related("versions")
        .order_by("start_on", "pk")
    )
    return [
        {
            "mission": contract.mission.title,
            "association": contract.association.name,
            "country": contract.country.code,
            "start": iso_or_none(contract.start_on),
            "planned_end": iso_or_none(contract.end_on),
            "monthly_allowance_eur": contract.allowance_eur,
            "status": contract.status,
            "signed_at": iso_or_none(contract.signed_at),
            "criminal_record_checked_on": iso_or_none(contract.criminal_record_checked_on),
            "criminal_record_outcome": contract.criminal_record_outcome or None,
            "social_security_affiliated_on": iso_or_none(contract.social_security_affiliated_on),
            "insurance_reference": contract.insurance_reference,
            "training_completed_on": iso_or_none(contract.training_completed_on),
            "started_at": iso_or_none(contract.activated_at),
            "notice_given_on": iso_or_none(contract.notice_given_on),
            "ended_on": iso_or_none(contract.ended_on),
            "end_reason": contract.end_reason or None,
            "end_explanation": contract.end_explanation,
            "compelling_reason": contract.compelling_reason,
            "days_served": days(period) if (period := contract.served_period()) else 0,
            "leave_days_taken": contract.leave_days_taken,
            "certificate_issued_at": iso_or_none(contract.certificate_issued_at),
            "certificate_number": contract.certificate_number,
            "insertion_premium_requested_on": iso_or_none(contract.insertion_premium_requested_on),
            "versions": [_export_version(version) for version in contract.versions.all()],
        }
        for contract in contracts
    ]


def _export_version(version) -> dict[str, Any]:
    """A version of the contract as offered and signed: the terms, both signatures (the
    names typed, when), a decline and its reason. Accounts are not named (the person's own
    or a staff member's)."""
    return {
        "number": version.number,
        "status": version.status,
        "start": iso_or_none(version.start_on),
        "planned_end": iso_or_none(version.end_on),
        "monthly_allowance_eur": version.allowance_eur,
        "changes": version.changes,
        "offered_at": iso_or_none(version.offered_at),
        "signed_by_you_at": iso_or_none(version.volunteer_signed_at),
        "your_signature": version.volunteer_signature,
        "signed_by_the_association_at": iso_or_none(version.association_signed_at),
        "association_signature": version.association_signature,
        "association_signatory_role": version.association_signatory_role,
        "declined_at": iso_or_none(version.declined_at),
        "decline_reason": version.decline_reason or None,
        "decline_note": version.decline_note,
    }


def erase(user) -> None:
    """Closes and anonymises the person's applications and contracts; the rows stay.

    Runs while the volunteer profile still links them to the person (the volunteers app
    deletes it next, which sets `volunteer` to NULL on both):

    - contracts not yet signed by both sides (draft, offered, signed by the person alone)
      are closed: ``declined``, their pending version declined (reason "other"), so that
      they hold none of the person's days and leave the staff's to-do list; their accepted
      applications are withdrawn with the others below. A pending amendment of any other
      contract is declined the same way (nobody is left to sign it);
    - applications still under review are withdrawn (reason "other", with an event by the
      person, and the usual e-mail to the association's staff) so that no association is
      left waiting for a person who is gone;
    - every application loses its motivation (the person's own words), and the messages
      the person wrote in its history are blanked; statuses, dates and reason codes stay;
    - the staff's in-app notifications of the person's applications and of their messages
      (they name the person, and quote them) are deleted, before the withdrawals notify
      the staff without the name;
    - the conversations stay, as the association's record of what it told the applicant,
      but the messages the person wrote lose their text and their author: they read
      "Message deleted with the account", on the volunteer's side; the staff's messages
      stay as written. Reports the person made stay for France Volontaires, without
      their name;
    - every contract loses its free-text end explanation (it may describe the person's
      health or family), and its versions the name the person typed to sign and their
      note when declining, and the name printed on its certificate (whose code then checks
      out as unknown); dates, allowance, country, checklist dates, codes and the
      certificate number stay.

    The exports the person asked for (as staff) are deleted first, files and rows: they hold
    other people's data and are nobody else's.

    Plain ORM updates, not the applications service: the withdrawal rules there are for a
    volunteer's choice (an account being erased cannot be refused), and the erasure owns
    the anonymisation, in its one transaction.
    """
    exports_delete_of_requester(user=user)
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is None:
        return
    now = timezone.now()
    _forget_staff_notifications(volunteer)
    # Contracts before applications: the order the contract services lock them in.
    unsigned = list(
        Contract.objects.select_for_update()
        .filter(volunteer=volunteer, status__in=Contract.UNSIGNED_STATUSES)
        .order_by("pk")
        .values_list("pk", "application_id")
    )
    ContractVersion.objects.filter(
        contract__volunteer=volunteer, status__in=ContractVersion.PENDING_STATUSES
    ).update(
        status=ContractVersion.Status.DECLINED,
        declined_at=now,
        decline_reason=ContractVersion.DeclineReason.OTHER,
    )
    Contract.objects.filter(pk__in=[pk for pk, _application in unsigned]).update(
        status=Contract.Status.DECLINED, updated_at=now
    )
    open_applications = list(
        Application.objects.select_for_update()
        .filter(
            Q(status__in=Application.ACTIVE_STATUSES)
            | Q(status=Application.Status.ACCEPTED, pk__in=[a for _pk, a in unsigned]),
            volunteer=volunteer,
        )
        .order_by("pk")
    )
    for application in open_applications:
        event = ApplicationEvent.objects.create(
            application=application,
            from_status=application.status,
            to_status=Application.Status.WITHDRAWN,
            by=user,
            at=now,
            reason=Application.WithdrawalReason.OTHER,
        )
        # The staff are told, without the name of a person who asked to be forgotten.
        outbox_write(
            emails=emails.application_event_emails(
                event, applicant=_("A volunteer who deleted their account")
            )
        )
        notices.application_event_notify(
            event, applicant=_("A volunteer who deleted their account")
        )
    Application.objects.filter(pk__in=[a.pk for a in open_applications]).update(
        status=Application.Status.WITHDRAWN,
        withdrawal_reason=Application.WithdrawalReason.OTHER,
        decided_at=now,
        updated_at=now,
    )
    Application.objects.filter(volunteer=volunteer).update(motivation="", updated_at=now)
    ApplicationEvent.objects.filter(application__volunteer=volunteer, by=user).update(message="")
    ApplicationMessage.objects.filter(application__volunteer=volunteer, side=Side.VOLUNTEER).update(
        body="", author=None
    )
    MessageReport.objects.filter(reported_by=user).update(reported_by=None)
    Contract.objects.filter(volunteer=volunteer).update(
        end_explanation="", certificate_volunteer_name="", updated_at=now
    )
    # The name the person typed to sign, and their note when declining, are their words.
    ContractVersion.objects.filter(contract__volunteer=volunteer).update(
        volunteer_signature="", decline_note=""
    )


def _forget_staff_notifications(volunteer: Volunteer) -> None:
    """Deletes the staff's notifications of the volunteer's applications and messages (they
    name them)."""
    applications = list(Application.objects.filter(volunteer=volunteer))
    links = [
        reverse("missions:application_detail", kwargs={"pk": application.pk})
        for application in applications
    ]
    message_links = [
        conversation_notices.conversation_link(application, Side.ASSOCIATION)
        for application in applications
    ]
    Notification.objects.filter(
        Q(link__in=links, kind__in=notices.STAFF_KINDS)
        | Q(link__in=message_links, kind=conversation_notices.MESSAGE_KIND)
    ).exclude(recipient=volunteer.user_id).delete()


# --- Retention ---------------------------------------------------------------------------


def with_running_contract(user) -> Exists:
    """Whether `user` (an account, or `OuterRef("pk")` in a query of accounts) has a
    contract planned or under way as a volunteer, or one they signed that waits for the
    association's signature."""
    return Exists(
        Contract.objects.filter(
            volunteer__user=user,
            status__in=(
                Contract.Status.VOLUNTEER_SIGNED,
                Contract.Status.PLANNED,
                Contract.Status.ACTIVE,
            ),
        )
    )


def with_planned_contract(volunteer) -> Exists:
    """Whether `volunteer` (a profile, or `OuterRef(...)` to one) has a contract offered,
    being signed or planned: its administrators may still check a criminal record extract
    (the offer's to-do list asks for it)."""
    return Exists(
        Contract.objects.filter(
            volunteer=volunteer,
            status__in=(
                Contract.Status.OFFERED,
                Contract.Status.VOLUNTEER_SIGNED,
                Contract.Status.PLANNED,
            ),
        )
    )
