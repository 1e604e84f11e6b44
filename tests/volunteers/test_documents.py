from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from missions.selectors.applications import document_viewable_by
from tests.factories import MembershipFactory, UserFactory, VolunteerFactory
from volunteers import services
from volunteers.errors import DocumentRejected, VolunteerError
from volunteers.models import Document, Volunteer

from .factories import count_queries, document, image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db

LIST = reverse("volunteers:documents")
UPLOAD_CV = reverse("volunteers:document_upload", kwargs={"kind": "cv"})
MB = 1024 * 1024


def _download(doc):
    return reverse("volunteers:document_download", args=[doc.pk])


def _post_file(client, name, content, url=UPLOAD_CV):
    return client.post(url, {"cv-file": upload(name, content)})


# --- Upload ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("cv.pdf", None, "application/pdf"),
        ("photo.JPG", image_bytes("JPEG"), "image/jpeg"),
        ("scan.jpeg", image_bytes("JPEG"), "image/jpeg"),
        ("scan.png", image_bytes("PNG"), "image/png"),
    ],
)
def test_pdf_jpeg_and_png_are_accepted(client, name, content, content_type):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    response = _post_file(client, name, content if content is not None else pdf_bytes())
    assert response.status_code == 302
    stored = Document.objects.get(volunteer=volunteer)
    assert stored.content_type == content_type
    assert stored.original_name == name


def test_upload_creates_the_profile_if_needed(client):
    user = UserFactory()
    client.force_login(user)
    _post_file(client, "cv.pdf", pdf_bytes())
    assert Document.objects.get().volunteer.user == user


def test_stored_file_has_a_random_name_in_the_kind_folder():
    stored = document(name="Mon CV secret.pdf")
    folder, _, name = stored.file.name.rpartition("/")
    assert folder == "documents/cv"
    assert len(name) == len("0" * 32 + ".pdf")
    assert "secret" not in stored.file.name
    assert default_storage.exists(stored.file.name)


def _refused(client, name, content):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    response = _post_file(client, name, content)
    assert response.status_code == 200
    assert not Document.objects.exists()
    assert (
        not default_storage.exists("documents/cv") or not default_storage.listdir("documents/cv")[1]
    )
    return response.context["sections"][0]["form"].errors["file"][0]


