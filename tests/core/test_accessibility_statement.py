"""The accessibility statement (/accessibility/, vsi_portal/views.py), linked from every page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def test_the_statement_is_in_french_by_default(client: Client):
    response = client.get(reverse("accessibility"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in page
    assert "<h1>Déclaration d’accessibilité</h1>" in page
    assert "<strong>partiellement conforme</strong>" in page
    assert "(RGAA) version 4.1" in page


def test_the_statement_is_in_english_once_chosen(client: Client):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("accessibility")).content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Accessibility statement</h1>" in page
    assert "<strong>partially compliant</strong>" in page


def test_the_statement_says_how_the_portal_was_tested(client: Client):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("accessibility")).content.decode()
    for words in ("axe-core", "keyboard alone", "JavaScript turned off", "320 to 1920 pixels"):
        assert words in page


def test_the_statement_lists_the_known_gaps(client: Client):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("accessibility")).content.decode()
    assert "not tagged PDFs" in page
    assert "screen reader" in page


def test_the_statement_gives_a_contact_and_the_recourse(client: Client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "a11y@example.org"
    page = client.get(reverse("accessibility")).content.decode()
    assert 'href="mailto:a11y@example.org"' in page
    assert "Défenseur des droits" in page
    assert "https://formulaire.defenseurdesdroits.fr/" in page


def test_every_page_links_to_the_statement_with_its_status_in_the_footer(client: Client):
    page = client.get("/").content.decode()
    footer = page.split("<footer", 1)[1]
    assert f'href="{reverse("accessibility")}"' in footer
    assert f"Accessibilité{NBSP}: partiellement conforme" in footer


def test_the_statement_is_in_the_sitemap(client: Client):
    assert "/accessibility/</loc>" in client.get("/sitemap.xml").content.decode()
