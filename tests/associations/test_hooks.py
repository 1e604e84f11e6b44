"""The hooks through which the apps above associations react to a change of one."""

from __future__ import annotations

import pytest

from associations import hooks
from associations.services.associations import association_update_profile
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(monkeypatch):
    """The callbacks registered by the apps, and one of the test's that records its calls."""
    calls = []
    monkeypatch.setattr(hooks, "_renamed_callbacks", [*hooks._renamed_callbacks])
    hooks.on_association_renamed(calls.append)
    return calls


def test_a_rename_runs_the_registered_callbacks(recorded):
    admin = MembershipFactory(role="admin")
    association = admin.association
    association_update_profile(association=association, by=admin.user, name="Nouveau nom")
    assert [renamed.name for renamed in recorded] == ["Nouveau nom"]


def test_other_changes_run_no_callback(recorded):
    admin = MembershipFactory(role="admin")
    association_update_profile(
        association=admin.association, by=admin.user, description="Autre texte"
    )
    assert recorded == []


def test_registering_the_same_callback_twice_keeps_one(recorded):
    hooks.on_association_renamed(recorded.append)
    assert hooks._renamed_callbacks.count(recorded.append) == 1


def test_the_missions_app_registers_its_reindexing():
    callbacks = [f"{c.__module__}.{c.__name__}" for c in hooks._renamed_callbacks]
    assert "missions.services.search.reindex_missions_of" in callbacks
