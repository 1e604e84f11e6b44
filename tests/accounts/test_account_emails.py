"""allauth's e-mails in the portal's words and layout (vsi_portal/accounts/adapter.py,
templates/account/email/): text and HTML, in the person's language, naming the portal
"Portail VSI" / "VSI Portal", never the host a request came by."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.mail import committed

pytestmark = pytest.mark.django_db


def _sign_up(client: Client, language: str):
    client.cookies["django_language"] = language
    with committed():
        client.post(
            reverse("account_signup"),
            {
                "full_name": "Léa Martin",
                "email": "lea@example.org",
                "password1": "un-mot-de-passe-solide-42",
                "password2": "un-mot-de-passe-solide-42",
            },
        )


def _without_links(text: str) -> str:
    return re.sub(r"https?://\S+", "", text)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_verification_e_mail_has_a_text_and_an_html_part(client, outbox, language):
    _sign_up(client, language)
    (message,) = outbox
    (html, kind), *_others = message.alternatives
    assert kind == "text/html"
    assert f'<html lang="{language}">' in html
    assert "/accounts/confirm-email/" in message.body
    assert "/accounts/confirm-email/" in html


def test_the_verification_e_mail_is_the_portals_in_french(client, outbox):
    _sign_up(client, "fr")
    (message,) = outbox
    assert message.subject == "[Portail VSI] Bienvenue\u00a0: confirmez votre adresse e-mail"
    assert message.body.startswith("Portail VSI")
    assert "Bienvenue sur le Portail VSI\u00a0!" in message.body
    assert "Bienvenue sur le Portail VSI\u00a0!" in message.alternatives[0][0]


def test_the_verification_e_mail_is_the_portals_in_english(client, outbox):
    _sign_up(client, "en")
    (message,) = outbox
    assert message.subject == "[VSI Portal] Welcome: confirm your e-mail address"
    assert "Welcome to the VSI Portal!" in message.body


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_verification_e_mail_never_names_the_host(client, outbox, language):
    _sign_up(client, language)
    (message,) = outbox
    for part in (message.body, message.alternatives[0][0]):
        words = _without_links(part)
        assert "testserver" not in words
        assert "127.0.0.1" not in words
        assert "c'est" not in words and "c’est" not in words


def test_the_password_reset_e_mail_is_multipart_in_the_users_language(client, outbox):
    UserFactory(email="ana@example.org", preferred_language="fr")
    client.cookies["django_language"] = "en"  # who asks does not choose the language
    with committed():
        client.post(reverse("account_reset_password"), {"email": "ana@example.org"})
    (message,) = outbox
    assert message.subject == "[Portail VSI] Choisir un nouveau mot de passe"
    assert "/accounts/password/reset/key/" in message.body
    assert '<html lang="fr">' in message.alternatives[0][0]
    assert "/accounts/password/reset/key/" in message.alternatives[0][0]


def test_account_e_mails_link_to_the_persons_settings(client, outbox):
    _sign_up(client, "en")
    (message,) = outbox
    settings_url = settings.SITE_URL + reverse("notifications:settings")
    assert settings_url in message.body
    assert f'href="{settings_url}"' in message.alternatives[0][0]
