"""Geography: valid codes, the EU and the EEA, territories judged as their State."""

from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType

import pytest

from vsi_portal import eligibility, entitlements, geography
from vsi_portal.geography import (
    EEA,
    EU,
    ISO_3166_ALPHA2,
    codes_judged_as,
    in_eea,
    is_country_code,
    sovereign_state,
    validate_code,
)

SPEC_TERRITORIES = {
    **dict.fromkeys("GP MQ GF RE YT MF BL PM PF NC WF TF".split(), "FR"),
    **dict.fromkeys("GL FO".split(), "DK"),
    **dict.fromkeys("AW CW SX BQ".split(), "NL"),
    "AX": "FI",
    **dict.fromkeys("SJ BV".split(), "NO"),
}


def test_all_249_assigned_codes_are_known() -> None:
    assert len(ISO_3166_ALPHA2) == 249


def test_every_code_is_two_upper_case_letters() -> None:
    assert all(len(code) == 2 and code.isalpha() and code.isupper() for code in ISO_3166_ALPHA2)


SPEC_EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"


def test_eu_has_27_member_states() -> None:
    assert set(SPEC_EU.split()) == EU


def test_eea_is_the_eu_plus_iceland_liechtenstein_and_norway() -> None:
    assert {"IS", "LI", "NO"} == EEA - EU
    assert EU <= EEA


@pytest.mark.parametrize("code", ["CH", "GB"])
def test_switzerland_and_the_uk_are_in_neither(code: str) -> None:
    assert code not in EU and code not in EEA


@pytest.mark.parametrize(("territory", "state"), sorted(SPEC_TERRITORIES.items()))
def test_territory_is_judged_as_its_sovereign_state(territory: str, state: str) -> None:
    assert sovereign_state(territory) == state


@pytest.mark.parametrize("code", sorted(ISO_3166_ALPHA2 - SPEC_TERRITORIES.keys()))
def test_any_other_code_is_its_own_state(code: str) -> None:
    assert sovereign_state(code) == code


def test_codes_judged_as_france_are_france_and_its_territories() -> None:
    assert codes_judged_as({"FR"}) == {"FR", *"GP MQ GF RE YT MF BL PM PF NC WF TF".split()}


def test_codes_judged_as_several_states() -> None:
    assert codes_judged_as(["DK", "SN"]) == {"DK", "GL", "FO", "SN"}


def test_codes_judged_as_the_eea_but_france_include_its_territories() -> None:
    codes = codes_judged_as(EEA - {"FR"})
    assert {"AW", "CW", "SX", "BQ", "GL", "FO", "AX", "SJ", "BV"} <= codes
    assert not codes & codes_judged_as({"FR"})


def test_codes_judged_as_nothing_is_empty() -> None:
    assert codes_judged_as([]) == frozenset()


@pytest.mark.parametrize("code", sorted(ISO_3166_ALPHA2))
def test_every_code_is_judged_as_its_state(code: str) -> None:
    assert code in codes_judged_as({sovereign_state(code)})


@pytest.mark.parametrize(("code", "expected"), [("RE", True), ("GL", True), ("CH", False)])
def test_in_eea_judges_territories_as_their_state(code: str, expected: bool) -> None:
    assert in_eea(code) is expected


@pytest.mark.parametrize("code", ["fr", "Fr", "XX", "UK", "EU", "FRA", "", None, 33])
def test_invalid_code_is_not_a_country_code(code: object) -> None:
    assert not is_country_code(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("fr", r"mission\.country: 'fr' is not an upper-case .*did you mean 'FR'"),
        ("XX", r"mission\.country: 'XX' is not an upper-case ISO 3166-1 alpha-2 code$"),
        (None, r"mission\.country: None"),
    ],
)
def test_validate_code_names_the_field(code: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_code(code, "mission.country")


def test_sovereign_state_refuses_a_lower_case_code() -> None:
    with pytest.raises(ValueError, match="country"):
        sovereign_state("re")


def test_codes_judged_as_refuses_an_unknown_state() -> None:
    with pytest.raises(ValueError, match="states"):
        codes_judged_as({"ZZ"})


@pytest.mark.parametrize("module", [geography, eligibility, entitlements], ids=lambda m: m.__name__)
def test_pure_module_imports_no_django(module: ModuleType) -> None:
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [str(node.module) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in imported if name.split(".")[0] in {"django", "django_countries"}]
