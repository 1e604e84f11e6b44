from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from vsi_portal.accounts.services import user_set_preferred_language


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


# The day the accessibility statement was last checked against the portal: written again
# with the statement whenever the tests or the known gaps it lists change.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 5)


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (France's "déclaration d'accessibilité", RGAA 4.1)."""
    return render(
        request,
        "accessibility.html",
        {
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "site_url": settings.SITE_URL,
        },
    )


# What crawlers leave alone: a person's space, the staff's, the accounts, the admin, and
# pages that only answer a form. The rest (home, search and its feed, missions,
# associations, privacy) is public.
ROBOTS_DISALLOWED = (
    "/admin/",
    "/accounts/",
    "/account/",
    "/me/",
    "/notifications/",
    "/i18n/",
    "/certificates/",
    "/missions/manage/",
    "/missions/saved/",
    "/missions/my-applications/",
    "/missions/my-contracts/",
    "/missions/contracts/",
    "/missions/*/apply/",
    "/associations/staff/",
    "/associations/register/",
    "/associations/invitations/",
    "/associations/*/manage/",
)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """What search engines may crawl, and where the sitemap is (a protocol's file: no words
    to translate)."""
    lines = [
        "User-agent: *",
        # The closed paths first: a crawler reading the first rule that matches stops there.
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED),
        "Allow: /",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switches the page language, and remembers it for a signed-in person's e-mails."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in {"fr", "en"}:
        user_set_preferred_language(user=request.user, language=language)
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """allauth's rate limits (sign-up, login, password reset) answer with this page."""
    return render(
        request,
        "429.html",
        {"reset_emails_per_day": settings.PASSWORD_RESET_EMAILS_PER_DAY},
        status=429,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that could fail again: the page must always render.
    return render(request, "500.html", status=500)
