from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from vsi_portal.outbox.services import Email, outbox_write

from .addresses import normalise_email
from .login_destinations import login_destination

# Account e-mails anyone can make the portal send to an address they do not own (a sign-up
# with a known address, a password reset for an unknown one): they count in the address's
# hourly budget. The others (verification, reset links, security notices) never wait.
NON_ESSENTIAL = frozenset({"account_already_exists", "unknown_account"})


def portal_site() -> SimpleNamespace:
    """The site as allauth's templates name it: "Portail VSI" / "VSI Portal" in the active
    language, at SITE_URL's host. Without django.contrib.sites, allauth would take the
    request's host for both (a verification e-mail greeting "c'est 127.0.0.1:8000 !")."""
    return SimpleNamespace(
        name=gettext("VSI Portal"), domain=urlsplit(settings.SITE_URL).netloc or "vsi-portal"
    )


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        # The portal's forms already normalise what is typed (allauth_forms.py); this
        # covers allauth's own paths that read an address without them.
        return normalise_email(super().clean_email(email))

    def get_login_redirect_url(self, request) -> str:
        """Without a ``next``: where an app leads this person (an incomplete volunteer
        profile to its form), else ``LOGIN_REDIRECT_URL``."""
        return login_destination(request.user) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request) -> str:
        """The same after signing up (once logged in: after the e-mail is confirmed)."""
        if request.user.is_authenticated:
            destination = login_destination(request.user)
            if destination:
                return destination
        return super().get_signup_redirect_url(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's e-mail, in the language the person chose (not that of whoever
        triggered it), written to the outbox: a mail server or broker that does not
        answer delays it, never fails the page. Its words and layout are the portal's
        (templates/account/email/: every kind has a text and an HTML part)."""
        user = context.get("user")
        language = (
            getattr(user, "preferred_language", None)
            or translation.get_language()
            or settings.LANGUAGE_CODE
        )
        request = allauth_context.request
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    **context,
                    "current_site": portal_site(),
                },
            )
        html = next(
            (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"),
            "",
        )
        name = template_prefix.rsplit("/", 1)[-1]
        outbox_write(
            emails=[
                Email(
                    to=email,
                    subject=message.subject,
                    text=message.body,
                    html=html,
                    language=language,
                    kind=f"account.{name}",
                    essential=name not in NON_ESSENTIAL,
                )
            ]
        )

    def format_email_subject(self, subject: str) -> str:
        """ "[Portail VSI] ..." or "[VSI Portal] ...", in the e-mail's language."""
        return f"[{gettext('VSI Portal')}] {subject}"
