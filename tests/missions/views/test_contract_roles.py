"""The role matrix on the contract pages: editors read contracts, without the buttons they
cannot use, the criminal record or the early end's explanation; their POSTs are 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ApplicationFactory, ContractFactory, MembershipFactory
from tests.missions.engagement import upload_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(association):
    return MembershipFactory(association=association, role="editor").user


@pytest.fixture
def contract(association):
    contract = ContractFactory(application__mission__association=association)
    upload_document(contract.volunteer)
    return contract


def _page(client, user, contract):
    client.force_login(user)
    return client.get(reverse("missions:contract_detail", kwargs={"pk": contract.pk}))


def test_an_editor_reads_the_contract_without_its_forms_or_criminal_record(
    client, editor, contract
):
    response = _page(client, editor, contract)
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "contract_give_notice",
        "contract_criminal_record",
        "contract_prerequisites",
        "contract_activate",
    ):
        assert reverse(f"missions:{name}", kwargs={"pk": contract.pk}) not in html
    assert response.context["criminal_record"] is None
    assert "/download/" not in html


def test_an_administrator_sees_the_forms_and_the_extract(client, staff, contract):
    response = _page(client, staff, contract)
    html = response.content.decode()
    assert reverse("missions:contract_criminal_record", kwargs={"pk": contract.pk}) in html
    assert reverse("missions:contract_give_notice", kwargs={"pk": contract.pk}) in html
    assert response.context["criminal_record"] is not None


def test_an_editor_does_not_see_the_explanation_of_an_early_end(client, editor, association):
    contract = ContractFactory(
        application__mission__association=association,
        status="ended_early",
        end_reason="health",
        end_explanation="Hospitalised in Dakar",
        start_on=timezone.localdate() - timedelta(days=200),
        notice_given_on=timezone.localdate() - timedelta(days=60),
        notice_side="association",
        ended_on=timezone.localdate() - timedelta(days=20),
    )
    assert "Hospitalised" not in _page(client, editor, contract).content.decode()


def test_an_administrator_sees_the_explanation_of_an_early_end(client, staff, association):
    contract = ContractFactory(
        application__mission__association=association,
        status="ended_early",
        end_reason="health",
        end_explanation="Hospitalised in Dakar",
        start_on=timezone.localdate() - timedelta(days=200),
        notice_given_on=timezone.localdate() - timedelta(days=60),
        notice_side="association",
        ended_on=timezone.localdate() - timedelta(days=20),
    )
    assert "Hospitalised" in _page(client, staff, contract).content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "contract_prerequisites",
        "contract_criminal_record",
        "contract_activate",
        "contract_give_notice",
        "contract_withdraw_notice",
        "contract_complete",
        "contract_issue_certificate",
    ],
)
def test_an_editor_s_contract_moves_are_not_found(client, editor, contract, name):
    client.force_login(editor)
    response = client.post(reverse(f"missions:{name}", kwargs={"pk": contract.pk}), {})
    assert response.status_code == 404


def test_an_editor_does_not_get_the_contract_form(client, editor, association):
    application = ApplicationFactory(mission__association=association, status="accepted")
    client.force_login(editor)
    url = reverse("missions:contract_create", kwargs={"pk": application.pk})
    assert client.get(url).status_code == 404


def test_an_editor_sees_no_prepare_button_on_an_accepted_application(client, editor, association):
    application = ApplicationFactory(mission__association=association, status="accepted")
    client.force_login(editor)
    response = client.get(reverse("missions:application_detail", kwargs={"pk": application.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("missions:contract_create", kwargs={"pk": application.pk}) not in html


def test_an_administrator_sees_the_prepare_button(client, staff, association):
    application = ApplicationFactory(mission__association=association, status="accepted")
    client.force_login(staff)
    response = client.get(reverse("missions:application_detail", kwargs={"pk": application.pk}))
    html = response.content.decode()
    assert reverse("missions:contract_create", kwargs={"pk": application.pk}) in html
