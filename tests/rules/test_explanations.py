"""Explanations: every code has a plain-language text, in English and in French."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import django
import pytest
from django.conf import settings
from django.utils import translation

from vsi_portal import explanations
from vsi_portal.eligibility import Candidate, Contract, Leave, Period, Reason, Warning, check
from vsi_portal.entitlements import AllowanceProblem
from vsi_portal.explanations import (
    ALLOWANCE_TEXTS,
    EUROPEAN_SOLIDARITY_CORPS_URL,
    REASON_TEXTS,
    WARNING_TEXTS,
    explain_allowance,
    explain_reason,
    explain_verdict,
    explain_warning,
)

if not settings.configured:
    # Run alone (without the project's settings), the texts only need translation on.
    settings.configure(USE_I18N=True)
    django.setup()

SOURCE = Path(str(explanations.__file__))
FRENCH = SOURCE.parents[1] / "locale/fr/sources/rules.json"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
D = date


def msgids() -> list[str]:
    """Every string marked for translation in explanations.py."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and isinstance(node.args[0], ast.Constant)
    ]


def french() -> dict[str, str]:
    return json.loads(FRENCH.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def candidate(**changes: Any) -> Candidate:
    facts: dict[str, Any] = {
        "birth_date": D(1995, 5, 10),
        "nationalities": frozenset({"FR"}),
        "residence": "FR",
    }
    return Candidate(**(facts | changes))


def contract(**changes: Any) -> Contract:
    facts: dict[str, Any] = {"country": "SN", "start": D(2025, 9, 1), "end": D(2026, 8, 31)}
    return Contract(**(facts | changes))


# --- Completeness ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", list(Reason))
def test_every_reason_has_an_explanation(code: Reason) -> None:
    assert code in REASON_TEXTS and len(explain_reason(code)) > 40


@pytest.mark.parametrize("code", list(Warning))
def test_every_warning_has_an_explanation(code: Warning) -> None:
    assert code in WARNING_TEXTS and len(explain_warning(code)) > 40


@pytest.mark.parametrize("code", list(AllowanceProblem))
def test_every_allowance_problem_has_an_explanation(code: AllowanceProblem) -> None:
    assert code in ALLOWANCE_TEXTS and len(explain_allowance(code)) > 40


@pytest.mark.parametrize("code", list(Reason))
def test_every_reason_explains_with_full_facts(code: Reason) -> None:
    who = candidate(
        employed=True,
        leave=Leave("solidarity", D(2025, 9, 1), D(2026, 2, 28)),
        prior_missions=(Period(D(2024, 9, 1), D(2025, 9, 30)),),
    )
    text = explain_reason(code, candidate=who, contract=contract(min_age=21))
    assert "%(" not in text and text.startswith(explain_reason(code))


def test_explanations_accept_the_code_string() -> None:
    assert explain_reason("UNDER_18") == explain_reason(Reason.UNDER_18)


def test_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="NOT_A_CODE"):
        explain_reason("NOT_A_CODE")


# --- French ---------------------------------------------------------------------------------


def test_every_msgid_has_a_french_translation() -> None:
    assert set(msgids()) <= set(french())


def test_french_file_holds_no_stale_msgid() -> None:
    assert set(french()) <= set(msgids())


@pytest.mark.parametrize("msgid", msgids())
def test_french_translation_keeps_the_placeholders(msgid: str) -> None:
    assert set(PLACEHOLDER.findall(french()[msgid])) == set(PLACEHOLDER.findall(msgid))


@pytest.mark.parametrize("msgid", msgids())
def test_french_translation_is_not_the_english_text(msgid: str) -> None:
    translated = french()[msgid]
    assert translated.strip() and translated != msgid


def test_french_names_the_volunteering_and_the_corps_in_full() -> None:
    texts = " ".join(french().values())
    assert "volontariat de solidarité internationale" in texts
    assert "Corps européen de solidarité" in texts


# --- Specifics drawn from the facts ---------------------------------------------------------


