"""The permission matrix: every URL pattern of the project, requested by every kind of user,
against the outcome written in EXPECTED. A URL pattern missing from EXPECTED fails the test,
so no new page escapes it.

Outcomes: a status code ("200", "400", "403", "404", "405"), "login" (redirect to the sign-in
page), "admin-login" (redirect to the admin's sign-in page), "302" (another redirect: a
success, or a page sending elsewhere). Actors: AN anonymous, VA volunteer A (owner of the
application, contract, documents, prior mission and notification), VB volunteer B, EX editor
and AX admin of association X (owner of the missions), AY admin of association Y, FV France
Volontaires admin (superuser, two-factor verified).

Who is asked what (PLAN):
- the project's own pages: every actor, GET, and POST when the view accepts it;
- allauth's pages: anonymous and volunteer A (GET). The other signed-in actors are ordinary
  accounts to allauth; its forms are fuzzed in test_fuzzing.py and tested by allauth itself;
- the Django admin: anonymous, a volunteer, an association admin and the France Volontaires
  admin on its index, app pages and every model's list; the France Volontaires admin on every
  other admin page (add, change, history, delete). Refusing non-staff is the admin site's own
  wrapper (admin_view), shared by all its pages and sampled on each list.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from tests.security.expected_access import EXPECTED, EXPECTED_VARIANTS
from tests.security.matrix import (
    ACTORS,
    Route,
    accepts_post,
    all_routes,
    build_world,
    outcome,
    sign_in,
    url_for,
)

CODES = {
    "AN": "anonymous",
    "VA": "volunteer_a",
    "VB": "volunteer_b",
    "EX": "editor_x",
    "AX": "admin_x",
    "AY": "admin_y",
    "FV": "fv_admin",
}

# Nothing is excluded: every pattern, allauth's and the admin's included, is in EXPECTED.
EXCLUDED: dict[str, str] = {}

ROUTES = [route for route in all_routes() if route.key not in EXCLUDED]


def plan(route) -> list[tuple[str, str]]:
    if route.key.startswith("account_"):
        return [(a, "get") for a in ("anonymous", "volunteer_a")]
    if route.key.startswith("admin:"):
        if route.key.endswith("_changelist") or route.key.count("_") == 0:
            return [(a, "get") for a in ("anonymous", "volunteer_a", "admin_x", "fv_admin")]
        return [("fv_admin", "get")]
    methods = ("get", "post") if accepts_post(route) else ("get",)
    return [(a, m) for m in methods for a in ACTORS]


def expected(key: str, method: str, actor: str, table=EXPECTED) -> str | None:
    cells = table.get(key, {}).get(method, "")
    for cell in cells.split():
        code, result = cell.split(":")
        if CODES[code] == actor:
            return result
    return None


CASES = [(route, actor, method) for route in ROUTES for actor, method in plan(route)]


def test_every_url_pattern_is_in_the_table():
    missing = [
        f"{route.key} {method} {actor}"
        for route in ROUTES
        for actor, method in plan(route)
        if expected(route.key, method, actor) is None
    ]
    assert missing == [], "add these to EXPECTED: " + ", ".join(missing)


def test_the_table_names_only_existing_patterns():
    assert set(EXPECTED) - {route.key for route in ROUTES} == set()


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture
def _isolated_media(settings, media_root):
    """Overrides the suite's per-test media folder: the module's documents stay readable."""
    settings.MEDIA_ROOT = str(media_root)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_root):
    """The objects, built once for the module inside a transaction rolled back at its end;
    each test's own writes roll back to a savepoint."""
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media_root)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        override_settings(STORAGES=storages, MEDIA_ROOT=str(media_root)),
        django_db_blocker.unblock(),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.parametrize(
    ("route", "actor", "method"),
    CASES,
    ids=[f"{route.key}-{actor}-{method}" for route, actor, method in CASES],
)
def test_access(route, actor, method, world, client, db):
    wanted = expected(route.key, method, actor)
    assert wanted is not None, f"{route.key} {method} {actor} is missing from EXPECTED"
    sign_in(client, world, actor)
    url = url_for(route, world)
    try:
        response = getattr(client, method)(url)
    except Exception as error:
        pytest.fail(f"{method.upper()} {url} as {actor} raised {error!r}")
    assert outcome(response) == wanted, f"{method.upper()} {url} as {actor}"


VARIANTS = [
    (name, thing, method, actor)
    for (name, thing), methods in EXPECTED_VARIANTS.items()
    for method in methods
    for actor in ACTORS
]


@pytest.mark.parametrize(
    ("name", "thing", "method", "actor"),
    VARIANTS,
    ids=[f"{name}[{thing}]-{actor}-{method}" for name, thing, method, actor in VARIANTS],
)
def test_access_to_another_object(name, thing, method, actor, world, client, db):
    """A pattern the table checks with one object, asked with another whose rules differ
    (a criminal record extract rather than a CV)."""
    wanted = expected((name, thing), method, actor, table=EXPECTED_VARIANTS)
    assert wanted is not None
    sign_in(client, world, actor)
    route = Route(key=name, name=name, route="", converters=("pk",), callback=None)
    url = url_for(route, world, pk_object=thing)
    response = getattr(client, method)(url)
    assert outcome(response) == wanted, f"{method.upper()} {url} as {actor}"
