"""A mission page's notes for the volunteer: the languages it wants that their profile does
not list (a soft warning), and the staff's preview, which judges nobody."""

from __future__ import annotations

import pytest

from missions.models import Language
from tests.factories import MembershipFactory, VolunteerFactory
from tests.missions.factories import IndexedMissionFactory as Mission_

pytestmark = pytest.mark.django_db

WARNING = 'data-testid="language-warning"'


def _mission_wanting(*codes, **kwargs):
    mission = Mission_(**kwargs)
    mission.languages.set(Language.objects.filter(code__in=codes))
    return mission


def _volunteer_speaking(*codes):
    volunteer = VolunteerFactory(user__preferred_language="en")
    volunteer.languages.set(Language.objects.filter(code__in=codes))
    return volunteer


def _page(client, user, mission, *, path=None):
    client.cookies["django_language"] = "en"
    client.force_login(user)
    response = client.get(path or mission.get_absolute_url())
    assert response.status_code == 200
    return response


# --- The language warning ------------------------------------------------------------------


def test_language_the_profile_does_not_list_is_warned_of(client):
    mission = _mission_wanting("es", "fr")
    response = _page(client, _volunteer_speaking("fr").user, mission)
    assert [language.code for language in response.context["languages_missing"]] == ["es"]
    html = response.content.decode()
    assert WARNING in html
    assert "This mission asks for Spanish, which your profile does not list." in html


def test_profile_listing_no_language_is_warned_of_each(client):
    mission = _mission_wanting("es", "pt")
    response = _page(client, _volunteer_speaking().user, mission)
    assert {language.code for language in response.context["languages_missing"]} == {"es", "pt"}


def test_no_warning_when_the_profile_lists_every_language_wanted(client):
    mission = _mission_wanting("es")
    response = _page(client, _volunteer_speaking("es", "fr").user, mission)
    assert response.context["languages_missing"] == []
    assert WARNING not in response.content.decode()


def test_no_warning_when_the_mission_wants_no_language(client):
    response = _page(client, _volunteer_speaking().user, _mission_wanting())
    assert WARNING not in response.content.decode()


def test_no_warning_for_an_anonymous_visitor(client):
    mission = _mission_wanting("es")
    response = client.get(mission.get_absolute_url())
    assert response.context["languages_missing"] == []


def test_warning_does_not_stop_an_eligible_volunteer_from_applying(client):
    mission = _mission_wanting("es")
    response = _page(client, _volunteer_speaking().user, mission)
    assert response.context["verdict"].eligible is True


# --- The staff's preview -------------------------------------------------------------------


def test_staff_preview_shows_no_verdict_of_the_staff_member(client):
    mission = _mission_wanting("es", status="draft")
    staff = MembershipFactory(association=mission.association, user__preferred_language="en")
    response = _page(client, staff.user, mission)
    assert response.context["preview"] is True
    assert response.context["verdict"] is None
    assert response.context["missing_facts"] == []
    html = response.content.decode()
    assert 'data-testid="preview-verdict"' in html
    assert "Your profile lacks facts" not in html
    assert "Complete my profile" not in html


def test_staff_who_also_volunteers_sees_no_own_verdict_in_the_preview(client):
    mission = _mission_wanting("es")
    staff = MembershipFactory(association=mission.association).user
    VolunteerFactory(user=staff)  # their own profile lists no Spanish
    response = _page(client, staff, mission, path=f"/missions/manage/{mission.pk}/preview/")
    assert response.context["verdict"] is None
    assert response.context["languages_missing"] == []
    html = response.content.decode()
    assert "You can apply to this mission." not in html
    assert WARNING not in html
