"""Every e-mail of the portal, allauth's included, in the one branded layout
(templates/outbox/emails/base.html and base.txt): text and HTML, in the language it is
rendered in, with why the person receives it and a link to their settings.

The e-mails are found from their templates (``templates/<app>/emails/<name>.html``, allauth's
``templates/account/email/<kind>_message.html``), so a new e-mail is checked by being written.
"""

from __future__ import annotations

import re
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

TEMPLATES = Path(settings.BASE_DIR) / "templates"
ALLAUTH_EMAILS = Path(allauth.__file__).parent / "templates" / "account" / "email"
BRAND = {"fr": "Portail VSI", "en": "VSI Portal"}
REASON = {"fr": "Vous recevez", "en": "You receive"}
# A rendering context wide enough for every e-mail's template (counts must be numbers).
CONTEXT = {
    "days_left": 3,
    "premium_days_left": 3,
    "association": {"name": "Solidarité Sahel"},
    "mission": {"title": "Enseignant de français"},
    "user": {"get_short_name": "Léa"},
    "email": "lea@example.org",
    "activate_url": "https://portal.example/accounts/confirm-email/abc/",
    "password_reset_url": "https://portal.example/accounts/password/reset/key/abc/",
    "signup_url": "https://portal.example/accounts/signup/",
}


def _email_templates() -> list[str]:
    """Every e-mail's name, ``<folder>/<name>`` without the extension."""
    found = [
        *TEMPLATES.glob("*/emails/*.html"),
        *TEMPLATES.glob("account/email/*_message.html"),
    ]
    return sorted(
        str(path.relative_to(TEMPLATES).with_suffix(""))
        for path in found
        if not path.name.startswith("_") and path.stem != "base" and "base_" not in path.stem
    )


EMAILS = _email_templates()


def _render(name: str, language: str) -> tuple[str, str]:
    with translation.override(language):
        return render_to_string(f"{name}.txt", CONTEXT), render_to_string(f"{name}.html", CONTEXT)


def test_the_portal_has_e_mails_of_every_app_and_of_allauth():
    folders = {name.split("/")[0] for name in EMAILS}
    assert {"account", "associations", "missions", "outbox"} <= folders


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", EMAILS)
def test_every_e_mail_has_a_branded_text_and_html_part_in_its_language(name, language):
    text, html = _render(name, language)
    assert text.startswith(BRAND[language])
    assert REASON[language] in text
    assert f'<html lang="{language}">' in html
    assert BRAND[language] in html
    assert REASON[language] in html


@pytest.mark.parametrize("name", EMAILS)
def test_every_e_mail_links_to_the_persons_settings(name):
    settings_url = settings.SITE_URL + reverse("notifications:settings")
    text, html = _render(name, "en")
    assert settings_url in text
    assert f'href="{settings_url}"' in html


@pytest.mark.parametrize("name", EMAILS)
def test_no_e_mail_loads_a_remote_resource(name):
    _text, html = _render(name, "fr")
    assert not re.search(r"<img|<link|<script|<iframe|\bsrc=|url\(|@import", html, re.I)


@pytest.mark.parametrize("name", EMAILS)
def test_every_e_mail_styles_inline(name):
    _text, html = _render(name, "fr")
    assert "<style" not in html
    assert 'style="' in html


ALLAUTH_KINDS = sorted(
    path.name.removesuffix("_message.txt")
    for path in ALLAUTH_EMAILS.glob("*_message.txt")
    if not path.name.startswith("base_")
)


@pytest.mark.parametrize("kind", ALLAUTH_KINDS)
def test_every_allauth_e_mail_has_the_portals_own_templates(kind):
    for suffix in ("_subject.txt", "_message.txt", "_message.html"):
        assert (TEMPLATES / "account" / "email" / f"{kind}{suffix}").exists(), kind + suffix
