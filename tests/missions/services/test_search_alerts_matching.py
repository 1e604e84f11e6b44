"""An alert lists the missions its saved search finds: each filter alone, together, and
"missions I can apply to" as the rules judge the volunteer on the day of sending."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from missions.models import Language
from missions.services.search_alerts import search_alerts_send
from tests.factories import ContractFactory, VolunteerFactory
from tests.missions.alerts import NOW, TODAY, published, saved_search
from vsi_portal.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

START = date(2030, 7, 1)


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _listed(volunteer) -> set[str]:
    search_alerts_send(today=TODAY)
    texts = OutboxMessage.objects.filter(to=volunteer.user.email).values_list("text", flat=True)
    return {title for title in ("MATCH", "OTHER") if any(f"- {title} " in t for t in texts)}


def _with_language(code):
    def add(mission):
        language, _created = Language.objects.get_or_create(
            code=code, defaults={"name_en": code, "name_fr": code}
        )
        mission.languages.add(language)

    return add


ONE_YEAR = {"start_on": START, "end_on": date(2031, 6, 30)}
TWO_YEARS = {"start_on": START, "end_on": date(2032, 5, 31)}

# (query, what the matching mission has, what the other one has, something to do after)
FILTERS = {
    "words": ("q=dispensaire", {"summary": "Un dispensaire de brousse."}, {}),
    "country": ("country=SN", {"country": "SN"}, {"country": "MA"}),
    "continent": ("region=asia", {"country": "KH"}, {"country": "SN"}),
    "domain": ("domain=health", {"domain": "health"}, {"domain": "teaching"}),
    "starts from": (
        "start_from=2030-09-01",
        {"start_on": date(2030, 9, 15), "end_on": date(2031, 9, 14)},
        ONE_YEAR,
    ),
    "starts until": (
        "start_to=2030-08-01",
        ONE_YEAR,
        {"start_on": date(2030, 9, 15), "end_on": date(2031, 9, 14)},
    ),
    "minimum duration": ("duration_min=18", TWO_YEARS, ONE_YEAR),
    "maximum duration": ("duration_max=12", ONE_YEAR, TWO_YEARS),
    "minimum allowance": ("allowance_min=800", {"allowance_eur": 900}, {"allowance_eur": 600}),
}


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_alone_keeps_only_the_matching_mission(name):
    query, matching, other = FILTERS[name]
    volunteer = VolunteerFactory()
    saved_search(volunteer, query)
    published(title="MATCH", **matching)
    published(title="OTHER", **other)
    assert _listed(volunteer) == {"MATCH"}


def test_the_language_filter_keeps_only_the_missions_asking_for_it():
    volunteer = VolunteerFactory()
    saved_search(volunteer, "language=es")
    _with_language("es")(published(title="MATCH"))
    _with_language("en")(published(title="OTHER"))
    assert _listed(volunteer) == {"MATCH"}


def test_filters_together_keep_only_the_missions_matching_them_all():
    volunteer = VolunteerFactory()
    saved_search(volunteer, "country=SN&domain=health&allowance_min=800")
    published(title="MATCH", country="SN", domain="health", allowance_eur=900)
    published(title="OTHER", country="SN", domain="health", allowance_eur=600)
    published(title="OTHER", country="MA", domain="health", allowance_eur=900)
    published(title="OTHER", country="SN", domain="teaching", allowance_eur=900)
    assert _listed(volunteer) == {"MATCH"}


def test_a_mission_no_longer_open_is_not_sent():
    volunteer = VolunteerFactory()
    saved_search(volunteer, "country=SN")
    published(title="MATCH", country="SN")
    published(title="OTHER", country="SN", application_deadline=TODAY - timedelta(days=1))
    assert _listed(volunteer) == {"MATCH"}


def test_an_i_can_apply_search_leaves_out_a_mission_the_volunteer_cannot_apply_to():
    volunteer = VolunteerFactory(birth_date=date(2012, 5, 10))  # 18 in May 2030
    saved_search(volunteer, "", eligible=True)
    published(title="MATCH", start_on=date(2030, 7, 1), end_on=date(2031, 6, 30))
    published(title="OTHER", start_on=date(2030, 4, 15), end_on=date(2031, 4, 14))
    assert _listed(volunteer) == {"MATCH"}


def test_the_same_search_without_i_can_apply_sends_both():
    volunteer = VolunteerFactory(birth_date=date(2012, 5, 10))
    saved_search(volunteer, "", eligible=False)
    published(title="MATCH", start_on=date(2030, 7, 1), end_on=date(2031, 6, 30))
    published(title="OTHER", start_on=date(2030, 4, 15), end_on=date(2031, 4, 14))
    assert _listed(volunteer) == {"MATCH", "OTHER"}


def test_an_i_can_apply_alert_follows_the_verdict_on_the_day_of_sending():
    """A contract signed after the search was saved makes an overlapping mission one the
    volunteer can no longer apply to: the alert of the day leaves it out."""
    volunteer = VolunteerFactory()
    saved_search(volunteer, "", eligible=True)
    published(title="MATCH", start_on=date(2031, 9, 1), end_on=date(2032, 8, 31))
    published(title="OTHER", start_on=date(2030, 7, 1), end_on=date(2031, 6, 30))
    ContractFactory(
        application__volunteer=volunteer,
        application__mission__published_at=None,
        start_on=date(2030, 6, 1),
        end_on=date(2031, 5, 31),
        status="volunteer_signed",
    )
    assert _listed(volunteer) == {"MATCH"}


def test_an_i_can_apply_search_of_an_incomplete_profile_sends_nothing():
    volunteer = VolunteerFactory(birth_date=None)
    saved_search(volunteer, "", eligible=True)
    published(title="MATCH")
    assert _listed(volunteer) == set()
