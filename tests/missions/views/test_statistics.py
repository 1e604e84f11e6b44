"""The public statistics page: anyone, from the footer, small counts suppressed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ContractFactory, MissionFactory, VolunteerFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

URL = reverse("statistics")


def test_anyone_reads_the_statistics_from_the_footer(client):
    home = client.get(reverse("home")).content.decode()
    assert f'href="{URL}"' in home
    assert client.get(URL).status_code == 200


def test_a_small_count_is_shown_as_under_5_and_never_exactly(client):
    for _ in range(3):
        MissionFactory(country="MG", published_at=timezone.now())
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = page[page.index("Madagascar") :].split("</tr>")[0]
    assert re.search("&lt;[ \u00a0]5<", row)
    assert ">3<" not in row


def test_the_page_gives_no_total(client):
    MissionFactory(published_at=timezone.now())
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Total" not in page


def test_the_page_is_public_and_may_be_cached_briefly(client):
    response = client.get(URL)
    assert "public" in response["Cache-Control"]


def test_a_signed_in_visitor_reads_it_too_and_it_stays_private_for_them(client):
    client.force_login(VolunteerFactory().user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_the_page_costs_no_figure_query_once_computed(client):
    ContractFactory(status="active")
    first = count_queries(client, URL)
    assert count_queries(client, URL) == first - 6
