"""What a person types is refused on its field, with the allowed range in the message:
database constraints (``vsi_portal.db.FieldCheckConstraint``), number bounds
(``vsi_portal.forms.ModelNumberBounds``) and text lengths counted as the browser counts them
(``vsi_portal.forms.TextField``)."""

from __future__ import annotations

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.utils import translation

from associations.forms import AssociationForm
from missions.forms import ApplicationForm, MissionForm
from tests.core.test_form_dates import _project_forms
from vsi_portal.db import FieldCheckConstraint
from vsi_portal.forms import TextField, browser_length

PROJECT_APPS = ("associations", "volunteers", "missions", "notifications", "accounts", "security")


def _mission_data(**changes) -> dict:
    return {
        "title": "Appui scolaire",
        "summary": "Aider les enseignants.",
        "description": "Une mission.",
        "domain": "teaching",
        "country": "SN",
        "start_on": "2030-06-01",
        "end_on": "2031-05-31",
        "allowance_eur": "500",
        "places": "1",
        "min_age": "18",
        "application_deadline": "2030-05-01",
        **changes,
    }


def _errors(form: forms.BaseForm, language: str = "en") -> dict[str, list[str]]:
    with translation.override(language):
        form.is_valid()
        return {field: list(messages) for field, messages in form.errors.items()}


# --- Database constraints --------------------------------------------------------------------


def test_every_check_constraint_names_its_field_and_its_words():
    loose = [
        f"{model.__name__}.{constraint.name}"
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for constraint in model._meta.constraints
        if isinstance(constraint, models.CheckConstraint)
        and not (
            isinstance(constraint, FieldCheckConstraint)
            and constraint.violation_error_message != constraint.default_violation_error_message
        )
    ]
    assert loose == []


@pytest.mark.django_db
def test_a_mission_ending_before_it_starts_gets_an_error_on_its_end_date():
    errors = _errors(MissionForm(data=_mission_data(end_on="2030-01-01")))
    assert errors == {"end_on": ["The mission cannot end before it starts."]}


@pytest.mark.django_db
def test_the_end_date_error_is_in_french_on_a_french_page():
    errors = _errors(MissionForm(data=_mission_data(end_on="2030-01-01")), "fr")
    assert errors == {"end_on": ["La mission ne peut pas se terminer avant d’avoir commencé."]}


@pytest.mark.django_db
def test_no_form_shows_a_constraint_by_its_name():
    form = MissionForm(data=_mission_data(end_on="2030-01-01", places="0", min_age="17"))
    text = str(_errors(form))
    assert "mission_" not in text and "onstraint" not in text


# --- Number bounds ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("places", "500", "Offer between 1 and 100 places: for more, publish several missions."),
        ("places", "0", "Offer between 1 and 100 places: for more, publish several missions."),
        (
            "min_age",
            "99",
            "Set a minimum age between 18 and 30: the law asks for 18, and some associations "
            "for 21.",
        ),
        (
            "min_age",
            "17",
            "Set a minimum age between 18 and 30: the law asks for 18, and some associations "
            "for 21.",
        ),
        (
            "allowance_eur",
            "1000000",
            "The monthly allowance is at most €10,000: check the amount, in whole euros per month.",
        ),
    ],
)
def test_a_mission_number_out_of_its_range_is_refused_with_the_range(field, value, message):
    errors = _errors(MissionForm(data=_mission_data(**{field: value})))
    assert errors == {field: [message]}


@pytest.mark.django_db
def test_the_allowance_bound_is_written_the_french_way():
    errors = _errors(MissionForm(data=_mission_data(allowance_eur="1000000")), "fr")
    assert "10\u00a0000\u00a0€ au plus" in errors["allowance_eur"][0]


def test_the_mission_form_inputs_carry_their_ranges():
    form = MissionForm()
    assert 'min="1" max="100"' in str(form["places"])
    assert 'min="18" max="30"' in str(form["min_age"])
    assert 'max="10000"' in str(form["allowance_eur"])


def test_the_association_form_input_carries_the_minimum_age_range():
    assert 'min="18" max="30"' in str(AssociationForm()["min_volunteer_age"])


# Bounded when built, by the object they are about (tested with their form).
BOUNDED_BY_THEIR_OBJECT = {"LeaveTakenForm.leave_days_taken"}  # the contract's entitlement


def test_every_number_a_person_types_in_a_form_has_an_upper_bound():
    unbounded = [
        f"{cls.__qualname__}.{name}"
        for cls in _project_forms()
        if not issubclass(cls, forms.ModelForm)  # bounded by their model: tests above
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.IntegerField | forms.DecimalField) and field.max_value is None
    ]
    assert set(unbounded) - BOUNDED_BY_THEIR_OBJECT == set()


# --- Lengths as the browser counts them ------------------------------------------------------


def test_a_line_break_counts_once():
    assert browser_length("a\r\nb") == 3
    assert browser_length("a\rb\nc") == 5


def test_a_motivation_the_browser_accepts_at_5000_characters_is_accepted():
    motivation = "Une ligne.\r\n" * 454 + "x" * 6  # 5,000 as the browser counts, 5,454 sent
    form = ApplicationForm(data={"motivation": motivation})
    assert form.is_valid()
    assert browser_length(form.cleaned_data["motivation"]) == 5000
    assert "\r" not in form.cleaned_data["motivation"]


def test_a_motivation_one_character_over_is_refused_with_both_counts():
    motivation = "Une ligne.\r\n" * 454 + "x" * 7
    errors = _errors(ApplicationForm(data={"motivation": motivation}))
    assert errors == {
        "motivation": ["Ensure this value has at most 5000 characters (it has 5001)."]
    }


def test_the_textarea_says_its_maxlength_to_the_browser():
    assert 'maxlength="5000"' in str(ApplicationForm()["motivation"])


def test_every_textarea_of_every_form_counts_as_the_browser_does():
    loose = [
        f"{cls.__qualname__}.{name}"
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field.widget, forms.Textarea) and not isinstance(field, TextField)
    ]
    assert loose == []
