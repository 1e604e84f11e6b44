"""Checks on what an association declares: its legal identifier and its logo."""

from __future__ import annotations

import contextlib
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

SIRET_RE = re.compile(r"^\d{14}$")
RNA_RE = re.compile(r"^W\d{9}$")
# La Poste's establishments share the SIREN 356 000 000, whose SIRET numbers
# follow another key (sum of the digits divisible by 5) instead of Luhn.
LA_POSTE_SIREN = "356000000"

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"JPEG", "PNG", "WEBP"}


def normalize_legal_identifier(value: str) -> str:
    """Removes spaces, dots and dashes people type, and upper-cases an RNA's W."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siret_valid(value: str) -> bool:
    if not SIRET_RE.match(value):
        return False
    if value.startswith(LA_POSTE_SIREN):
        return sum(int(c) for c in value) % 5 == 0
    return luhn_valid(value)


def validate_legal_identifier(value: str) -> None:
    value = normalize_legal_identifier(value)
    if RNA_RE.match(value):
        return
    if SIRET_RE.match(value):
        if not siret_valid(value):
            raise ValidationError(
                _("This SIRET number is not valid: check its 14 digits."), code="siret_checksum"
            )
        return
    raise ValidationError(
        _("Enter a SIRET number (14 digits) or an RNA number (W followed by 9 digits)."),
        code="legal_identifier",
    )


def validate_logo(file) -> None:
    """A real JPEG, PNG or WebP image of 2 MB at most (Pillow reads it, not its name)."""
    if file is None:
        return
    size = getattr(file, "size", None)
    if size is not None and size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo must be 2 MB at most."), code="logo_too_large")
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The logo must be a JPEG, PNG or WebP image."), code="logo_not_image"
        ) from None
    finally:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            file.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be a JPEG, PNG or WebP image."), code="logo_format")
