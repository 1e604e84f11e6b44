"""One association per SIRET or RNA number (issue 14: two associations could register the
same one), however it is typed, even when both register at the same moment."""

from __future__ import annotations

import importlib
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils.translation import override

from associations import views as association_views
from associations.errors import AssociationError
from associations.forms import AssociationForm
from associations.models import Association
from associations.services.associations import association_register, association_update_profile
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

PROFILE = {
    "name": "Amis du Fleuve",
    "kind": "association",
    "legal_identifier": "732 829 320 00074",
    "address": "1 rue de la Loire\n45000 Orléans",
    "country": "FR",
    "website": "",
    "contact_email": "contact@amis-du-fleuve.example.org",
    "description": "Coopération avec le Mali.",
    "min_volunteer_age": 18,
}
TAKEN = {
    "en": (
        "An association with this legal identifier is already registered. "
        "Ask its administrators to invite you."
    ),
    "fr": (
        "Une association avec cet identifiant est déjà inscrite. "
        "Demandez à ses administrateurs de vous inviter."
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["W123456789", "W 123 456 789", "w.123.456.789", "W-123-456-789"])
def test_the_database_refuses_a_second_association_with_the_same_identifier(typed):
    AssociationFactory(legal_identifier="W123456789")
    with pytest.raises(IntegrityError), transaction.atomic():
        AssociationFactory(legal_identifier=typed)


@pytest.mark.django_db
def test_registering_a_taken_identifier_is_refused_in_words():
    AssociationFactory(legal_identifier="73282932000074")
    with pytest.raises(AssociationError) as refused, override("en"):
        association_register(by=UserFactory(), **PROFILE)
    assert refused.value.code == "legal_identifier_taken"
    assert refused.value.message == TAKEN["en"]
    assert Association.objects.count() == 1


@pytest.mark.django_db
def test_a_pending_association_cannot_take_another_ones_identifier():
    AssociationFactory(legal_identifier="73282932000074")
    admin = MembershipFactory(role="admin", association__status="pending")
    with pytest.raises(AssociationError) as refused:
        association_update_profile(
            association=admin.association, by=admin.user, legal_identifier="73282932000074"
        )
    assert refused.value.code == "legal_identifier_taken"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_form_says_the_identifier_is_taken_on_its_field(language):
    AssociationFactory(legal_identifier="73282932000074")
    with override(language):
        form = AssociationForm(data=PROFILE)
        assert not form.is_valid()
        assert form.errors["legal_identifier"] == [TAKEN[language]]


@pytest.mark.django_db
def test_an_identifier_registered_between_the_form_and_the_save_is_a_field_error(
    client, monkeypatch
):
    """The race the form cannot see: its checks pass, then someone else registers the
    identifier before this registration is saved."""
    real_register = association_views.association_register

    def someone_else_first(**kwargs):
        AssociationFactory(legal_identifier="73282932000074")
        return real_register(**kwargs)

    monkeypatch.setattr(association_views, "association_register", someone_else_first)
    client.force_login(UserFactory())
    response = client.post(reverse("associations:register"), PROFILE)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["legal_identifier"]
    assert Association.objects.count() == 1


_SQLITE_WRITER = threading.Lock()


# serialized_rollback: its flush then leaves the tables empty for the next transactional
# test, rather than recreating content types under new ids, which the demo's own
# serialized_rollback test (tests/demo/test_commands.py, run next) could not restore.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_registering_one_identifier_at_once_make_one_association():
    people = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    registered, refused, errors = [], [], []

    def register(index: int) -> None:
        profile = {**PROFILE, "name": f"Amis du Fleuve {index}"}
        try:
            barrier.wait(timeout=10)
            if connection.vendor == "sqlite":  # SQLite fails a second writer at once
                with _SQLITE_WRITER:
                    registered.append(association_register(by=people[index], **profile))
            else:
                registered.append(association_register(by=people[index], **profile))
        except AssociationError as error:
            refused.append(error.code)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(registered) == 1 and refused == ["legal_identifier_taken"]
    assert Association.objects.count() == 1


def _migration():
    return importlib.import_module("associations.migrations.0005_legal_identifier_unique")


class _Rows:
    """What the migration reads of the associations, and what it writes back."""

    def __init__(self, rows):
        self.rows, self.updates = rows, {}

    def get_model(self, app_label, model_name):
        return self

    @property
    def objects(self):
        return self

    def order_by(self, *fields):
        return self

    def values_list(self, *fields):
        return self.rows

    def filter(self, pk):
        self.pk = pk
        return self

    def update(self, legal_identifier):
        self.updates[self.pk] = legal_identifier


def test_the_migration_stops_and_lists_associations_sharing_an_identifier():
    rows = _Rows(
        [
            (1, "Amis", "approved", "W123456789"),
            (2, "Amis bis", "pending", "W 123 456 789"),
            (3, "Autres", "approved", "73282932000074"),
        ]
    )
    with pytest.raises(RuntimeError) as stopped:
        _migration().normalise_or_report_duplicates(rows, None)
    assert "W123456789: #1 'Amis' (approved" in str(stopped.value)
    assert "#2 'Amis bis' (pending, stored as 'W 123 456 789')" in str(stopped.value)
    assert "73282932000074" not in str(stopped.value)
    assert rows.updates == {}


def test_the_migration_writes_each_identifier_normalised():
    rows = _Rows([(1, "Amis", "approved", "w 123.456-789"), (2, "Autres", "approved", "W1")])
    _migration().normalise_or_report_duplicates(rows, None)
    assert rows.updates == {1: "W123456789"}
