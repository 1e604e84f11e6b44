"""The association's file: its approval decision and statutes, uploaded by its administrators,
read only by them and by France Volontaires (through the admin); 404 for anyone else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from associations.errors import AssociationError
from associations.models import Association, AssociationDocument
from associations.services.associations import association_document_upload
from demo.pdf import sample_pdf
from tests.factories import AssociationFactory, MembershipFactory, UserFactory, otp_verify
from vsi_portal.security.models import AuditEvent
from vsi_portal.uploads import MAX_DOCUMENT_BYTES

from .conftest import association_url, image_upload

pytestmark = pytest.mark.django_db

Kind = AssociationDocument.Kind


def pdf(name="decision.pdf", *lines):
    return SimpleUploadedFile(name, sample_pdf(*(lines or ("Decision d'agrement",))))


def attach(membership, kind=Kind.APPROVAL_DECISION, name="decision.pdf"):
    return association_document_upload(
        association=membership.association, kind=kind, upload=pdf(name), by=membership.user
    )


def portal_url(association, kind=Kind.APPROVAL_DECISION):
    return association_url("file_document", association, kind=kind)


def admin_url(association, kind=Kind.APPROVAL_DECISION):
    return reverse("admin:associations_association_document", args=[association.pk, kind])


@pytest.fixture
def on_file(owner):
    """Association X's approval decision, on file."""
    return attach(owner)


# --- Who reads a document ---------------------------------------------------------------


def test_the_associations_admin_downloads_its_document_privately(client, owner, on_file):
    client.force_login(owner.user)
    response = client.get(portal_url(owner.association))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="decision.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.DOCUMENT_DOWNLOADED, subject_id=str(on_file.pk)
    ).exists()


def test_another_associations_admin_gets_404(client, owner, on_file, other_staff):
    client.force_login(other_staff)
    assert client.get(portal_url(owner.association)).status_code == 404


def test_an_editor_of_the_association_gets_404(client, owner, on_file):
    editor = MembershipFactory(association=owner.association, role="editor").user
    client.force_login(editor)
    assert client.get(portal_url(owner.association)).status_code == 404


def test_a_volunteer_gets_404(client, owner, on_file, volunteer_user):
    client.force_login(volunteer_user)
    assert client.get(portal_url(owner.association)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, owner, on_file):
    response = client.get(portal_url(owner.association))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_missing_document_is_404_even_to_the_admin(client, owner):
    client.force_login(owner.user)
    assert client.get(portal_url(owner.association, Kind.STATUTES)).status_code == 404


def test_an_unknown_kind_is_404(client, owner, on_file):
    client.force_login(owner.user)
    assert client.get(portal_url(owner.association, "passport")).status_code == 404


def test_france_volontaires_reads_it_from_the_admin(client, owner, on_file, fv_admin):
    otp_verify(client, fv_admin)
    response = client.get(admin_url(owner.association))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]


def test_france_volontaires_is_not_a_member_on_the_portal_page(client, owner, on_file, fv_admin):
    otp_verify(client, fv_admin)
    assert client.get(portal_url(owner.association)).status_code == 404


def test_staff_without_the_view_permission_gets_404_in_the_admin(client, owner, on_file):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_mission"))
    otp_verify(client, staff)
    assert client.get(admin_url(owner.association)).status_code == 404


def test_the_associations_own_admin_cannot_use_the_admins_address(client, owner, on_file):
    client.force_login(owner.user)
    response = client.get(admin_url(owner.association))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_review_page_links_each_document_and_says_what_is_missing(
    client, owner, on_file, fv_admin
):
    otp_verify(client, fv_admin)
    page = client.get(
        reverse("admin:associations_association_change", args=[owner.association.pk]),
        HTTP_ACCEPT_LANGUAGE="fr",
    ).content.decode()
    assert admin_url(owner.association) in page
    assert "decision.pdf" in page
    assert "Statuts" in page
    assert "aucun fichier joint" in page


# --- Uploading ---------------------------------------------------------------------------


