"""Application services: every move of the state table, its refusals, events and e-mails."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from missions.errors import ApplicationError
from missions.models import Application, ApplicationEvent
from missions.services.applications import (
    application_accept,
    application_reject,
    application_shortlist,
    application_submit,
    application_withdraw,
)
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    MembershipFactory,
    MissionFactory,
    VolunteerFactory,
)
from volunteers.models import PriorMission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are read in English here (their French is in the catalogue)."""
    with translation.override("en"):
        yield


MOTIVATION = "Je veux enseigner et apprendre."


@pytest.fixture
def mission(association):
    return MissionFactory(association=association, places=2)


def _apply(mission, volunteer, **kwargs):
    return application_submit(
        mission=mission, volunteer=volunteer, motivation=MOTIVATION, by=volunteer.user, **kwargs
    )


# --- Submitting -----------------------------------------------------------------------------


def test_an_eligible_volunteer_applies_and_the_move_is_recorded(mission, volunteer):
    application = _apply(mission, volunteer)
    assert application.status == Application.Status.SUBMITTED
    assert application.motivation == MOTIVATION
    event = application.events.get()
    assert (event.from_status, event.to_status, event.by) == ("", "submitted", volunteer.user)


def test_an_ineligible_volunteer_is_refused_with_every_reason_explained(association):
    mission = MissionFactory(association=association, country="SN")
    volunteer = VolunteerFactory(nationalities=["SN"], residence="SN", other_activity=True)
    with pytest.raises(ApplicationError) as caught:
        _apply(mission, volunteer)
    assert len(caught.value.reasons) == 3  # other activity, nationality, residence
    assert all(len(reason) > 20 for reason in caught.value.reasons)
    assert not Application.objects.exists()


def test_a_prior_mission_overlapping_the_dates_refuses_the_application(mission, volunteer):
    PriorMission.objects.create(
        volunteer=volunteer,
        association_name="Ancienne",
        country="KH",
        start_on=mission.start_on - timedelta(days=30),
        end_on=mission.start_on + timedelta(days=10),
    )
    with pytest.raises(ApplicationError) as caught:
        _apply(mission, volunteer)
    assert len(caught.value.reasons) == 1


def test_an_incomplete_profile_cannot_apply(mission):
    volunteer = VolunteerFactory(birth_date=None)
    with pytest.raises(ApplicationError, match="profile"):
        _apply(mission, volunteer)


def test_someone_else_cannot_apply_for_the_volunteer(mission, volunteer, outsider):
    with pytest.raises(ApplicationError):
        application_submit(mission=mission, volunteer=volunteer, motivation=MOTIVATION, by=outsider)


def test_an_empty_motivation_is_refused(mission, volunteer):
    with pytest.raises(ApplicationError):
        application_submit(
            mission=mission, volunteer=volunteer, motivation="   ", by=volunteer.user
        )


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_a_mission_not_published_takes_no_application(association, volunteer, status):
    mission = MissionFactory(association=association, status=status)
    with pytest.raises(ApplicationError):
        _apply(mission, volunteer)


def test_a_mission_past_its_deadline_takes_no_application(association, volunteer, today):
    mission = MissionFactory(association=association, application_deadline=today - timedelta(1))
    with pytest.raises(ApplicationError, match="deadline"):
        _apply(mission, volunteer)


def test_a_suspended_association_takes_no_application(association, mission, volunteer):
    association.status = "suspended"
    association.save(update_fields=["status"])
    with pytest.raises(ApplicationError, match="suspended"):
        _apply(mission, volunteer)


def test_a_second_open_application_to_the_same_mission_is_refused(mission, volunteer):
    _apply(mission, volunteer)
    with pytest.raises(ApplicationError, match="already applied"):
        _apply(mission, volunteer)
    assert Application.objects.count() == 1


