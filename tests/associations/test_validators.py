"""SIRET (Luhn, La Poste's exception) and RNA numbers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from associations.validators import (
    luhn_valid,
    normalize_legal_identifier,
    siret_valid,
    validate_legal_identifier,
)


def _with_check_digit(body: str) -> str:
    return next(body + str(d) for d in range(10) if luhn_valid(body + str(d)))


@pytest.mark.parametrize(
    "value", ["73282932000074", "732 829 320 00074", "W751234567", "w751234567", "35600000049837"]
)
def test_valid_identifiers_pass(value):
    validate_legal_identifier(value)


@pytest.mark.parametrize(
    "value", ["73282932000075", "7328293200007", "W75123456", "X751234567", "", "SIRET"]
)
def test_invalid_identifiers_fail(value):
    with pytest.raises(ValidationError):
        validate_legal_identifier(value)


def test_normalizing_removes_spaces_dots_and_dashes():
    assert normalize_legal_identifier(" 732.829.320-00074 ") == "73282932000074"


@given(
    st.text(alphabet="0123456789", min_size=13, max_size=13).filter(lambda s: s[:9] != "356000000")
)
def test_every_body_has_exactly_one_luhn_check_digit(body):
    valid = [d for d in range(10) if siret_valid(body + str(d))]
    assert len(valid) == 1


@given(
    st.text(alphabet="0123456789", min_size=13, max_size=13).filter(lambda s: s[:9] != "356000000"),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=1, max_value=9),
)
def test_changing_one_digit_breaks_the_check(body, position, shift):
    siret = _with_check_digit(body)
    changed = siret[:position] + str((int(siret[position]) + shift) % 10) + siret[position + 1 :]
    assert not siret_valid(changed)
