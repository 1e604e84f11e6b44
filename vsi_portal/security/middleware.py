"""At the door: two-factor authentication, private pages kept out of caches, and a cap on
the size of a request's body.

Two-factor authentication (`two_factor_required`): after
`django_otp.middleware.OTPMiddleware` (which tells whether the session was verified with a
device), it:

- sends France Volontaires staff to the code page (or, without a device, to the set-up
  page) for every page of the Django admin until their session is verified;
- sends anyone who turned two-factor authentication on to the code page for every page
  except the code page itself, logging out, the language switch, the privacy page and
  static files, until they typed a code.

Whether the person has a device is read at login into the session (`receivers.py`), so
pages cost no query for it.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .selectors import TWO_FACTOR_SESSION_KEY, has_confirmed_device


def _open_paths() -> tuple[str, ...]:
    return (
        reverse("security:two_factor_verify"),
        reverse("account_logout"),
        reverse("set_language"),
        reverse("security:privacy"),
        settings.STATIC_URL,
    )


def two_factor_required(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return get_response(request)
        if request.path.startswith(_open_paths()):
            return get_response(request)
        has_device = request.session.get(TWO_FACTOR_SESSION_KEY)
        if has_device is None:  # a session opened before this check existed
            has_device = has_confirmed_device(user)
            request.session[TWO_FACTOR_SESSION_KEY] = has_device
        if has_device:
            target = reverse("security:two_factor_verify")
        elif user.is_staff and request.path.startswith(reverse("admin:index")):
            messages.info(
                request,
                _("The administration requires two-factor authentication: set it up first."),
            )
            target = reverse("security:two_factor_setup")
        else:
            return get_response(request)
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseRedirect(target)

    return middleware


def private_pages_not_stored(get_response: Callable[[HttpRequest], HttpResponse]):
    """`Cache-Control: private, no-store` on every response to a signed-in person.

    Their pages carry personal data (profiles, applications, contracts): no shared cache
    (a proxy) may keep them, and the browser may not write them to disk for the next person
    at the same computer. Anonymous pages are left alone: the public search and mission
    pages are the same for everyone and may be cached. A person who signs in or out during
    the request counts as signed in for that response.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        response = get_response(request)
        user = getattr(request, "user", None)
        if signed_in or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def request_body_limit(get_response: Callable[[HttpRequest], HttpResponse]):
    """Refuses a request whose declared body is larger than `REQUEST_BODY_MAX_BYTES`, before
    anything reads it, with a page in the person's language (413).

    Django's own limits (`DATA_UPLOAD_MAX_MEMORY_SIZE`) leave out uploaded files, which it
    streams to a temporary file whatever their size; this stops a 1 GB "document" at the
    door. Placed after the locale middleware (the page is translated) and before anything
    that reads the body (CSRF, the views). The proxy in front refuses the same size first
    (docs/deployment.md).
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return render(
                request,
                "security/request_too_large.html",
                {"max_megabytes": settings.REQUEST_BODY_MAX_BYTES // (1024 * 1024)},
                status=413,
            )
        return get_response(request)

    return middleware
