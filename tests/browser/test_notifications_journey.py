"""A person reads their reminders in the browser: header badge, list, open, settings.

Uses the audited pages of tests/browser (axe-core WCAG 2.1 AA and the Nu Html
Checker on every page visited).
"""

from __future__ import annotations

import pytest

from notifications.models import Notification
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_opens_a_reminder_marks_all_read_and_sees_the_settings(page):
    user = UserFactory(full_name="Claire Diallo")
    for title in ("L’agrément de Solidarité Sahel expire le 23 décembre 2026", "Deuxième rappel"):
        Notification.objects.create(
            recipient=user,
            kind="approval_expiring",
            title=title,
            body="Sans renouvellement, l’association ne pourra plus publier de missions.",
            link="/notifications/settings/",
        )
    page.goto("/accounts/login/")
    page.audit()
    page.get_by_label("Courriel").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.audit()

    page.get_by_role("link", name="Notifications 2 non lues").click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == "Notifications"
    page.get_by_role("button", name="Ouvrir\u00a0: Deuxième rappel").click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == "Réglages des rappels"
    assert page.get_by_label("Expiration de l’agrément de l’association").is_disabled()

    page.get_by_role("link", name="Retour à mes notifications").click()
    page.audit()
    page.get_by_role("button", name="Tout marquer comme lu").click()
    page.audit()
    assert page.get_by_text("Toutes vos notifications sont marquées comme lues.").is_visible()
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
