"""The one normalisation of addresses, and what it does to stored data that collides."""

from __future__ import annotations

import importlib
import logging
import unicodedata

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory
from vsi_portal.accounts.addresses import (
    normalise_email,
    plan_normalisation,
    validate_local_part,
)
from vsi_portal.accounts.checks import email_addresses_do_not_collide
from vsi_portal.accounts.models import User
from vsi_portal.accounts.selectors import email_address_problems

migration = importlib.import_module("vsi_portal.accounts.migrations.0002_normalise_email_addresses")

FORMS = ("NFC", "NFD", "NFKC", "NFKD")
# Addresses: any text, and text built of what addresses are made of, accents and
# compatibility forms included (hypothesis' `emails()` is ASCII only).
address_text = st.text() | st.builds(
    "{}@{}".format,
    st.text(st.characters(categories=("L", "M", "N"), include_characters=".-_+"), min_size=1),
    st.text(st.characters(categories=("L", "M", "N"), include_characters=".-"), min_size=1),
)


@settings(max_examples=500)
@given(address_text)
def test_normalising_twice_changes_nothing(address):
    once = normalise_email(address)
    assert normalise_email(once) == once


@settings(max_examples=500)
@given(address_text, st.sampled_from(FORMS))
def test_unicode_normal_forms_of_an_address_normalise_alike(address, form):
    assert normalise_email(unicodedata.normalize(form, address)) == normalise_email(address)


@settings(max_examples=500)
@given(address_text)
def test_case_folded_and_lower_case_addresses_normalise_alike(address):
    assert normalise_email(address.casefold()) == normalise_email(address)
    assert normalise_email(address.lower()) == normalise_email(address)


@settings(max_examples=500)
@given(address_text)
def test_a_normalised_address_survives_allauths_lower_casing(address):
    once = normalise_email(address)
    assert once.lower() == once


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("ＡDMIN@vsi-portal.fr", "admin@vsi-portal.fr"),
        ("ſtaff@vsi-portal.fr", "staff@vsi-portal.fr"),
        ("STRAßE@example.de", "strasse@example.de"),
        ("lea@cafe\u0301.fr", "lea@café.fr"),
        ("  Lea@Example.org ", "lea@example.org"),
        ("ﬁle@example.org", "file@example.org"),
    ],
)
def test_normalisation_examples(typed, normalised):
    assert normalise_email(typed) == normalised


@pytest.mark.parametrize("address", ["admın@example.org", "admi\u0307n@example.org"])
def test_a_local_part_beyond_ascii_is_invalid(address):
    with pytest.raises(ValidationError):
        validate_local_part(address)


def test_an_ascii_local_part_with_an_international_domain_is_valid():
    validate_local_part("lea@café.fr")


# --- The plan for stored addresses ----------------------------------------------------------


def test_a_lone_address_is_normalised():
    plan = plan_normalisation(
        [(1, "LEA@Example.org"), (2, "ok@example.org")], [(7, 1, "LEA@x.org")]
    )
    assert plan.users == {1: "lea@example.org"}
    assert plan.addresses == {7: "lea@x.org"}
    assert plan.collisions == {}


def test_colliding_accounts_are_reported_and_left_as_they_are():
    plan = plan_normalisation(
        [(1, "staff@example.org"), (2, "ſtaff@example.org"), (3, "other@example.org")],
        [(10, 1, "staff@example.org"), (11, 2, "ſtaff@example.org")],
    )
    assert plan.collisions == {"staff@example.org": [1, 2]}
    assert plan.users == {} and plan.addresses == {}


def test_an_address_row_of_another_account_makes_a_collision():
    plan = plan_normalisation(
        [(1, "staff@example.org"), (2, "me@example.org")], [(11, 2, "ＳＴＡＦＦ@example.org")]
    )
    assert plan.collisions == {"staff@example.org": [1, 2]}
    assert 11 not in plan.addresses


