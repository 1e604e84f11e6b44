"""Export pages (missions/views/exports.py): asking (POST, redirect, flash, once per form),
the list, the download scoped to the person who asked, France Volontaires' page in the admin."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import load_workbook

from missions.models import Export
from tests.factories import (
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
    otp_verify,
)
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db

ASK = reverse("missions:export_request")
LIST = reverse("missions:exports")
NATIONAL = reverse("national_exports")


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Posts the export form; the build queued on commit runs in-process (no broker)."""

    def post(client, kind="contracts", file_format="xlsx", key=None, url=ASK):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                url,
                {"kind": kind, "file_format": file_format, "request_key": str(key or uuid.uuid4())},
            )

    return post


def _download(client, export):
    return client.get(reverse("missions:export_download", kwargs={"pk": export.pk}))


@pytest.fixture
def contract(association):
    return ContractFactory(application__mission__association=association)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.django_db(transaction=True)
def test_asking_redirects_to_the_list_with_the_file_ready(association, staff, client):
    ContractFactory(application__mission__association=association)
    client.force_login(staff)
    response = client.post(
        ASK, {"kind": "contracts", "file_format": "xlsx", "request_key": str(uuid.uuid4())}
    )
    assert response.status_code == 302
    assert response["Location"] == LIST
    export = Export.objects.get()
    assert export.status == Export.Status.READY  # in-process: built before the redirect
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Votre export est prêt\u00a0: téléchargez-le ci-dessous."
    ]


def test_a_double_click_posts_the_same_key_and_makes_one_file(staff_client, contract, ask):
    key = uuid.uuid4()
    ask(staff_client, key=key)
    ask(staff_client, key=key)
    assert Export.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DATA_EXPORTED).count() == 1


def test_a_form_without_its_key_asks_for_nothing(staff_client, contract):
    response = staff_client.post(ASK, {"kind": "contracts", "file_format": "csv"})
    assert response.status_code == 302
    assert not Export.objects.exists()


def test_asking_is_post_only(staff_client):
    assert staff_client.get(ASK).status_code == 405


def test_anonymous_is_sent_to_log_in(client, ask):
    assert ask(client).status_code == 302
    assert reverse("account_login") in ask(client)["Location"]
    assert not Export.objects.exists()


def test_a_volunteer_cannot_ask_for_an_export(client, ask):
    client.force_login(VolunteerFactory().user)
    assert ask(client).status_code == 404
    assert client.get(LIST).status_code == 404


def test_the_list_shows_each_exports_state_and_a_download_link(staff_client, contract, ask):
    ask(staff_client)
    export = Export.objects.get()
    response = staff_client.get(LIST)
    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("missions:export_download", kwargs={"pk": export.pk}) in content
    assert "Prêt, 1\u00a0ligne" in content


def test_the_person_who_asked_downloads_the_xlsx(staff_client, contract, ask):
    ask(staff_client)
    export = Export.objects.get()
    response = _download(staff_client, export)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store, private"
    assert 'filename="contrats-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 2


@pytest.mark.parametrize("who", ["other_staff", "colleague", "outsider", "france_volontaires"])
def test_nobody_else_downloads_the_file(client, staff, contract, association, who, ask):
    client.force_login(staff)
    ask(client)
    export = Export.objects.get()
    other = {
        "other_staff": lambda: MembershipFactory().user,
        "colleague": lambda: MembershipFactory(association=association).user,
        "outsider": UserFactory,
        "france_volontaires": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(other)
    if who == "france_volontaires":
        otp_verify(client, other)
    assert _download(client, export).status_code == 404


def test_an_expired_file_is_no_longer_downloaded(staff_client, contract, ask):
    ask(staff_client)
    export = Export.objects.get()
    Export.objects.filter(pk=export.pk).update(expires_at=export.ready_at - timedelta(seconds=1))
    assert _download(staff_client, export).status_code == 404


def test_anonymous_downloads_nothing(client, staff, contract, ask):
    client.force_login(staff)
    ask(client)
    client.logout()
    response = _download(client, Export.objects.get())
    assert response.status_code == 302


def test_the_staff_pages_carry_the_export_buttons(staff_client, contract):
    for url, kind in (
        (reverse("missions:manage"), "missions"),
        (reverse("missions:contracts"), "contracts"),
        (reverse("missions:applications", kwargs={"pk": contract.mission_id}), "applications"),
    ):
        content = staff_client.get(url).content.decode()
        assert f'name="kind" value="{kind}"' in content
        assert f'action="{ASK}"' in content


def test_each_showing_of_the_buttons_has_a_fresh_key(staff_client):
    first = staff_client.get(LIST).content.decode()
    second = staff_client.get(LIST).content.decode()
    key = 'name="request_key" value="'
    assert first.split(key)[1][:36] != second.split(key)[1][:36]


# --- France Volontaires ----------------------------------------------------------------


def test_france_volontaires_export_every_association_from_the_admin(verified_admin_client, ask):
    MissionFactory(), MissionFactory()
    response = ask(verified_admin_client, kind="missions", file_format="csv", url=NATIONAL)
    assert response["Location"] == NATIONAL
    export = Export.objects.get()
    assert export.every_association
    assert export.rows == 2
    page = verified_admin_client.get(NATIONAL)
    assert page.status_code == 200
    assert reverse("missions:export_download", kwargs={"pk": export.pk}) in page.content.decode()
    assert _download(verified_admin_client, export).status_code == 200


def test_the_admin_links_to_the_exports_page(verified_admin_client):
    assert NATIONAL in verified_admin_client.get(reverse("admin:index")).content.decode()


def test_staff_without_their_second_factor_are_sent_to_it(client, ask):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(NATIONAL)
    assert response.status_code == 302
    assert reverse("security:two_factor_setup") in response["Location"]
    assert ask(client, url=NATIONAL).status_code == 302
    assert not Export.objects.exists()


def test_association_staff_do_not_reach_the_national_page(staff_client, ask):
    response = staff_client.get(NATIONAL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert ask(staff_client, url=NATIONAL).status_code == 302
    assert not Export.objects.exists()


def test_anonymous_is_sent_to_the_admin_login(client):
    assert reverse("admin:login") in client.get(NATIONAL)["Location"]