def test_under_18_gives_the_date_from_which_to_sign() -> None:
    text = explain_reason(Reason.UNDER_18, candidate=candidate(birth_date=D(2008, 2, 29)))
    assert "2026-03-01" in text


def test_below_min_age_gives_the_age_and_its_date() -> None:
    who = candidate(birth_date=D(2005, 3, 15))
    text = explain_reason(Reason.BELOW_MIN_AGE, candidate=who, contract=contract(min_age=21))
    assert "21" in text and "2026-03-15" in text


def test_leave_explanation_gives_both_leave_and_contract_dates() -> None:
    who = candidate(employed=True, leave=Leave("solidarity", D(2025, 9, 1), D(2026, 2, 28)))
    text = explain_reason(Reason.LEAVE_DOES_NOT_COVER_CONTRACT, candidate=who, contract=contract())
    assert all(day in text for day in ("2025-09-01", "2026-02-28", "2026-08-31"))


def test_employed_explanation_gives_the_dates_the_leave_must_cover() -> None:
    text = explain_reason(Reason.EMPLOYED, contract=contract())
    assert "2025-09-01" in text and "2026-08-31" in text


def test_two_year_explanation_gives_the_last_possible_day() -> None:
    text = explain_reason(Reason.CONTRACT_OVER_2_YEARS, contract=contract(end=D(2027, 9, 1)))
    assert "2027-08-31" in text


def test_lifetime_cap_explanation_gives_the_days_left_and_latest_end() -> None:
    who = candidate(prior_missions=(Period(D(2010, 1, 1), D(2015, 1, 1)),))  # 1827 days
    text = explain_reason(Reason.LIFETIME_CAP_EXCEEDED, candidate=who, contract=contract())
    assert "364" in text and "2026-08-30" in text


def test_lifetime_cap_explanation_says_when_no_day_is_left() -> None:
    who = candidate(prior_missions=(Period(D(2010, 1, 1), D(2016, 12, 31)),))
    text = explain_reason(Reason.LIFETIME_CAP_EXCEEDED, candidate=who)
    assert "already reached" in text


def test_overlap_explanation_names_the_prior_mission() -> None:
    who = candidate(prior_missions=(Period(D(2024, 9, 1), D(2025, 9, 30)),))
    text = explain_reason(Reason.OVERLAPS_PRIOR_MISSION, candidate=who, contract=contract())
    assert "2024-09-01" in text and "2025-09-30" in text


@pytest.mark.parametrize(
    ("explain", "code"),
    [
        (explain_reason, Reason.EU_EEA_DESTINATION),
        (explain_reason, Reason.FRANCE_RECIPROCITY_NOT_MET),
        (explain_warning, Warning.EUROPEAN_SOLIDARITY_CORPS),
    ],
)
def test_european_solidarity_corps_is_linked(explain: Any, code: str) -> None:
    assert EUROPEAN_SOLIDARITY_CORPS_URL in explain(code)


def test_dates_follow_the_given_format() -> None:
    text = explain_reason(
        Reason.UNDER_18,
        candidate=candidate(birth_date=D(2007, 9, 2)),
        format_date=lambda day: day.strftime("%d/%m/%Y"),
    )
    assert "02/09/2025" in text


def test_allowance_explanation_quotes_the_amount() -> None:
    assert "149" in explain_allowance(AllowanceProblem.ALLOWANCE_BELOW_MINIMUM, amount=149)


def test_verdict_is_explained_reason_by_reason_then_warning() -> None:
    who, mission = candidate(), contract(country="DE")
    pairs = explain_verdict(check(who, mission), candidate=who, contract=mission)
    assert [code for code, _text in pairs] == ["EU_EEA_DESTINATION", "EUROPEAN_SOLIDARITY_CORPS"]


def test_explanations_load_without_settings() -> None:
    script = (
        "import vsi_portal.explanations\n"
        "from django.conf import settings\n"
        "assert not settings.configured\n"
    )
    root = SOURCE.parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env={"PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
