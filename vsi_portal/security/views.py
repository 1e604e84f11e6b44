"""Two-factor pages (account area) and the public privacy page."""

from __future__ import annotations

import base64
import io
from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from . import services
from .errors import TwoFactorError
from .forms import TokenForm
from .selectors import TWO_FACTOR_SESSION_KEY

ISSUER = "VSI Portal"


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _otpauth_url(device, user) -> str:
    # django-otp's config_url names the account by username; ours is the e-mail.
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    label = quote(f"{ISSUER}:{user.email}")
    query = urlencode(
        {"secret": secret, "issuer": ISSUER, "digits": device.digits, "period": device.step}
    )
    return f"otpauth://totp/{label}?{query}"


@login_required
@require_GET
def two_factor(request: HttpRequest) -> HttpResponse:
    device = services.confirmed_totp_device(request.user)
    form = (
        TokenForm(
            submit_label=_("Turn off two-factor authentication"),
            action=reverse("security:two_factor_disable"),
        )
        if device is not None and not request.user.is_staff
        else None
    )
    return render(request, "security/two_factor.html", {"device": device, "disable_form": form})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if services.confirmed_totp_device(request.user) is not None:
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("security:two_factor")
    form = TokenForm(request.POST or None, submit_label=_("Turn on two-factor authentication"))
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_device_confirm(
                user=request.user, token=form.cleaned_data["token"], request=request
            )
        except TwoFactorError as error:
            form.add_error("token", error.message)
        else:
            otp_login(request, device)
            request.session[TWO_FACTOR_SESSION_KEY] = True
            messages.success(
                request,
                _("Two-factor authentication is on: you will type a code at each login."),
            )
            return redirect(_next_url(request, reverse("security:two_factor")))
    device = services.totp_device_start(user=request.user)
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    otpauth = _otpauth_url(device, request.user)
    context = {
        "form": form,
        "qr_code": _qr_data_uri(otpauth),
        "secret": _grouped(secret),
        "next": _next_url(request, ""),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "security/two_factor_setup.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    default_next = reverse("admin:index") if request.user.is_staff else reverse("home")
    next_url = _next_url(request, default_next)
    if request.user.is_verified():
        return redirect(next_url)
    if services.confirmed_totp_device(request.user) is None:
        # The device was removed (e.g. by an administrator after a lost phone).
        request.session[TWO_FACTOR_SESSION_KEY] = False
        return redirect(next_url)
    form = TokenForm(request.POST or None, submit_label=_("Verify"))
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_device_check(user=request.user, token=form.cleaned_data["token"])
        except TwoFactorError as error:
            form.add_error("token", error.message)
        else:
            otp_login(request, device)
            return redirect(next_url)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "security/two_factor_verify.html", {"form": form, "next": next_url}, status=status
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Type the six digits your app shows."))
        return redirect("security:two_factor")
    try:
        services.totp_device_remove(
            user=request.user, token=form.cleaned_data["token"], request=request
        )
    except TwoFactorError as error:
        messages.error(request, error.message)
        return redirect("security:two_factor")
    request.session[TWO_FACTOR_SESSION_KEY] = False
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("security:two_factor")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "unverified_days": settings.RETENTION_UNVERIFIED_DAYS,
        "inactive_years": settings.RETENTION_INACTIVE_YEARS,
        "axes_cooloff_hours": settings.AXES_COOLOFF_TIME,
        "login_records_days": settings.RETENTION_LOGIN_RECORDS_DAYS,
        "audit_years": settings.RETENTION_AUDIT_YEARS,
        "unchecked_extract_days": settings.RETENTION_UNCHECKED_CRIMINAL_RECORD_DAYS,
    }
    return render(request, "security/privacy.html", context)