def test_an_address_with_a_turkish_i_before_the_at_sign_is_reported_as_unaccepted():
    plan = plan_normalisation([(1, "admın@example.org"), (2, "lea@café.fr")])
    assert plan.unaccepted == [1]
    assert plan.collisions == {}


def test_two_address_rows_of_one_account_that_collide_stay():
    plan = plan_normalisation(
        [(1, "lea@café.fr")], [(10, 1, "lea@café.fr"), (11, 1, "lea@cafe\u0301.fr")]
    )
    assert plan.collisions == {}
    assert plan.addresses == {}


# --- The data migration, the command and the check, on the database ------------------------


def _stored_raw(user: User, email: str) -> None:
    User.objects.filter(pk=user.pk).update(email=email)
    EmailAddress.objects.filter(user=user).update(email=email)


@pytest.mark.django_db
def test_the_migration_normalises_lone_addresses_and_reports_collisions_without_merging(caplog):
    lone, owner, squatter = UserFactory(), UserFactory(), UserFactory()
    _stored_raw(lone, "Ｌea@Ｃafé.org")
    _stored_raw(owner, "staff@example.org")
    _stored_raw(squatter, "ſtaff@example.org")
    with caplog.at_level(logging.INFO, logger="vsi_portal.accounts"):
        migration.normalise_stored_addresses(apps, None)
    lone.refresh_from_db()
    assert lone.email == "lea@café.org"
    assert EmailAddress.objects.get(user=lone).email == "lea@café.org"
    assert User.objects.get(pk=squatter.pk).email == "ſtaff@example.org"
    assert User.objects.count() == 3
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert f"{owner.pk}, {squatter.pk}" in warnings[0].getMessage()
    assert "staff@example.org" in warnings[0].getMessage()


@pytest.mark.django_db
def test_the_command_lists_colliding_accounts(capsys):
    owner, squatter = UserFactory(), UserFactory(verified=False)
    _stored_raw(owner, "staff@example.org")
    _stored_raw(squatter, "ſtaff@example.org")
    call_command("email_collisions")
    out = capsys.readouterr().out
    assert "staff@example.org: 2 accounts" in out
    assert f"id {owner.pk}, stored as 'staff@example.org'" in out
    assert f"id {squatter.pk}, stored as 'ſtaff@example.org'" in out
    collisions = email_address_problems().collisions
    assert [(c.address, c.users) for c in collisions] == [("staff@example.org", (owner, squatter))]


@pytest.mark.django_db
def test_the_command_lists_accounts_whose_address_is_no_longer_accepted(capsys):
    lookalike = UserFactory()
    _stored_raw(lookalike, "admın@example.org")
    call_command("email_collisions")
    out = capsys.readouterr().out
    assert "Addresses the sign-in form refuses" in out
    assert f"id {lookalike.pk}, stored as 'admın@example.org'" in out


@pytest.mark.django_db
def test_the_command_says_when_nothing_collides(capsys):
    UserFactory()
    call_command("email_collisions")
    assert "No two accounts share an address" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_database_check_warns_of_colliding_and_unaccepted_accounts():
    owner, squatter, lookalike = UserFactory(), UserFactory(), UserFactory()
    assert email_addresses_do_not_collide(databases=["default"]) == []
    _stored_raw(owner, "staff@example.org")
    _stored_raw(squatter, "STAFF@ｅxample.org")
    _stored_raw(lookalike, "admİn@example.org")
    warnings = email_addresses_do_not_collide(databases=["default"])
    assert [warning.id for warning in warnings] == ["accounts.W001", "accounts.W002"]


@pytest.mark.django_db
def test_the_database_check_runs_only_when_asked_for_the_database():
    owner, squatter = UserFactory(), UserFactory()
    _stored_raw(owner, "staff@example.org")
    _stored_raw(squatter, "ſtaff@example.org")
    assert email_addresses_do_not_collide(databases=None) == []
