"""Every date a person types is bounded to 1900–2100 (vsi_portal/forms.py).

The rules count months with Python's calendar, which ends in 9999: a year typed as 9999
used to crash the mission and early-end pages (issue 14). These tests walk every form of
the portal and every form of the admin that can write, so a new date field cannot forget.
"""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation

from tests.factories import UserFactory
from vsi_portal.forms import DateField, validate_form_date

FORM_MODULES = (
    "vsi_portal.accounts.forms",
    "vsi_portal.security.forms",
    "notifications.forms",
    "associations.forms",
    "volunteers.forms",
    "missions.forms",
    "privacy.forms",
)
PROJECT = tuple(module.split(".")[0] for module in FORM_MODULES)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in FORM_MODULES:
        importlib.import_module(module)
    return sorted(
        (cls for cls in _subclasses(forms.BaseForm) if cls.__module__.startswith(PROJECT)),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def _unbounded(fields: dict[str, forms.Field]) -> list[str]:
    return [
        name
        for name, field in fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, DateField)
    ]


def test_every_date_field_of_every_form_is_bounded():
    found = {
        f"{cls.__module__}.{cls.__qualname__}": _unbounded(cls.base_fields)
        for cls in _project_forms()
    }
    assert {name: fields for name, fields in found.items() if fields} == {}
    # The walk did find the forms with dates (a broken walk would pass vacuously).
    assert "missions.forms.EndEarlyForm" in found and "volunteers.forms.ProfileForm" in found


@pytest.mark.django_db
def test_every_date_field_the_admin_lets_someone_write_is_bounded():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    unbounded = {}
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            form = model_admin.get_form(request)
            unbounded[model.__name__] = _unbounded(form.base_fields)
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)
            unbounded[f"{model.__name__} > {inline.model.__name__}"] = _unbounded(
                formset.form.base_fields
            )
    assert {name: fields for name, fields in unbounded.items() if fields} == {}
    assert "Volunteer" in unbounded


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2026, 6, 1), date(2100, 12, 31)])
def test_a_date_from_1900_to_2100_is_accepted(day):
    assert DateField().clean(day.isoformat()) == day


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter a date between Jan. 1, 1900 and Dec. 31, 2100."),
        ("fr", "Indiquez une date entre le 1er janvier 1900 et le 31 décembre 2100."),
    ],
)
@pytest.mark.parametrize("typed", ["1899-12-31", "2101-01-01", "9999-12-31", "0001-01-01"])
def test_a_date_outside_1900_to_2100_is_refused_in_the_persons_language(typed, language, message):
    with translation.override(language), pytest.raises(forms.ValidationError) as refused:
        DateField().clean(typed)
    assert refused.value.messages == [message]


def test_the_date_picker_offers_the_same_bounds():
    html = DateField(widget=forms.DateInput(attrs={"type": "date"})).widget.render("d", None)
    assert 'min="1900-01-01"' in html and 'max="2100-12-31"' in html


def test_a_text_box_gets_no_bounds_html_does_not_allow_on_it():
    assert "min" not in DateField().widget.attrs


def test_the_validator_alone_refuses_the_last_year_of_the_calendar():
    with pytest.raises(forms.ValidationError):
        validate_form_date(date(9999, 12, 31))
