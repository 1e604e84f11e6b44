"""The association pages, for anonymous people, the owner, other staff and volunteers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from associations.models import Association, Membership
from associations.services.associations import association_reject
from associations.services.staff import invitation_create
from tests.associations.conftest import association_url, image_upload
from tests.factories import AssociationFactory, MembershipFactory, MissionFactory, UserFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Terre d’Avenir",
    "kind": "association",
    "legal_identifier": "732 829 320 00074",
    "address": "2 place du Marché\n35000 Rennes",
    "country": "FR",
    "website": "https://terre-avenir.example.org",
    "contact_email": "contact@terre-avenir.example.org",
    "description": "Projets agricoles au Togo.",
    "min_volunteer_age": "18",
}


# --- Staff home ------------------------------------------------------------------


def test_staff_home_sends_anonymous_people_to_log_in(client):
    response = client.get(association_url("staff_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_home_invites_someone_without_association_to_register(client, volunteer_user):
    client.force_login(volunteer_user)
    page = client.get(association_url("staff_home")).content.decode()
    assert association_url("register") in page
    assert "Inscrire une association" in page


def test_staff_home_lists_the_persons_associations_with_status_and_why(client, fv_admin):
    admin = MembershipFactory(role="admin")
    rejected = AssociationFactory(status="pending")
    MembershipFactory(user=admin.user, association=rejected, role="editor")
    association_reject(association=rejected, by=fv_admin, reason="Statuts illisibles")
    client.force_login(admin.user)
    page = client.get(association_url("staff_home")).content.decode()
    assert admin.association.name in page
    assert rejected.name in page
    assert "Statuts illisibles" in page
    assert "Rejetée" in page


def test_staff_home_does_not_list_other_peoples_associations(client, owner, other_staff):
    client.force_login(other_staff)
    assert owner.association.name not in client.get(association_url("staff_home")).content.decode()


def test_staff_home_shows_invitations_waiting_for_the_person(client, owner):
    invitation_create(
        association=owner.association, email="guest@example.org", role="editor", by=owner.user
    )
    client.force_login(UserFactory(email="guest@example.org"))
    assert owner.association.name in client.get(association_url("staff_home")).content.decode()


def test_staff_home_query_count_is_the_same_for_1_and_50_associations(client, fv_admin):
    user = UserFactory()

    def add(n):
        for _ in range(n):
            association = AssociationFactory(status="pending")
            MembershipFactory(user=user, association=association)
            association_reject(association=association, by=fv_admin, reason="Incomplet")
            inviter = MembershipFactory()
            invitation_create(
                association=inviter.association, email=user.email, role="editor", by=inviter.user
            )

    client.force_login(user)
    add(1)
    one = count_queries(client, association_url("staff_home"))
    add(49)
    assert count_queries(client, association_url("staff_home")) == one


@pytest.mark.parametrize("count", [1, 50])
def test_staff_home_query_count_is_pinned(client, django_assert_max_num_queries, count):
    user = UserFactory()
    MembershipFactory.create_batch(count, user=user)
    client.force_login(user)
    # session, user, memberships, decisions, invitations, the approval warnings
    # (associations, missions, contracts); then the header's own queries
    with django_assert_max_num_queries(11):
        assert client.get(association_url("staff_home")).status_code == 200


# --- Registration ------------------------------------------------------------------


def test_register_sends_anonymous_people_to_log_in(client):
    response = client.get(association_url("register"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_register_creates_a_pending_association_with_its_registrant_as_admin(
    client, volunteer_user
):
    client.force_login(volunteer_user)
    response = client.post(association_url("register"), {**VALID, "logo": image_upload()})
    association = Association.objects.get()
    assert response.status_code == 302
    assert response.url == association_url("manage", association)
    assert association.status == "pending"
    assert association.legal_identifier == "73282932000074"
    assert association.logo
    assert Membership.objects.get(association=association, user=volunteer_user).role == "admin"


def test_register_refuses_a_siret_with_a_wrong_check_digit(client, volunteer_user):
    client.force_login(volunteer_user)
    response = client.post(
        association_url("register"), {**VALID, "legal_identifier": "73282932000075"}
    )
    assert response.status_code == 200
    assert "SIRET n’est pas valide" in response.content.decode()
    assert not Association.objects.exists()


def test_register_refuses_an_identifier_already_registered(client, volunteer_user, owner):
    client.force_login(volunteer_user)
    response = client.post(
        association_url("register"),
        {**VALID, "legal_identifier": owner.association.legal_identifier},
    )
    assert "déjà inscrite" in response.content.decode()
    assert Association.objects.count() == 1


def test_register_refuses_a_minimum_age_under_18(client, volunteer_user):
    client.force_login(volunteer_user)
    response = client.post(association_url("register"), {**VALID, "min_volunteer_age": "16"})
    assert response.status_code == 200
    assert not Association.objects.exists()


def test_register_refuses_a_file_that_is_not_an_image(client, volunteer_user):
    client.force_login(volunteer_user)
    fake = SimpleUploadedFile("logo.png", b"<html>not an image</html>", content_type="image/png")
    response = client.post(association_url("register"), {**VALID, "logo": fake})
    assert response.status_code == 200
    assert not Association.objects.exists()


def test_register_refuses_a_gif_logo(client, volunteer_user):
    client.force_login(volunteer_user)
    response = client.post(
        association_url("register"), {**VALID, "logo": image_upload("logo.gif", "GIF")}
    )
    assert "JPEG, PNG ou WebP" in response.content.decode()
    assert not Association.objects.exists()


def test_register_refuses_a_logo_over_2_mb(client, volunteer_user, monkeypatch):
    monkeypatch.setattr("associations.validators.LOGO_MAX_BYTES", 100)
    client.force_login(volunteer_user)
    response = client.post(
        association_url("register"), {**VALID, "logo": image_upload(size=(200, 200))}
    )
    assert "2 Mo" in response.content.decode()
    assert not Association.objects.exists()


def test_register_form_is_in_english_for_an_english_speaker(client, volunteer_user):
    client.force_login(volunteer_user)
    client.cookies["django_language"] = "en"
    page = client.get(association_url("register")).content.decode()
    assert "Register an association" in page


def test_register_refuses_put(client, volunteer_user):
    client.force_login(volunteer_user)
    assert client.put(association_url("register")).status_code == 405


# --- Public page ---------------------------------------------------------------


def test_public_page_of_an_approved_association_shows_its_published_missions(client, owner):
    mission = MissionFactory(association=owner.association)
    draft = MissionFactory(association=owner.association, status="draft")
    page = client.get(association_url("detail", owner.association)).content.decode()
    assert owner.association.name in page
    assert mission.title in page
    assert draft.title not in page


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_public_page_of_a_non_approved_association_is_404_for_outsiders(
    client, status, other_staff, volunteer_user
):
    association = AssociationFactory(status=status)
    assert client.get(association_url("detail", association)).status_code == 404
    for user in (other_staff, volunteer_user):
        client.force_login(user)
        assert client.get(association_url("detail", association)).status_code == 404


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_own_staff_see_their_non_approved_page_with_a_status_banner(client, status):
    membership = MembershipFactory(association=AssociationFactory(status=status), role="editor")
    client.force_login(membership.user)
    response = client.get(association_url("detail", membership.association))
    assert response.status_code == 200
    assert "Seuls votre équipe et France Volontaires voient cette page" in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_public_page_query_count_is_pinned(client, django_assert_num_queries, count):
    association = AssociationFactory()
    MissionFactory.create_batch(count, association=association)
    # the association, its published missions, its response rate: the nightly figures of
    # the day (none here), then computed
    with django_assert_num_queries(4):
        assert client.get(association_url("detail", association)).status_code == 200


def test_public_page_query_count_is_the_same_for_1_and_50_missions_for_its_staff(client, owner):
    MissionFactory(association=owner.association)
    client.force_login(owner.user)
    client.get(association_url("detail", owner.association))  # the response rate, kept
    one = count_queries(client, association_url("detail", owner.association))
    MissionFactory.create_batch(49, association=owner.association)
    assert count_queries(client, association_url("detail", owner.association)) == one


def test_unknown_association_is_404(client):
    assert client.get(association_url("detail", slug="nobody")).status_code == 404


# --- Logo ------------------------------------------------------------------------


def _with_logo(status="approved"):
    membership = MembershipFactory(role="admin", association=AssociationFactory(status=status))
    membership.association.logo.save("logo.png", image_upload(), save=True)
    return membership


def test_logo_of_an_approved_association_is_served_to_anyone(client):
    membership = _with_logo()
    response = client.get(association_url("logo", membership.association))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_logo_of_a_pending_association_is_only_for_its_staff(client, other_staff):
    membership = _with_logo("pending")
    assert client.get(association_url("logo", membership.association)).status_code == 404
    client.force_login(other_staff)
    assert client.get(association_url("logo", membership.association)).status_code == 404
    client.force_login(membership.user)
    assert client.get(association_url("logo", membership.association)).status_code == 200


def test_no_logo_is_404(client, owner):
    assert client.get(association_url("logo", owner.association)).status_code == 404


# --- Staff pages: who may open them ------------------------------------------------

STAFF_PAGES = ["manage", "members"]
ADMIN_PAGES = ["edit"]


@pytest.mark.parametrize("name", STAFF_PAGES + ADMIN_PAGES)
def test_staff_pages_send_anonymous_people_to_log_in(client, owner, name):
    response = client.get(association_url(name, owner.association))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", STAFF_PAGES + ADMIN_PAGES)
def test_staff_pages_open_for_the_associations_admin(client, owner, name):
    client.force_login(owner.user)
    assert client.get(association_url(name, owner.association)).status_code == 200


@pytest.mark.parametrize("name", STAFF_PAGES + ADMIN_PAGES)
def test_staff_of_another_association_get_404(client, owner, other_staff, name):
    client.force_login(other_staff)
    assert client.get(association_url(name, owner.association)).status_code == 404


@pytest.mark.parametrize("name", STAFF_PAGES + ADMIN_PAGES)
def test_a_volunteer_gets_404_on_staff_pages(client, owner, volunteer_user, name):
    client.force_login(volunteer_user)
    assert client.get(association_url(name, owner.association)).status_code == 404


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_editors_open_the_staff_pages(client, owner, name):
    editor = MembershipFactory(association=owner.association, role="editor")
    client.force_login(editor.user)
    assert client.get(association_url(name, owner.association)).status_code == 200


def test_editors_cannot_edit_the_file(client, owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    client.force_login(editor.user)
    assert client.get(association_url("edit", owner.association)).status_code == 404
    assert client.post(association_url("edit", owner.association), VALID).status_code == 404


@pytest.mark.parametrize("name", ["resubmit", "invite"])
def test_post_only_pages_refuse_get(client, owner, name):
    client.force_login(owner.user)
    assert client.get(association_url(name, owner.association)).status_code == 405


# --- Manage, edit, resubmit --------------------------------------------------------


def test_manage_page_shows_the_rejection_reason_and_the_history(client, fv_admin):
    membership = MembershipFactory(association=AssociationFactory(status="pending"))
    association_reject(
        association=membership.association, by=fv_admin, reason="Il manque les statuts"
    )
    client.force_login(membership.user)
    page = client.get(association_url("manage", membership.association)).content.decode()
    assert "Il manque les statuts" in page
    assert "Rejet" in page
    assert association_url("resubmit", membership.association) in page


def test_edit_saves_the_file_and_keeps_the_status(client, owner):
    client.force_login(owner.user)
    data = {
        **VALID,
        "kind": owner.association.kind,
        "legal_identifier": owner.association.legal_identifier,
        "description": "Nouvelle description.",
    }
    response = client.post(association_url("edit", owner.association), data)
    assert response.status_code == 302
    owner.association.refresh_from_db()
    assert owner.association.description == "Nouvelle description."
    assert owner.association.status == "approved"


def test_edit_cannot_change_the_identifier_of_an_approved_association(client, owner):
    client.force_login(owner.user)
    before = owner.association.legal_identifier
    client.post(
        association_url("edit", owner.association), {**VALID, "legal_identifier": "W111222333"}
    )
    owner.association.refresh_from_db()
    assert owner.association.legal_identifier == before


def test_edit_of_a_rejected_file_can_fix_the_identifier(client):
    membership = MembershipFactory(association=AssociationFactory(status="rejected"))
    client.force_login(membership.user)
    response = client.post(association_url("edit", membership.association), VALID)
    assert response.status_code == 302
    membership.association.refresh_from_db()
    assert membership.association.legal_identifier == "73282932000074"


def test_resubmit_puts_a_rejected_file_back_to_pending(client):
    membership = MembershipFactory(association=AssociationFactory(status="rejected"))
    client.force_login(membership.user)
    response = client.post(
        association_url("resubmit", membership.association), {"note": "Statuts joints"}
    )
    assert response.status_code == 302
    membership.association.refresh_from_db()
    assert membership.association.status == "pending"
    assert membership.association.decisions.get().reason == "Statuts joints"


def test_resubmit_of_an_approved_association_is_refused_with_a_message(client, owner):
    client.force_login(owner.user)
    response = client.post(association_url("resubmit", owner.association), follow=True)
    assert "ne peut pas être soumis à nouveau" in response.content.decode()
    owner.association.refresh_from_db()
    assert owner.association.status == "approved"


def test_resubmit_by_another_associations_staff_is_404(client, other_staff):
    association = AssociationFactory(status="rejected")
    MembershipFactory(association=association)
    client.force_login(other_staff)
    assert client.post(association_url("resubmit", association)).status_code == 404
    association.refresh_from_db()
    assert association.status == "rejected"
