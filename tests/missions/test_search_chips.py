from datetime import date
from urllib.parse import parse_qs

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from missions.forms import SearchForm
from missions.search_chips import active_filter_chips

pytestmark = pytest.mark.django_db


def chips_of(query: str, language: str = "en"):
    with translation.override(language):
        get = QueryDict(query)
        form = SearchForm(get)
        form.is_valid()
        values = {
            name: form.cleaned_data.get(name) for name in form.fields if name not in form.errors
        }
        return active_filter_chips(form=form, values=values, query=get)


def test_each_country_of_the_search_is_a_chip_named_in_the_language():
    chips = chips_of("country=SN&country=KH", language="fr")
    assert [chip.text for chip in chips] == ["Sénégal", "Cambodge"]


def test_removing_a_chip_keeps_every_other_value_and_drops_the_page():
    chips = chips_of("country=SN&country=KH&domain=health&sort=newest&page=3")
    senegal = next(chip for chip in chips if chip.text == "Senegal")
    assert parse_qs(senegal.remove_url[1:]) == {
        "country": ["KH"],
        "domain": ["health"],
        "sort": ["newest"],
    }


def test_the_sort_is_not_a_filter():
    assert chips_of("sort=newest") == []


def test_a_refused_value_gets_no_chip():
    assert chips_of("start_from=not-a-date") == []


def test_dates_amounts_and_durations_read_as_sentences():
    chips = chips_of("start_from=2027-03-01&allowance_min=400&duration_min=6&duration_max=12")
    assert [chip.text for chip in chips] == [
        f"Starts from: {date(2027, 3, 1):%B} 1, 2027",
        "At least 6 months",
        "At most 12 months",
        "At least €400 a month",
    ]


def test_the_search_page_lists_its_active_filters_as_links_that_remove_them(client):
    response = client.get(reverse("missions:search"), {"q": "santé", "region": "africa"})
    page = response.content.decode()
    assert "Active filters" in page or "Filtres actifs" in page
    chips = response.context["filter_chips"]
    assert len(chips) == 2
    assert chips[0].remove_url == "?region=africa"


def test_removing_the_eligible_chip_turns_the_filter_off_rather_than_to_its_default():
    (chip,) = chips_of("eligible=1&country=SN")[1:]
    assert chip.text == "Only missions I can apply to"
    assert parse_qs(chip.remove_url[1:]) == {"country": ["SN"], "eligible": ["0"]}


def test_the_filter_turned_off_is_no_chip():
    assert chips_of("eligible=0") == []
