"""Two-factor authentication at the door.

After `django_otp.middleware.OTPMiddleware` (which tells whether the session was verified
with a device), this middleware:

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
from django.urls import reverse
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