def _edit(client, association, **files):
    data = {
        "name": association.name,
        "kind": association.kind,
        "legal_identifier": association.legal_identifier,
        "approval_reference": association.approval_reference,
        "address": "1 rue de la Paix, Paris",
        "city": "Paris",
        "country": "FR",
        "contact_email": association.contact_email,
        "description": "Une association.",
        "min_volunteer_age": 18,
        **files,
    }
    return client.post(association_url("edit", association), data)


def test_registration_attaches_the_decision_and_the_statutes(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("associations:register"),
        {
            "name": "Nouvelle Association",
            "kind": "association",
            "legal_identifier": "W123456789",
            "approval_reference": "VSI-2026-0042",
            "address": "1 rue de la Paix, Paris",
            "city": "Paris",
            "country": "FR",
            "contact_email": "contact@nouvelle.example.org",
            "description": "Une association.",
            "min_volunteer_age": 18,
            "approval_decision": pdf("agrement.pdf"),
            "statutes": pdf("statuts.pdf"),
        },
    )
    assert response.status_code == 302
    association = Association.objects.get(name="Nouvelle Association")
    assert association.approval_reference == "VSI-2026-0042"
    documents = {d.kind: d for d in association.documents.all()}
    assert documents[Kind.APPROVAL_DECISION].original_name == "agrement.pdf"
    assert documents[Kind.STATUTES].original_name == "statuts.pdf"
    assert documents[Kind.STATUTES].uploaded_by == user
    assert documents[Kind.STATUTES].file.name.startswith("association-documents/statutes/")
    assert "statuts" not in documents[Kind.STATUTES].file.name


