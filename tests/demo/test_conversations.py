"""The demo's conversations: answered, unread by the volunteer, unread by the staff on a
contract under way, read-only on an application not retained; loaded once."""

from __future__ import annotations

import pytest

from demo.loader import load_demo
from missions.models import Application, ApplicationMessage
from missions.models.conversations import Side
from missions.selectors.conversations import conversation_for, unread_counts
from notifications.models import Notification
from vsi_portal.accounts.models import User
from vsi_portal.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _application(email: str, slug: str) -> Application:
    return Application.objects.get(volunteer__user__email=email, mission__slug=slug)


def test_the_demo_shows_a_conversation_in_each_state(demo):
    lea = User.objects.get(email="lea.martin@example.org")
    answered = _application("lea.martin@example.org", "enseignant-francais-thies")
    waiting = _application("lea.martin@example.org", "sante-scolaire-cotonou")
    assert [m.side for m in answered.messages.all()] == ["association", "volunteer", "association"]
    assert unread_counts(lea, [answered, waiting], side=Side.VOLUNTEER) == {waiting.pk: 1}
    assert Notification.objects.filter(
        recipient=lea, kind="application_message", read_at__isnull=True
    ).exists()

    contract = _application("thomas.moreau@example.org", "reboisement-bertoua")
    staff = User.objects.get(email="staff@terres-afrique.example.org")
    assert unread_counts(staff, [contract], side=Side.ASSOCIATION) == {contract.pk: 1}
    assert conversation_for(contract, staff).open

    closed = _application("jonas.weber@example.org", "foret-yaounde")
    conversation = conversation_for(closed, staff)
    assert len(conversation.lines) == 2 and not conversation.open
    assert not OutboxMessage.objects.exists()


def test_loading_the_demo_again_adds_no_message(demo):
    count = ApplicationMessage.objects.count()
    load_demo(today=demo)
    assert ApplicationMessage.objects.count() == count
