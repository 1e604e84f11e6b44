"""A newcomer signs up, verifies the e-mail, logs out and back in, in both languages."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.browser.helpers import open_account_menu

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "un-mot-de-passe-solide-42"


def _verification_path(message) -> str:
    link = re.search(r"https?://\S+?(/accounts/confirm-email/\S+/)", message.body)
    return link.group(1)


def test_newcomer_signs_up_verifies_and_logs_in_in_french(page):
    mail.outbox.clear()
    page.goto("/")
    page.audit()
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name="Créer un compte", exact=True).click()
    page.audit()
    page.get_by_label("Nom complet").fill("Awa Diop")
    page.get_by_label("Courriel").fill("awa@example.org")
    page.get_by_label("Mot de passe*", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Création de compte").click()
    page.audit()
    assert len(mail.outbox) == 1

    page.goto(_verification_path(mail.outbox[0]))
    page.audit()
    page.get_by_role("button", name="Confirmer").click()
    page.audit()
    assert page.get_by_text("Connecté·e\u00a0: Awa").is_visible()

    open_account_menu(page)
    page.get_by_role("button", name="Se déconnecter").click()
    page.audit()
    page.get_by_role("link", name="Se connecter").click()
    page.audit()
    page.get_by_label("Courriel").fill("AWA@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.audit()
    assert page.get_by_text("Connecté·e\u00a0: Awa").is_visible()


def test_language_switcher_shows_the_site_in_english_and_back(page):
    page.goto("/")
    page.audit()
    page.get_by_role("button", name=re.compile("English")).click()
    page.audit()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Commit yourself abroad")
    page.get_by_role("link", name="Sign up").click()
    page.audit()
    assert page.get_by_label("Full name").is_visible()
    page.get_by_role("button", name=re.compile("Français")).click()
    page.audit()
    assert page.locator("html").get_attribute("lang") == "fr"