def test_registration_refuses_a_document_that_is_not_a_pdf_and_registers_nothing(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("associations:register"),
        {
            "name": "Nouvelle Association",
            "kind": "association",
            "legal_identifier": "W123456789",
            "address": "1 rue de la Paix, Paris",
            "country": "FR",
            "contact_email": "contact@nouvelle.example.org",
            "description": "Une association.",
            "min_volunteer_age": 18,
            "approval_decision": image_upload("decision.png"),
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    assert "Seuls les documents PDF sont acceptés" in " ".join(
        response.context["form"].errors["approval_decision"]
    )
    assert not Association.objects.exists()


def test_the_admin_attaches_the_missing_decision_when_correcting_the_file(
    client, owner, django_capture_on_commit_callbacks
):
    client.force_login(owner.user)
    response = _edit(client, owner.association, approval_decision=pdf("agrement.pdf"))
    assert response.status_code == 302
    assert owner.association.documents.get().original_name == "agrement.pdf"


def test_a_new_upload_replaces_the_document_and_deletes_its_file(
    client, owner, on_file, django_capture_on_commit_callbacks
):
    old_name = on_file.file.name
    client.force_login(owner.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(client, owner.association, approval_decision=pdf("nouvelle.pdf"))
    assert response.status_code == 302
    document = owner.association.documents.get()
    assert document.original_name == "nouvelle.pdf"
    assert not default_storage.exists(old_name)
    assert default_storage.exists(document.file.name)


def test_correcting_the_file_without_a_new_document_keeps_the_one_on_file(client, owner, on_file):
    client.force_login(owner.user)
    assert _edit(client, owner.association).status_code == 302
    assert owner.association.documents.get().pk == on_file.pk


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("decision.pdf", b"", "vide"),
        ("decision.pdf", b"%PDF-1.4\n" + b"0" * (MAX_DOCUMENT_BYTES + 1), "5\u00a0Mo"),
        ("decision.pdf", b"GIF89a not a pdf at all", "Seuls les documents PDF"),
        ("decision.txt", sample_pdf("x"), "se termine par"),
        ("decision.pdf", b"%PDF-1.4\ntruncated", "incomplet"),
    ],
)
def test_an_unacceptable_file_is_a_form_error(client, owner, name, content, message):
    client.force_login(owner.user)
    response = client.post(
        association_url("edit", owner.association),
        {
            "name": owner.association.name,
            "kind": "association",
            "legal_identifier": owner.association.legal_identifier,
            "address": "1 rue de la Paix",
            "country": "FR",
            "contact_email": owner.association.contact_email,
            "description": "Une association.",
            "min_volunteer_age": 18,
            "statutes": SimpleUploadedFile(name, content),
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["statutes"])
    assert not owner.association.documents.exists()


def test_the_service_refuses_an_editor(owner):
    editor = MembershipFactory(association=owner.association, role="editor")
    with pytest.raises(AssociationError) as refused:
        attach(editor)
    assert refused.value.code == "not_admin"


def test_the_service_checks_the_content_itself(owner):
    with pytest.raises(AssociationError) as refused:
        association_document_upload(
            association=owner.association,
            kind=Kind.STATUTES,
            upload=image_upload("statuts.pdf"),
            by=owner.user,
        )
    assert refused.value.code == "document_rejected"


def test_concurrent_first_uploads_keep_one_document_and_no_orphan_file(owner, monkeypatch):
    first = attach(owner)
    # Simulate the race: the service does not see the row another request just inserted.
    real_filter = AssociationDocument.objects.select_for_update

    class _Blind:
        def filter(self, **kwargs):
            return AssociationDocument.objects.none()

    monkeypatch.setattr(AssociationDocument.objects, "select_for_update", lambda: _Blind())
    with pytest.raises(AssociationError) as refused:
        attach(owner, name="second.pdf")
    monkeypatch.setattr(AssociationDocument.objects, "select_for_update", real_filter)
    assert refused.value.code == "document_race"
    assert AssociationDocument.objects.get().pk == first.pk
    folder = first.file.name.rpartition("/")[0]
    assert default_storage.listdir(folder)[1] == [first.file.name.rpartition("/")[2]]


def test_the_approved_associations_reference_is_fixed(client, owner):
    client.force_login(owner.user)
    page = client.get(association_url("edit", owner.association)).content.decode()
    assert 'name="approval_reference"' in page
    response = _edit(client, owner.association, approval_reference="VSI-AUTRE")
    owner.association.refresh_from_db()
    assert response.status_code == 302
    assert owner.association.approval_reference != "VSI-AUTRE"  # a disabled field


# --- Where the documents show -----------------------------------------------------------


def test_the_manage_page_lists_the_documents_to_its_admins(client, owner, on_file):
    client.force_login(owner.user)
    page = client.get(association_url("manage", owner.association)).content.decode()
    assert portal_url(owner.association) in page
    assert "aucun fichier joint" in page  # the statutes


def test_the_manage_page_asks_a_pending_association_for_its_decision(client):
    admin = MembershipFactory(
        association=AssociationFactory(status="pending", approval_reference=""), role="admin"
    )
    attach(admin, Kind.STATUTES, "statuts.pdf")
    client.force_login(admin.user)
    page = client.get(association_url("manage", admin.association)).content.decode()
    assert "a besoin de la décision d’agrément" in page


def test_the_manage_page_asks_nothing_once_the_decision_is_attached(client):
    admin = MembershipFactory(association=AssociationFactory(status="pending"), role="admin")
    attach(admin)
    client.force_login(admin.user)
    page = client.get(association_url("manage", admin.association)).content.decode()
    assert "a besoin de la décision d’agrément" not in page


def test_the_manage_page_shows_no_document_to_an_editor(client, owner, on_file):
    editor = MembershipFactory(association=owner.association, role="editor").user
    client.force_login(editor)
    page = client.get(association_url("manage", owner.association)).content.decode()
    assert portal_url(owner.association) not in page


def test_a_document_is_stored_under_a_random_name_in_its_kinds_folder():
    association = AssociationFactory(status="pending")
    admin = MembershipFactory(association=association, role="admin")
    document = attach(admin, name="Décision signée.pdf")
    assert document.file.name.startswith("association-documents/approval_decision/")
    assert "signée" not in document.file.name
    assert document.original_name == "Décision signée.pdf"
