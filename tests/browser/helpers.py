"""What the journeys share: labels in the page's language, logging in, switching language.

Labels are looked up in the portal's own catalogue (`tr`), so one journey reads the
French page with the French words and the English page with the English words, and a
label missing from the catalogue shows up as a failed journey in French.
"""

from __future__ import annotations

import re
from datetime import date

from django.core import mail
from django.utils import translation

from tests.factories import PASSWORD, reference_languages

LANGUAGES = ("fr", "en")


class Labels:
    """Translates msgids into the journey's language, as the page shows them."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, msgid: str, **values) -> str:
        with translation.override(self.language):
            text = translation.gettext(msgid)
        return text % values if values else text

    def plural(self, singular: str, plural: str, count: int, **values) -> str:
        with translation.override(self.language):
            text = translation.ngettext(singular, plural, count)
        return text % values if values else text

    def cap(self, msgid: str) -> str:
        text = self(msgid)
        return text[:1].upper() + text[1:]

    def exact(self, msgid: str) -> re.Pattern:
        """The whole accessible name, ignoring a required-field star."""
        return re.compile(rf"^\s*{re.escape(self.cap(msgid))}\s*\*?\s*$")


def languages() -> None:
    """Transactional tests flush the tables, the languages loaded by a migration included."""
    reference_languages()


def switch_language(page, language: str) -> None:
    """Clicks the header switcher when the page is not in `language` yet."""
    if page.locator("html").get_attribute("lang") == language:
        return
    name = {"en": "English", "fr": "Français"}[language]
    page.get_by_role("button", name=re.compile(rf"^{name}")).click()
    page.audit()
    assert page.locator("html").get_attribute("lang") == language


def log_in(page, t: Labels, email: str, password: str = PASSWORD, *, start: str = "/") -> None:
    """From `start`, follows the header's log-in link and signs in."""
    page.goto(start)
    page.audit()
    switch_language(page, t.language)
    page.get_by_role("link", name=t("Log in"), exact=True).first.click()
    page.audit()
    page.get_by_label(t.exact("Email")).fill(email)
    page.get_by_label(t.exact("Password")).fill(password)
    page.get_by_role("button", name=t("Sign In")).click()
    page.audit()


def open_account_menu(page) -> None:
    """Unfolds the header's account menu (a <details>) unless it is open."""
    menu = page.locator("details.account-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()


def log_out(page, t: Labels) -> None:
    open_account_menu(page)
    page.get_by_role("button", name=t("Log out")).click()
    page.audit()


def last_link(path_pattern: str, recipient: str) -> str:
    """The path of the last link matching `path_pattern` e-mailed to `recipient`."""
    for message in reversed(mail.outbox):
        if recipient in message.to:
            found = re.search(rf"https?://[^/\s]+({path_pattern})", message.body)
            if found:
                return found.group(1)
    raise AssertionError(f"no e-mail to {recipient} holds a link like {path_pattern}")


def iso(day: date) -> str:
    return day.isoformat()
