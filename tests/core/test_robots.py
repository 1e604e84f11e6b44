"""/robots.txt (vsi_portal.views.robots_txt): the public pages open to crawlers, the
private spaces closed, the sitemap's full address."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _rules(client) -> list[str]:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content.decode().splitlines()


def test_robots_starts_with_its_user_agent_line(client):
    assert _rules(client)[0] == "User-agent: *"


def test_robots_closes_the_private_spaces(client):
    rules = _rules(client)
    for path in (
        reverse("admin:index"),
        "/accounts/",
        "/me/",
        reverse("missions:manage"),
        reverse("missions:saved"),
        reverse("missions:my_applications"),
        reverse("associations:staff_home"),
        reverse("notifications:list"),
        "/associations/*/manage/",
    ):
        assert f"Disallow: {path}" in rules


def test_robots_leaves_the_public_pages_open(client):
    rules = _rules(client)
    disallowed = [rule.removeprefix("Disallow: ") for rule in rules if rule.startswith("Disallow")]
    for public in ("/", "/missions/", "/missions/feed/", "/associations/", "/privacy/"):
        assert public not in disallowed
    # After the closed paths: a crawler taking the first rule that matches reads them first.
    assert rules.index("Allow: /") > max(i for i, rule in enumerate(rules) if "Disallow" in rule)


def test_robots_gives_the_sitemaps_full_address(client, settings):
    settings.SITE_URL = "https://vsi.example.org"
    assert "Sitemap: https://vsi.example.org/sitemap.xml" in _rules(client)
