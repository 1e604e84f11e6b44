"""Background jobs of the associations app: they take ids and call the e-mail services."""

from __future__ import annotations

from celery import shared_task

from . import emails


@shared_task
def send_decision_email(decision_id: int) -> int:
    """E-mails a France Volontaires decision to the association's admins; returns how many."""
    return emails.decision_notify(decision_id=decision_id)


@shared_task
def send_invitation_email(invitation_id: int, token: str) -> bool:
    return emails.invitation_send(invitation_id=invitation_id, token=token)


@shared_task
def send_review_request_email(decision_id: int) -> int:
    """Tells France Volontaires' reviewers that a file waits for them; returns how many."""
    return emails.review_request_notify(decision_id=decision_id)
