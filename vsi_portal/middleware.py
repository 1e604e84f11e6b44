from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def permissions_policy(get_response: Callable[[HttpRequest], HttpResponse]):
    """Turns off browser features the portal never uses (camera, location…)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


class FrenchByDefaultLocaleMiddleware(LocaleMiddleware):
    """French unless the person chose English: with the switcher (its cookie) or,
    once signed in, as their preferred language.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a
    French public service answers in French and lets people switch, so the
    header is not consulted. Placed after AuthenticationMiddleware to read the
    signed-in person's choice.
    """

    def process_request(self, request: HttpRequest) -> None:
        offered = dict(settings.LANGUAGES)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in offered:
            user = getattr(request, "user", None)
            preferred = getattr(user, "preferred_language", None) if user else None
            language = preferred if preferred in offered else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