def test_the_database_refuses_two_open_applications_at_once(mission, volunteer):
    ApplicationFactory(mission=mission, volunteer=volunteer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(mission=mission, volunteer=volunteer, status="shortlisted")


def test_a_race_on_the_unique_constraint_becomes_the_same_refusal(mission, volunteer, monkeypatch):
    ApplicationFactory(mission=mission, volunteer=volunteer)
    # The check before the insert saw nothing (the other request had not committed yet).
    monkeypatch.setattr(Application, "OPEN_STATUSES", ("nothing",))
    with pytest.raises(ApplicationError, match="already applied"):
        _apply(mission, volunteer)


def test_after_a_withdrawal_the_volunteer_may_apply_again_a_day_later(mission, volunteer):
    first = _apply(mission, volunteer)
    application_withdraw(application=first, by=volunteer.user, reason="dates")
    first.refresh_from_db()
    second = _apply(mission, volunteer, now=first.decided_at + timedelta(days=1))
    assert second.pk != first.pk


# --- Withdrawing ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["submitted", "shortlisted"])
def test_the_volunteer_withdraws_an_application_under_review(mission, volunteer, status):
    application = ApplicationFactory(mission=mission, volunteer=volunteer, status=status)
    application_withdraw(
        application=application, by=volunteer.user, reason="employment", message="Un CDI."
    )
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert application.withdrawal_reason == "employment"
    event = application.events.get()
    assert (event.from_status, event.reason, event.message) == (status, "employment", "Un CDI.")


def test_only_the_owner_withdraws(mission, volunteer, staff, outsider):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    for someone in (staff, outsider):
        with pytest.raises(ApplicationError):
            application_withdraw(application=application, by=someone, reason="dates")
    application.refresh_from_db()
    assert application.status == "submitted"


@pytest.mark.parametrize("reason", ["", "bored"])
def test_a_withdrawal_needs_a_coded_reason(mission, volunteer, reason):
    application = ApplicationFactory(mission=mission, volunteer=volunteer)
    with pytest.raises(ApplicationError):
        application_withdraw(application=application, by=volunteer.user, reason=reason)


@pytest.mark.parametrize("status", ["accepted", "rejected", "withdrawn"])
def test_a_decided_application_cannot_be_withdrawn(mission, volunteer, status):
    application = ApplicationFactory(mission=mission, volunteer=volunteer, status=status)
    with pytest.raises(ApplicationError):
        application_withdraw(application=application, by=volunteer.user, reason="dates")


# --- Staff decisions ------------------------------------------------------------------------


def test_staff_shortlist_a_submitted_application(mission, staff):
    application = ApplicationFactory(mission=mission)
    application_shortlist(application=application, by=staff)
    application.refresh_from_db()
    assert application.status == "shortlisted"
    assert application.events.get().to_status == "shortlisted"


def test_a_shortlisted_application_cannot_be_shortlisted_again(mission, staff):
    application = ApplicationFactory(mission=mission, status="shortlisted")
    with pytest.raises(ApplicationError):
        application_shortlist(application=application, by=staff)


def test_staff_of_another_association_cannot_decide(mission, other_staff, outsider):
    application = ApplicationFactory(mission=mission)
    for move in (application_shortlist, application_accept):
        for someone in (other_staff, outsider):
            with pytest.raises(ApplicationError):
                move(application=application, by=someone)
    with pytest.raises(ApplicationError):
        application_reject(application=application, by=other_staff, reason="profile")
    application.refresh_from_db()
    assert application.status == "submitted"


@pytest.mark.parametrize("status", ["submitted", "shortlisted"])
def test_staff_accept_an_application_under_review(mission, staff, status):
    application = ApplicationFactory(mission=mission, status=status)
    application_accept(application=application, by=staff)
    application.refresh_from_db()
    assert application.status == "accepted"
    assert application.decided_at is not None
    mission.refresh_from_db()
    assert mission.status == "published"  # one place of two left


def test_the_last_place_filled_closes_the_mission(mission, staff):
    first, second = ApplicationFactory.create_batch(2, mission=mission)
    application_accept(application=first, by=staff)
    application_accept(application=second, by=staff)
    mission.refresh_from_db()
    assert mission.status == "closed"
    assert mission.closed_at is not None


def test_accepting_beyond_the_places_is_refused(association, staff):
    mission = MissionFactory(association=association, places=1)
    ApplicationFactory(mission=mission, status="accepted")
    waiting = ApplicationFactory(mission=mission)
    with pytest.raises(ApplicationError, match="filled"):
        application_accept(application=waiting, by=staff)
    waiting.refresh_from_db()
    assert waiting.status == "submitted"


def test_a_closed_mission_still_accepts_within_its_places(association, staff):
    mission = MissionFactory(association=association, status="closed", places=2)
    application = ApplicationFactory(mission=mission)
    application_accept(application=application, by=staff)
    assert Application.objects.get(pk=application.pk).status == "accepted"


def test_a_suspended_association_accepts_no_one(association, mission, staff):
    application = ApplicationFactory(mission=mission)
    association.status = "suspended"
    association.save(update_fields=["status"])
    with pytest.raises(ApplicationError, match="suspended"):
        application_accept(application=application, by=staff)


@pytest.mark.parametrize("status", ["accepted", "rejected", "withdrawn"])
def test_a_decided_application_cannot_be_accepted(mission, staff, status):
    application = ApplicationFactory(mission=mission, status=status)
    with pytest.raises(ApplicationError):
        application_accept(application=application, by=staff)


def test_staff_do_not_retain_with_a_coded_reason_and_a_message(mission, staff):
    application = ApplicationFactory(mission=mission, status="shortlisted")
    application_reject(
        application=application, by=staff, reason="languages", message="Le wolof est requis."
    )
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == ("rejected", "languages")
    assert application.message == "Le wolof est requis."
    event = ApplicationEvent.objects.get(application=application)
    assert (event.from_status, event.reason) == ("shortlisted", "languages")


def test_the_message_of_a_refusal_is_optional(mission, staff):
    application = ApplicationFactory(mission=mission)
    application_reject(application=application, by=staff, reason="places_filled")
    assert Application.objects.get(pk=application.pk).status == "rejected"


@pytest.mark.parametrize("reason", ["", "whim"])
def test_a_refusal_needs_a_coded_reason(mission, staff, reason):
    application = ApplicationFactory(mission=mission)
    with pytest.raises(ApplicationError):
        application_reject(application=application, by=staff, reason=reason)


@pytest.mark.parametrize("status", ["accepted", "rejected", "withdrawn"])
def test_a_decided_application_cannot_be_refused(mission, staff, status):
    application = ApplicationFactory(mission=mission, status=status)
    with pytest.raises(ApplicationError):
        application_reject(application=application, by=staff, reason="other")


def test_an_application_of_a_deleted_account_cannot_be_accepted(mission, staff):
    application = ApplicationFactory(mission=mission, volunteer=None)
    with pytest.raises(ApplicationError, match="deleted"):
        application_accept(application=application, by=staff)


def test_accepting_counts_only_this_missions_places(association, staff):
    mission = MissionFactory(association=association, places=1)
    ApplicationFactory(mission=MissionFactory(association=association), status="accepted")
    application = ApplicationFactory(mission=mission)
    application_accept(application=application, by=staff)
    assert Application.objects.get(pk=application.pk).status == "accepted"


def test_a_volunteer_under_age_at_the_start_is_refused(association):
    mission = MissionFactory(association=association, min_age=21)
    start = mission.start_on
    volunteer = VolunteerFactory(birth_date=date(start.year - 20, 1, 1))
    with pytest.raises(ApplicationError) as caught:
        _apply(mission, volunteer)
    assert len(caught.value.reasons) == 1


def test_staff_is_a_member_not_just_anyone_signed_in(mission):
    application = ApplicationFactory(mission=mission)
    colleague = MembershipFactory(association=mission.association, role="editor").user
    application_shortlist(application=application, by=colleague)
    assert Application.objects.get(pk=application.pk).status == "shortlisted"
    stranger = MembershipFactory(association=AssociationFactory()).user
    with pytest.raises(ApplicationError):
        application_reject(application=application, by=stranger, reason="other")
