"""France Volontaires' admin site (vsi_portal/admin.py): in French, one accounts section, and
a home that opens on the review queue."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from associations.models import AssociationDecision
from associations.services.associations import association_document_upload
from demo.pdf import pdf_upload
from missions.services.conversations import message_post, message_report
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
    otp_verify,
)

pytestmark = pytest.mark.django_db

Action = AssociationDecision.Action
INDEX = reverse("admin:index")


@pytest.fixture
def fv_client(client):
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def _index(client, language="fr") -> str:
    response = client.get(INDEX, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _captions(page: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>|\s+", " ", caption).strip()
        for caption in re.findall(r"<caption>(.*?)</caption>", page, re.S)
    ]


def _pending(name: str, *, submitted_days_ago: int, resubmitted: bool = False):
    """A pending association registered (or, `resubmitted`, submitted again) that long ago."""
    association = AssociationFactory(
        name=name, status="pending", approval_reference="", approval_expires_on=None
    )
    now = timezone.now()
    if resubmitted:
        steps = [
            (Action.REGISTER, submitted_days_ago + 60),
            (Action.REJECT, submitted_days_ago + 30),
            (Action.RESUBMIT, submitted_days_ago),
        ]
    else:
        steps = [(Action.REGISTER, submitted_days_ago)]
    for action, days_ago in steps:
        AssociationDecision.objects.create(
            association=association,
            action=action,
            to_status="rejected" if action == Action.REJECT else "pending",
            decided_at=now - timedelta(days=days_ago),
        )
    return association


# --- In French ----------------------------------------------------------------------------


def test_the_header_and_title_are_in_french(fv_client):
    page = _index(fv_client)
    assert "<title>Dossiers à examiner et administration | Portail VSI</title>" in page
    assert "Portail VSI – France Volontaires" in page


def test_the_header_is_in_english_in_english(client):
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True, preferred_language="en"))
    page = _index(client, "en")
    assert "VSI Portal – France Volontaires" in page


def test_every_app_section_is_in_french_and_accounts_is_one(fv_client):
    captions = _captions(_index(fv_client))
    assert captions.count("Comptes") == 1
    for french in (
        "Associations",
        "Missions",
        "Volontaires",
        "Sécurité et confidentialité",
        "E-mails sortants",
        "Notifications et rappels",
    ):
        assert french in captions
    page = _index(fv_client)
    for english in ("Otp_Totp", "TOTP", "Email addresses", "Adresses e-mail", "Accounts"):
        assert english not in page


def test_the_groups_are_in_the_one_accounts_section(fv_client):
    page = _index(fv_client)
    assert "Authentification et autorisation" not in _captions(page)
    section = page[page.index('class="app-accounts') :]
    section = section[: section.index("</table>")]
    assert "Groupes" in section and "Utilisateurs" in section


def test_the_sign_in_lockouts_section_is_named_in_french_not_after_its_library(fv_client):
    page = _index(fv_client)
    assert "Connexions et blocages" in _captions(page)
    assert "Axes" not in _captions(page)
    section = page[page.index('class="app-axes') :]
    for model in ("Tentatives de connexion", "Échecs de connexion", "Connexions"):
        assert model in section


def test_the_sign_in_attempts_list_is_worded_in_french(fv_client):
    AccessAttempt.objects.create(
        username="someone@example.org",
        ip_address="192.0.2.1",
        user_agent="Firefox",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        http_accept="*/*",
        failures_since_start=1,
    )
    response = fv_client.get("/admin/axes/accessattempt/", HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tentatives restantes" in page and "Bloqué" in page
    assert "Attempt Remaining" not in page and "Locked Out" not in page


def test_the_sign_in_lockouts_section_is_named_in_english_in_english(client):
    otp_verify(client, UserFactory(is_staff=True, is_superuser=True, preferred_language="en"))
    assert "Sign-ins and lockouts" in _captions(_index(client, "en"))


def test_a_persons_page_shows_their_addresses_and_authenticator_apps_in_french(fv_client):
    person = UserFactory()
    otp_verify(fv_client.__class__(), person)  # gives them a confirmed device
    page = fv_client.get(
        reverse("admin:accounts_user_change", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Adresses e-mail (connexion)" in page
    assert "Applications d’authentification (double authentification)" in page
    assert "Dernière utilisation le" in page


# --- The review queue ---------------------------------------------------------------------


def test_the_queue_lists_pending_files_longest_waiting_first_with_their_days(fv_client):
    recent = _pending("Association Récente", submitted_days_ago=3)
    oldest = _pending("Association Ancienne", submitted_days_ago=40)
    AssociationFactory(name="Association Agréée")
    page = _index(fv_client)
    queue = page[page.index('id="review-queue"') : page.index('id="approvals-expiring"')]
    assert queue.index(oldest.name) < queue.index(recent.name)
    assert "Association Agréée" not in queue
    assert "40 jours" in queue
    assert "3 jours" in queue
    assert "Associations en attente d’examen\u00a0: 2" in queue


def test_a_resubmitted_file_waits_from_its_new_submission_and_is_marked(fv_client):
    resubmitted = _pending("Association Corrigée", submitted_days_ago=2, resubmitted=True)
    waiting = _pending("Association Patiente", submitted_days_ago=10)
    page = _index(fv_client)
    queue = page[page.index('id="review-queue"') : page.index('id="approvals-expiring"')]
    assert queue.index(waiting.name) < queue.index(resubmitted.name)
    row = queue[queue.index(resubmitted.name) :].split("</tr>")[0]
    assert "soumise à nouveau" in row
    assert "2 jours" in row
    assert "soumise à nouveau" not in queue[queue.index(waiting.name) :].split("</tr>")[0]


def test_the_queue_says_whether_the_approval_decision_is_attached(fv_client):
    association = _pending("Association Complète", submitted_days_ago=5)
    admin = MembershipFactory(association=association, role="admin").user
    association_document_upload(
        association=association,
        kind="approval_decision",
        upload=pdf_upload("decision.pdf", ["Decision"]),
        by=admin,
    )
    _pending("Association Incomplète", submitted_days_ago=4)
    page = _index(fv_client)
    rows = {
        name: page[page.index(name) :].split("</tr>")[0]
        for name in ("Association Complète", "Association Incomplète")
    }
    assert "décision jointe" in rows["Association Complète"]
    assert "décision manquante" in rows["Association Incomplète"]


def test_an_empty_queue_says_so(fv_client):
    assert "Aucune association n’attend d’examen." in _index(fv_client)


def test_approvals_expiring_within_90_days_are_listed_soonest_first(fv_client):
    today = timezone.localdate()
    later = AssociationFactory(name="Expire Bientôt", approval_expires_on=today + timedelta(80))
    sooner = AssociationFactory(
        name="Expire Très Bientôt", approval_expires_on=today + timedelta(9)
    )
    AssociationFactory(name="Expire Plus Tard", approval_expires_on=today + timedelta(days=200))
    page = _index(fv_client)
    section = page[page.index('id="approvals-expiring"') :]
    assert section.index(sooner.name) < section.index(later.name)
    assert "Expire Plus Tard" not in section
    assert "Agréments expirant dans les 90 jours\u00a0: 2" in section


def test_the_reported_messages_waiting_are_counted_with_a_link(fv_client):
    association = AssociationFactory()
    staff = MembershipFactory(association=association).user
    volunteer = VolunteerFactory()
    application = ApplicationFactory(
        mission=MissionFactory(association=association), volunteer=volunteer
    )
    message = message_post(application=application, body="Envoyez 100 €.", by=staff)
    message_report(message=message, reason="Demande d’argent.", by=volunteer.user)
    page = _index(fv_client)
    assert "Message signalé à traiter\u00a0: 1" in page
    assert reverse("admin:missions_messagereport_changelist") + "?handled=no" in page


def test_no_reported_message_means_no_section(fv_client):
    assert 'id="reported-messages"' not in _index(fv_client)


def test_staff_without_the_associations_permission_see_no_queue(client):
    staff = UserFactory(is_staff=True)
    otp_verify(client, staff)
    _pending("Association Secrète", submitted_days_ago=3)
    page = _index(client)
    assert 'id="review-queue"' not in page
    assert "Association Secrète" not in page


def test_the_queue_costs_the_same_queries_for_1_and_20_files(fv_client):
    _pending("Association 0", submitted_days_ago=1)
    with CaptureQueriesContext(connection) as one:
        _index(fv_client)
    for number in range(1, 20):
        _pending(f"Association {number}", submitted_days_ago=number + 1)
    with CaptureQueriesContext(connection) as twenty:
        _index(fv_client)
    assert len(twenty) == len(one)
