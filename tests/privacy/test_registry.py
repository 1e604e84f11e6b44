"""The registry of personal data holders: complete, in an order that works, each part used."""

from __future__ import annotations

import dataclasses
import importlib.util
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from missions import personal_data as missions_data
from missions.models import Application
from privacy import registry, services
from privacy.errors import AccountDeletionRefused
from tests.factories import ApplicationFactory, ContractFactory, MembershipFactory, VolunteerFactory
from tests.volunteers.factories import PriorMissionFactory, document
from volunteers import personal_data as volunteers_data
from volunteers.models import Volunteer

ROOT = Path(__file__).resolve().parents[2]
HOLDER_LABELS = [holder.app_label for holder in registry.HOLDERS]


def _project_apps():
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
        and ".venv" not in Path(config.path).parts
    ]


def _has_personal_data_module(config) -> bool:
    return importlib.util.find_spec(f"{config.name}.personal_data") is not None


def _points_at_accounts(config) -> bool:
    user_model = get_user_model()
    for model in config.get_models():
        if model is user_model:
            return True
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user_model:
                return True
    return False


# --- Every holder is known --------------------------------------------------------------------


def test_every_app_with_a_personal_data_module_is_a_holder():
    with_module = {config.label for config in _project_apps() if _has_personal_data_module(config)}
    assert with_module == set(HOLDER_LABELS)


def test_every_holders_parts_come_from_its_apps_personal_data_module():
    for holder in registry.HOLDERS:
        module = f"{apps.get_app_config(holder.app_label).name}.personal_data"
        parts = [getattr(holder, f.name) for f in dataclasses.fields(holder)[1:]]
        assert any(parts), holder.app_label
        for part in parts:
            if part is not None:
                assert part.__module__ == module, (holder.app_label, part)


def test_every_app_whose_models_point_at_an_account_is_a_holder_or_says_why():
    pointing = {config.label for config in _project_apps() if _points_at_accounts(config)}
    assert pointing == set(HOLDER_LABELS) | set(registry.NOT_HOLDERS)
    assert not set(HOLDER_LABELS) & set(registry.NOT_HOLDERS)
    assert all(reason.strip() for reason in registry.NOT_HOLDERS.values())


def test_the_privacy_app_is_installed_after_every_holder():
    labels = [config.label for config in apps.get_app_configs()]
    assert all(labels.index(label) < labels.index("privacy") for label in HOLDER_LABELS)


# --- Erasure runs in the declared order --------------------------------------------------------


def test_the_declared_erasure_order():
    assert HOLDER_LABELS == ["associations", "missions", "volunteers", "security", "accounts"]


def test_the_export_reads_the_holders_the_other_way_round():
    assert [holder.app_label for holder in registry.EXPORT_ORDER] == HOLDER_LABELS[::-1]


@pytest.fixture
def recorded(monkeypatch):
    """The real holders, each erasure part also writing its app's label in a list."""
    calls: list[str] = []

    def recording(holder):
        def erase(user):
            calls.append(holder.app_label)
            holder.erase(user)

        return dataclasses.replace(holder, erase=erase)

    holders = tuple(recording(h) if h.erase else h for h in registry.HOLDERS)
    monkeypatch.setattr(services, "HOLDERS", holders)
    return calls


@pytest.mark.django_db
def test_erasure_runs_every_holder_in_the_declared_order(recorded):
    volunteer = VolunteerFactory()
    ApplicationFactory(volunteer=volunteer)
    services.account_delete(user=volunteer.user)
    assert recorded == ["missions", "volunteers", "security", "accounts"]
    assert recorded == [h.app_label for h in registry.HOLDERS if h.erase is not None]


@pytest.mark.django_db
def test_a_refusal_comes_before_any_erasure(recorded):
    user = MembershipFactory().user
    VolunteerFactory(user=user)
    with pytest.raises(AccountDeletionRefused):
        services.account_delete(user=user)
    assert recorded == []
    assert Volunteer.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_the_order_matters_the_profile_goes_after_its_applications():
    """Erasing the profile first would unlink the applications before the missions app
    could find and anonymise them: the person's words would stay."""
    volunteer = VolunteerFactory()
    application = ApplicationFactory(volunteer=volunteer, motivation="Mes raisons.")
    user = volunteer.user
    volunteers_data.erase(user)
    missions_data.erase(user)
    application.refresh_from_db()
    assert application.motivation == "Mes raisons."
    assert application.status == Application.Status.SUBMITTED


# --- Export sections ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_two_holders_export_the_same_section():
    volunteer = VolunteerFactory()
    PriorMissionFactory(volunteer=volunteer)
    document(volunteer)
    ContractFactory(
        application__volunteer=volunteer,
        status="completed",
        start_on=date(2025, 1, 1),
        end_on=date(2025, 12, 31),
    )
    seen: set[str] = {"format"}
    for holder in registry.EXPORT_ORDER:
        if holder.export is None:
            continue
        sections = set(holder.export(volunteer.user))
        assert sections, holder.app_label
        assert not sections & seen, holder.app_label
        seen |= sections
