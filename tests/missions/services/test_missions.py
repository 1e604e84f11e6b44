"""Mission services: validation field by field, state moves and refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from missions.errors import MissionError
from missions.models import Language, Mission
from missions.selectors.missions import hosted_in_france
from missions.services.missions import (
    mission_close,
    mission_close_if_full,
    mission_create,
    mission_duplicate,
    mission_publish,
    mission_save,
    mission_unsave,
    mission_update,
    missions_close_expired,
)
from missions.services.search import missions_reindex
from tests.factories import AssociationFactory, MembershipFactory, MissionFactory, VolunteerFactory
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db


def _errors(association, staff, data) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        mission_create(association=association, by=staff, data=data)
    return caught.value.message_dict


def _create(association, staff, data) -> Mission:
    return mission_create(association=association, by=staff, data=data)


# --- Creation and validation ----------------------------------------------------------------


def test_create_makes_a_draft_with_derived_columns(association, staff, mission_data):
    mission = mission_create(
        association=association,
        by=staff,
        data=mission_data,
        languages=Language.objects.filter(code__in=["fr", "wo"]),
    )
    assert mission.status == Mission.Status.DRAFT
    assert mission.created_by == staff
    assert mission.duration_months == 12
    assert mission.latest_end_on == add_months(mission.start_on, 24) - timedelta(days=1)
    assert "sante" in mission.search_text and "solidarite sans frontieres" in mission.search_text
    assert set(mission.languages.values_list("code", flat=True)) == {"fr", "wo"}


def test_create_gives_a_unique_slug(association, staff, mission_data):
    first = _create(association, staff, mission_data)
    second = _create(association, staff, mission_data)
    assert first.slug == "appui-aux-centres-de-sante-communautaires"
    assert second.slug == "appui-aux-centres-de-sante-communautaires-2"


def test_create_never_takes_a_reserved_address(association, staff, mission_data):
    mission = _create(association, staff, {**mission_data, "title": "Manage"})
    assert mission.slug == "manage-2"


def test_destination_in_the_eea_is_refused_on_the_country(association, staff, mission_data):
    errors = _errors(association, staff, {**mission_data, "country": "DE"})
    assert list(errors) == ["country"]
    assert "Corps européen de solidarité" in errors["country"][0]


def test_a_territory_of_an_eea_state_is_refused(association, staff, mission_data):
    assert "country" in _errors(association, staff, {**mission_data, "country": "GL"})


def test_france_is_accepted_with_its_allowance_range(association, staff, mission_data):
    mission = _create(association, staff, {**mission_data, "country": "FR", "allowance_eur": 900})
    assert mission.country == "FR"
    assert hosted_in_france("PF")


def test_switzerland_and_the_uk_are_accepted(association, staff, mission_data):
    assert _create(association, staff, {**mission_data, "country": "CH"}).pk
    assert _create(association, staff, {**mission_data, "country": "GB"}).pk


def test_contract_over_two_years_is_refused_on_the_end(association, staff, mission_data):
    start = mission_data["start_on"]
    errors = _errors(association, staff, {**mission_data, "end_on": add_months(start, 24)})
    assert list(errors) == ["end_on"]
    assert "2 ans" in errors["end_on"][0]


def test_contract_of_exactly_two_years_is_accepted(association, staff, mission_data):
    start = mission_data["start_on"]
    end = add_months(start, 24) - timedelta(days=1)
    assert _create(association, staff, {**mission_data, "end_on": end}).duration_months == 24


def test_end_before_start_is_refused(association, staff, mission_data):
    start = mission_data["start_on"]
    errors = _errors(association, staff, {**mission_data, "end_on": start - timedelta(days=1)})
    assert list(errors) == ["end_on"]


def test_start_in_the_past_or_today_is_refused(association, staff, mission_data, today):
    errors = _errors(
        association,
        staff,
        {**mission_data, "start_on": today, "application_deadline": today - timedelta(days=5)},
    )
    assert list(errors) == ["start_on"]


def test_allowance_below_minimum_abroad_is_refused(association, staff, mission_data):
    errors = _errors(association, staff, {**mission_data, "allowance_eur": 149})
    assert list(errors) == ["allowance_eur"]
    assert "150" in errors["allowance_eur"][0]


def test_allowance_outside_the_french_range_is_refused(association, staff, mission_data):
    errors = _errors(association, staff, {**mission_data, "country": "RE", "allowance_eur": 700})
    assert list(errors) == ["allowance_eur"]
    assert "800" in errors["allowance_eur"][0]


def test_deadline_on_or_after_start_is_refused(association, staff, mission_data):
    data = {**mission_data, "application_deadline": mission_data["start_on"]}
    assert list(_errors(association, staff, data)) == ["application_deadline"]


def test_zero_places_is_refused(association, staff, mission_data):
    assert list(_errors(association, staff, {**mission_data, "places": 0})) == ["places"]


def test_min_age_below_the_associations_is_refused(staff, mission_data):
    association = AssociationFactory(min_volunteer_age=21)
    MembershipFactory(user=staff, association=association)
    errors = _errors(association, staff, {**mission_data, "min_age": 18})
    assert list(errors) == ["min_age"]
    assert "21" in errors["min_age"][0]


def test_min_age_defaults_to_the_associations(staff, mission_data):
    association = AssociationFactory(min_volunteer_age=21)
    MembershipFactory(user=staff, association=association)
    data = {key: value for key, value in mission_data.items() if key != "min_age"}
    assert _create(association, staff, data).min_age == 21


def test_several_problems_are_reported_together(association, staff, mission_data):
    data = {**mission_data, "country": "IT", "allowance_eur": 10, "places": 0}
    assert set(_errors(association, staff, data)) == {"country", "allowance_eur", "places"}


def test_a_failed_create_writes_nothing(association, staff, mission_data):
    _errors(association, staff, {**mission_data, "country": "DE"})
    assert not Mission.objects.exists()


def test_validation_messages_follow_the_active_language(association, staff, mission_data):
    from django.utils import translation

    with translation.override("fr"):
        errors = _errors(association, staff, {**mission_data, "places": 0})
    assert errors["places"] == [
        "Proposez entre 1 et 100 places\u00a0: au-delà, publiez plusieurs missions."
    ]


# --- Who may act ----------------------------------------------------------------------------


def test_non_member_cannot_create(association, other_staff, mission_data):
    with pytest.raises(MissionError):
        mission_create(association=association, by=other_staff, data=mission_data)


def test_suspended_association_cannot_create(staff, association, mission_data):
    association.status = "suspended"
    association.save()
    with pytest.raises(MissionError):
        mission_create(association=association, by=staff, data=mission_data)


def test_suspended_association_cannot_publish(association, staff, mission_data):
    mission = _create(association, staff, mission_data)
    association.status = "suspended"
    association.save()
    with pytest.raises(MissionError):
        mission_publish(mission=mission, by=staff)
    mission.refresh_from_db()
    assert mission.is_draft


def test_expired_approval_cannot_publish(association, staff, mission_data, today):
    mission = _create(association, staff, mission_data)
    association.approval_expires_on = today - timedelta(days=1)
    association.save()
    with pytest.raises(MissionError):
        mission_publish(mission=mission, by=staff)


def test_approval_ending_before_the_start_blocks_publication(
    association, staff, mission_data, today
):
    mission = _create(association, staff, mission_data)
    association.approval_expires_on = mission.start_on - timedelta(days=1)
    association.save()
    with pytest.raises(ValidationError) as caught:
        mission_publish(mission=mission, by=staff)
    assert list(caught.value.message_dict) == ["start_on"]


def test_member_of_another_association_cannot_publish(
    association, staff, other_staff, mission_data
):
    mission = _create(association, staff, mission_data)
    with pytest.raises(MissionError):
        mission_publish(mission=mission, by=other_staff)


# --- State moves ----------------------------------------------------------------------------


def test_publish_makes_a_draft_public(association, staff, mission_data):
    mission = mission_publish(mission=_create(association, staff, mission_data), by=staff)
    assert mission.is_published and mission.published_at is not None


def test_publish_refuses_a_past_deadline(association, staff, mission_data, today):
    mission = _create(
        association, staff, {**mission_data, "application_deadline": today - timedelta(days=1)}
    )
    with pytest.raises(ValidationError) as caught:
        mission_publish(mission=mission, by=staff)
    assert list(caught.value.message_dict) == ["application_deadline"]


def test_publishing_twice_is_refused(association, staff, mission_data):
    mission = mission_publish(mission=_create(association, staff, mission_data), by=staff)
    with pytest.raises(MissionError):
        mission_publish(mission=mission, by=staff)


def test_close_a_published_mission(association, staff):
    mission = MissionFactory(association=association)
    mission = mission_close(mission=mission, by=staff)
    assert mission.is_closed and mission.closed_at is not None


def test_a_draft_cannot_be_closed(association, staff, mission_data):
    with pytest.raises(MissionError):
        mission_close(mission=_create(association, staff, mission_data), by=staff)


def test_a_closed_mission_cannot_be_edited_or_published(association, staff):
    mission = MissionFactory(association=association, status="closed")
    with pytest.raises(MissionError):
        mission_update(mission=mission, by=staff, data={"title": "Autre"})
    with pytest.raises(MissionError):
        mission_publish(mission=mission, by=staff)


def test_update_a_draft_refreshes_the_derived_columns(association, staff, mission_data):
    mission = _create(association, staff, mission_data)
    start = mission.start_on
    mission = mission_update(
        mission=mission,
        by=staff,
        data={
            "title": "Éducation à l'environnement",
            "end_on": add_months(start, 18) - timedelta(days=1),
        },
    )
    mission.refresh_from_db()
    assert mission.duration_months == 18
    assert "education a l'environnement" in mission.search_text


def test_update_a_published_mission_still_validates_dates_and_country(association, staff):
    mission = MissionFactory(association=association)
    with pytest.raises(ValidationError) as caught:
        mission_update(mission=mission, by=staff, data={"country": "ES"})
    assert list(caught.value.message_dict) == ["country"]
    with pytest.raises(ValidationError) as caught:
        mission_update(mission=mission, by=staff, data={"end_on": add_months(mission.start_on, 25)})
    assert list(caught.value.message_dict) == ["end_on"]


def test_duplicate_makes_a_draft_copy(association, staff):
    mission = MissionFactory(association=association, status="closed")
    mission.languages.set(["fr", "wo"])
    copy = mission_duplicate(mission=mission, by=staff)
    assert copy.pk != mission.pk and copy.slug != mission.slug
    assert copy.is_draft and copy.title == mission.title and copy.country == mission.country
    assert set(copy.languages.values_list("code", flat=True)) == {"fr", "wo"}


def test_duplicate_refused_to_another_association(association, other_staff):
    with pytest.raises(MissionError):
        mission_duplicate(mission=MissionFactory(association=association), by=other_staff)


# --- Missions closing themselves ------------------------------------------------------------


def test_close_expired_closes_only_published_missions_past_their_deadline(today):
    past = MissionFactory(application_deadline=today - timedelta(days=1))
    due_today = MissionFactory(application_deadline=today)
    draft = MissionFactory(status="draft", application_deadline=today - timedelta(days=1))
    assert missions_close_expired(today=today) == 1
    past.refresh_from_db(), due_today.refresh_from_db(), draft.refresh_from_db()
    assert past.is_closed and due_today.is_published and draft.is_draft
    assert missions_close_expired(today=today) == 0


def test_close_expired_task_calls_the_service(today):
    from missions.tasks import close_expired_missions

    mission = MissionFactory(application_deadline=today - timedelta(days=3))
    assert close_expired_missions.apply().get() == 1
    mission.refresh_from_db()
    assert mission.is_closed


def test_close_if_full_closes_when_accepted_fill_the_places():
    mission = MissionFactory(places=2)
    assert mission_close_if_full(mission=mission, accepted_count=1) is False
    mission.refresh_from_db()
    assert mission.is_published
    assert mission_close_if_full(mission=mission, accepted_count=2) is True
    mission.refresh_from_db()
    assert mission.is_closed


# --- Saved missions -------------------------------------------------------------------------


def test_save_twice_keeps_one_entry_and_unsave_removes_it():
    volunteer, mission = VolunteerFactory(), MissionFactory()
    mission_save(mission=mission, volunteer=volunteer)
    mission_save(mission=mission, volunteer=volunteer)
    assert volunteer.saved.count() == 1
    mission_unsave(mission=mission, volunteer=volunteer)
    assert volunteer.saved.count() == 0


def test_a_draft_cannot_be_saved():
    with pytest.raises(MissionError):
        mission_save(mission=MissionFactory(status="draft"), volunteer=VolunteerFactory())


def test_reindex_after_an_association_rename_updates_the_search_text(association):
    mission = MissionFactory(association=association)
    association.name = "Les Amis de Ziguinchor"
    association.save()
    assert missions_reindex(association=association) == 1
    mission.refresh_from_db()
    assert "les amis de ziguinchor" in mission.search_text