def test_renamed_executable_is_refused(client):
    error = _refused(client, "cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    assert "PDF, JPEG ou PNG" in error


def test_exe_file_is_refused(client):
    assert "PDF, JPEG ou PNG" in _refused(client, "setup.exe", b"MZ\x90\x00" + b"\x00" * 100)


def test_empty_file_is_refused(client):
    assert "vide" in _refused(client, "cv.pdf", b"")


def test_a_file_just_over_five_megabytes_is_refused_by_the_form(client):
    """Over the 6 MiB body cap the request never reaches the form (a 413 page:
    tests/security/test_request_size.py); between 5 MB and the cap, the form says why."""
    content = pdf_bytes()[:-6] + b" " * (5 * MB + 1024) + b"%%EOF\n"
    refusal = _refused(client, "cv.pdf", content)
    assert "pèse 5,0\u00a0Mo\u00a0; le maximum est de 5\u00a0Mo." in refusal


def test_exactly_five_megabytes_are_accepted():
    head = pdf_bytes()
    content = head[:-6] + b" " * (5 * MB - len(head)) + b"%%EOF\n"
    assert len(content) == 5 * MB
    assert document(content=content).size == 5 * MB


def test_real_png_named_pdf_is_refused(client):
    error = _refused(client, "cv.pdf", image_bytes("PNG"))
    assert "«\u00a0.pdf\u00a0»" in error
    assert ".png" in error


def test_pdf_named_png_is_refused(client):
    assert "«\u00a0.png\u00a0»" in _refused(client, "cv.png", pdf_bytes())


def test_file_without_extension_is_refused(client):
    assert "«\u00a0–\u00a0»" in _refused(client, "cv", pdf_bytes())


def test_damaged_png_is_refused(client):
    content = image_bytes("PNG")[:20]
    assert "endommagée" in _refused(client, "scan.png", content)


def test_truncated_pdf_is_refused(client):
    assert "incomplet" in _refused(client, "cv.pdf", pdf_bytes()[:60])


def test_error_is_in_english_for_an_english_page(client):
    volunteer = VolunteerFactory()
    client.force_login(volunteer.user)
    client.cookies["django_language"] = "en"
    response = _post_file(client, "cv.pdf", b"")
    assert "The file is empty" in response.content.decode()


def test_upload_without_a_file_is_refused(client):
    client.force_login(VolunteerFactory().user)
    response = client.post(UPLOAD_CV, {})
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_upload_of_an_unknown_kind_is_404(client):
    client.force_login(VolunteerFactory().user)
    url = reverse("volunteers:document_upload", kwargs={"kind": "passport"})
    assert client.post(url, {"passport-file": upload()}).status_code == 404


def test_upload_refuses_get(client):
    client.force_login(VolunteerFactory().user)
    assert client.get(UPLOAD_CV).status_code == 405


def test_upload_by_anonymous_goes_to_login(client):
    response = client.post(UPLOAD_CV, {"cv-file": upload()})
    assert response.status_code == 302
    assert not Document.objects.exists()


def test_service_refuses_a_renamed_executable_too():
    with pytest.raises(DocumentRejected):
        services.document_upload(
            volunteer=VolunteerFactory(), kind="cv", upload=upload("cv.pdf", b"MZ" + b"\0" * 50)
        )


def test_replacing_a_document_deletes_the_old_file(django_capture_on_commit_callbacks):
    volunteer = VolunteerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = document(volunteer)
    old_name = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        second = document(volunteer, name="nouveau.png", content=image_bytes("PNG"))
    assert second.pk == first.pk
    assert not default_storage.exists(old_name)
    assert default_storage.exists(second.file.name)
    assert Document.objects.count() == 1


def test_owner_deletes_a_document(client, django_capture_on_commit_callbacks):
    stored = document()
    client.force_login(stored.volunteer.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("volunteers:document_delete", args=[stored.pk]))
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not default_storage.exists(stored.file.name)


def test_deleting_a_document_asks_first_on_get(client):
    stored = document()
    client.force_login(stored.volunteer.user)
    url = reverse("volunteers:document_delete", args=[stored.pk])
    body = client.get(url).content.decode()
    assert f'<form method="post" action="{url}"' in body
    assert Document.objects.filter(pk=stored.pk).exists()


def test_the_documents_page_links_delete_to_its_question(client):
    stored = document()
    client.force_login(stored.volunteer.user)
    url = reverse("volunteers:document_delete", args=[stored.pk])
    assert f'href="{url}" data-confirm-dialog=' in client.get(LIST).content.decode()


@pytest.mark.parametrize("who", ["volunteer", "staff"])
def test_outsider_cannot_delete_a_document(client, who):
    stored = document()
    client.force_login(VolunteerFactory().user if who == "volunteer" else MembershipFactory().user)
    assert client.post(reverse("volunteers:document_delete", args=[stored.pk])).status_code == 404
    assert Document.objects.filter(pk=stored.pk).exists()


# --- Download ----------------------------------------------------------------------------


def test_owner_downloads_the_document_as_a_private_attachment(client):
    stored = document(name="Mon CV.pdf")
    client.force_login(stored.volunteer.user)
    response = client.get(_download(stored))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Mon CV.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_download_goes_to_login(client):
    response = client.get(_download(document()))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_another_volunteer_gets_404(client):
    stored = document()
    client.force_login(VolunteerFactory().user)
    assert client.get(_download(stored)).status_code == 404


def test_association_staff_without_application_gets_404(client):
    stored = document()
    client.force_login(MembershipFactory().user)
    assert client.get(_download(stored)).status_code == 404


def test_site_admin_gets_404_through_this_view(client):
    stored = document()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(_download(stored)).status_code == 404


def test_unknown_document_is_404(client):
    client.force_login(VolunteerFactory().user)
    assert client.get(reverse("volunteers:document_download", args=[999])).status_code == 404


# Staff access with the real applications and contracts: tests/volunteers/test_contracts_data.py


def test_inactive_owner_cannot_view():
    stored = document()
    stored.volunteer.user.is_active = False
    assert not document_viewable_by(stored, stored.volunteer.user)


# --- Criminal record check ---------------------------------------------------------------


def test_checking_a_criminal_record_deletes_the_file_and_keeps_the_record(
    django_capture_on_commit_callbacks,
):
    stored = document(kind="criminal_record", name="casier.pdf")
    name = stored.file.name
    staff = MembershipFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        checked = services.criminal_record_mark_checked(
            document=stored, by=staff, outcome=Document.Outcome.CLEAR
        )
    checked.refresh_from_db()
    assert not default_storage.exists(name)
    assert not checked.file
    assert checked.checked_by == staff
    assert checked.checked_at is not None
    assert checked.outcome == "clear"
    assert checked.original_name == "casier.pdf"


def test_checked_criminal_record_can_no_longer_be_downloaded(client):
    stored = document(kind="criminal_record")
    services.criminal_record_mark_checked(
        document=stored, by=MembershipFactory().user, outcome="entries_recorded"
    )
    client.force_login(stored.volunteer.user)
    assert client.get(_download(stored)).status_code == 404
    page = client.get(LIST).content.decode()
    assert "Vérifié par l’association" in page
    assert "Mentions inscrites" in page


def test_a_cv_cannot_be_marked_checked():
    with pytest.raises(VolunteerError):
        services.criminal_record_mark_checked(
            document=document(), by=MembershipFactory().user, outcome="clear"
        )


def test_unknown_outcome_is_refused():
    stored = document(kind="criminal_record")
    with pytest.raises(VolunteerError):
        services.criminal_record_mark_checked(document=stored, by=None, outcome="maybe")
    stored.refresh_from_db()
    assert stored.file


def test_criminal_record_cannot_be_checked_twice():
    stored = document(kind="criminal_record")
    staff = MembershipFactory().user
    services.criminal_record_mark_checked(document=stored, by=staff, outcome="clear")
    with pytest.raises(VolunteerError):
        services.criminal_record_mark_checked(document=stored, by=staff, outcome="clear")


def test_new_criminal_record_after_a_check_starts_unchecked():
    stored = document(kind="criminal_record")
    services.criminal_record_mark_checked(
        document=stored, by=MembershipFactory().user, outcome="clear"
    )
    again = document(stored.volunteer, kind="criminal_record")
    assert again.pk == stored.pk
    assert again.checked_at is None
    assert again.outcome == ""


# --- List --------------------------------------------------------------------------------


def test_list_sends_anonymous_to_login(client):
    assert reverse("account_login") in client.get(LIST)["Location"]


def test_list_shows_only_the_persons_documents(client):
    document(name="pas-le-mien.pdf")
    mine = document(name="le-mien.pdf")
    client.force_login(mine.volunteer.user)
    page = client.get(LIST).content.decode()
    assert "le-mien.pdf" in page
    assert "pas-le-mien.pdf" not in page


def test_list_query_count_is_pinned_with_and_without_documents(client):
    empty = VolunteerFactory()
    full = VolunteerFactory()
    document(full)
    services.criminal_record_mark_checked(
        document=document(full, kind="criminal_record"),
        by=MembershipFactory().user,
        outcome="clear",
    )
    client.force_login(empty.user)
    without = count_queries(client, LIST)
    client.force_login(full.user)
    with_documents = count_queries(client, LIST)
    # volunteer, its prior missions and languages (prefetched), documents with checked_by
    assert without == with_documents
    assert with_documents[1] == 4


def test_concurrent_first_uploads_keep_one_document_and_no_orphan_file(monkeypatch):
    volunteer = VolunteerFactory()
    first = document(volunteer)
    # Simulate the race: the service does not see the row another request just inserted.
    real_filter = Document.objects.select_for_update

    class _Blind:
        def filter(self, **kwargs):
            return Document.objects.none()

    monkeypatch.setattr(Document.objects, "select_for_update", lambda: _Blind())
    with pytest.raises(VolunteerError):
        document(volunteer, name="second.pdf")
    monkeypatch.setattr(Document.objects, "select_for_update", real_filter)
    assert Document.objects.get().pk == first.pk
    assert default_storage.listdir("documents/cv")[1] == [first.file.name.rpartition("/")[2]]


def test_refused_first_upload_leaves_no_empty_profile(client):
    user = UserFactory()
    client.force_login(user)
    _post_file(client, "cv.pdf", b"MZ" + bytes(100))
    assert not Volunteer.objects.filter(user=user).exists()


@pytest.mark.parametrize("documents", [0, 2])
def test_list_query_count_is_capped(client, django_assert_max_num_queries, documents):
    volunteer = VolunteerFactory()
    if documents:
        document(volunteer)
        document(volunteer, kind="criminal_record")
    client.force_login(volunteer.user)
    # session, user, 4 of ours, and at most 4 for the shared header
    with django_assert_max_num_queries(10):
        assert client.get(LIST).status_code == 200


def test_download_name_with_control_characters_is_served(client):
    stored = document(name="cv\r\nSet-Cookie: x.pdf")
    assert stored.original_name == "cvSet-Cookie: x.pdf"
    client.force_login(stored.volunteer.user)
    response = client.get(_download(stored))
    assert response.status_code == 200
    assert "\n" not in response["Content-Disposition"]
