"""Exports (missions/services/exports.py): the files' contents in CSV and XLSX, their scope,
the audit record, the notification, the headers' language, the expiry and deletion."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, datetime, timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from openpyxl import load_workbook

from missions import personal_data
from missions.errors import ExportError
from missions.models import Export
from missions.services.exports import (
    FAILED_KIND,
    READY_KIND,
    export_build,
    export_request,
    exports_delete_expired,
)
from notifications.models import Notification
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
)
from vsi_portal.security.models import AuditEvent

pytestmark = pytest.mark.django_db


def _export(by, kind, file_format="xlsx", *, language="fr", every_association=False):
    export, _created = export_request(
        by=by,
        kind=kind,
        file_format=file_format,
        request_key=uuid.uuid4(),
        language=language,
        every_association=every_association,
    )
    return export_build(export_id=export.pk)


def _sheet(export) -> list[tuple]:
    with export.file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()), read_only=True)
    rows = [tuple(row) for row in workbook.active.iter_rows(values_only=True)]
    width = len(rows[0])  # empty cells at a row's end are not written
    return [row + (None,) * (width - len(row)) for row in rows]


def _csv(export) -> list[list[str]]:
    with export.file.open("rb") as handle:
        raw = handle.read()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with its byte-order mark, for Excel
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def contract(association):
    contract = ContractFactory(
        application__mission__association=association,
        application__mission__title="Appui scolaire à Thiès",
        application__mission__country="SN",
        application__volunteer__user__full_name="Awa Diallo",
        application__volunteer__user__email="awa@example.org",
        start_on=date(2027, 3, 1),
        end_on=date(2028, 2, 29),
        allowance_eur=750,
    )
    return contract


def test_a_contracts_xlsx_has_translated_headers_dates_as_dates_and_money_as_numbers(
    contract, staff
):
    export = _export(staff, "contracts", "xlsx", language="fr")
    rows = _sheet(export)
    headers, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert headers[:4] == ("Référence", "Association", "Mission", "Volontaire")
    assert first["Référence"] == contract.pk
    assert first["Volontaire"] == "Awa Diallo"
    assert first["E-mail"] == "awa@example.org"
    assert first["Pays"] == "Sénégal"
    assert first["Statut"] == "Prévu"
    assert first["Début"] == datetime(2027, 3, 1)
    assert first["Indemnité mensuelle (€)"] == 750
    assert len(rows) == 2
    assert export.rows == 1


def test_a_contracts_csv_reads_back_with_semicolons_iso_dates_and_whole_euros(contract, staff):
    export = _export(staff, "contracts", "csv", language="fr")
    rows = _csv(export)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Mission"] == "Appui scolaire à Thiès"
    assert first["Début"] == "2027-03-01"
    assert first["Fin effective"] == ""
    assert first["Indemnité mensuelle (€)"] == "750"


def test_headers_are_in_the_language_the_person_asked_in(contract, staff):
    export = _export(staff, "contracts", "csv", language="en")
    headers = _csv(export)[0]
    assert headers[:4] == ["Reference", "Association", "Mission", "Volunteer"]
    assert "Monthly allowance (€)" in headers


@pytest.mark.parametrize("kind", ["missions", "applications", "contracts"])
def test_an_association_never_sees_another_associations_rows(kind, association, staff):
    mine = ContractFactory(application__mission__association=association)
    theirs = ContractFactory()
    export = _export(staff, kind, "csv")
    references = {int(row[0]) for row in _csv(export)[1:]}
    expected = {
        "missions": ({mine.mission_id}, theirs.mission_id),
        "applications": ({mine.application_id}, theirs.application_id),
        "contracts": ({mine.pk}, theirs.pk),
    }[kind]
    assert references == expected[0]
    assert expected[1] not in references


def test_france_volontaires_export_every_associations_rows(association):
    mine, theirs = MissionFactory(association=association), MissionFactory()
    admin = UserFactory(is_staff=True)
    export = _export(admin, "missions", "csv", every_association=True)
    assert {int(row[0]) for row in _csv(export)[1:]} == {mine.pk, theirs.pk}


def test_someone_on_no_staff_cannot_ask_for_an_export(db):
    with pytest.raises(ExportError):
        _export(UserFactory(), "missions")


def test_only_a_staff_account_may_export_every_association(staff):
    with pytest.raises(ExportError):
        _export(staff, "contracts", every_association=True)


def test_an_applications_export_words_statuses_and_reasons(association, staff):
    ApplicationFactory(
        mission__association=association, status="rejected", rejection_reason="profile"
    )
    export = _export(staff, "applications", "csv", language="en")
    rows = _csv(export)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Status"] == "Not retained"
    assert first["Refusal reason"] != "profile"
    assert first["Refusal reason"]


def test_a_deleted_volunteer_is_named_as_a_deleted_account(contract, staff):
    contract.volunteer = None
    contract.save(update_fields=["volunteer"])
    export = _export(staff, "contracts", "csv", language="en")
    first = dict(zip(*_csv(export)[:2], strict=True))
    assert first["Volunteer"] == "Deleted account"


def test_a_typed_formula_stays_text_in_both_formats(association, staff):
    MissionFactory(association=association, title='=HYPERLINK("http://evil")')
    csv_export = _export(staff, "missions", "csv", language="en")
    xlsx_export = _export(staff, "missions", "xlsx", language="en")
    assert dict(zip(*_csv(csv_export)[:2], strict=True))["Title"].startswith("'=")
    with xlsx_export.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.cell(row=2, column=3).data_type == "s"


def test_an_export_of_contracts_is_written_to_the_audit_trail_naming_nobody(contract, staff):
    export = _export(staff, "contracts", "xlsx")
    event = AuditEvent.objects.get(action=AuditEvent.Action.DATA_EXPORTED)
    assert event.actor == staff
    assert event.actor_label == f"user #{staff.pk}"
    assert event.subject_label == f"missions.export #{export.pk}"
    assert event.details == {
        "kind": "contracts",
        "format": "xlsx",
        "scope": "own associations",
    }
    assert "Awa" not in str(event.details) + event.subject_label


def test_an_export_of_missions_holds_no_personal_data_and_is_not_audited(association, staff):
    MissionFactory(association=association)
    _export(staff, "missions")
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DATA_EXPORTED).exists()


def test_the_person_is_notified_in_their_language_when_the_file_is_ready(contract, staff):
    export = _export(staff, "contracts", "xlsx", language="fr")
    notification = Notification.objects.get(recipient=staff, kind=READY_KIND)
    assert notification.title == "Votre export est prêt\u00a0: Contrats – Excel (XLSX)"
    assert "1\u00a0ligne" in notification.body
    assert notification.link == "/missions/manage/exports/"
    assert export.status == Export.Status.READY


def test_a_file_is_kept_24_hours_after_it_is_ready(contract, staff):
    export = _export(staff, "contracts", "csv")
    assert export.expires_at - export.ready_at == timedelta(hours=24)


def test_a_build_replayed_builds_nothing_twice(contract, staff):
    export = _export(staff, "contracts", "csv")
    assert export_build(export_id=export.pk) is None
    assert Notification.objects.filter(kind=READY_KIND).count() == 1


def test_a_failed_build_is_marked_failed_and_told(contract, staff, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("missions.services.exports.write_xlsx", broken)
    export = _export(staff, "contracts", "xlsx")
    assert export.status == Export.Status.FAILED
    assert Notification.objects.filter(recipient=staff, kind=FAILED_KIND).exists()


def test_the_same_request_key_twice_makes_one_export(contract, staff):
    key = uuid.uuid4()
    first, created = export_request(
        by=staff, kind="contracts", file_format="csv", request_key=key, language="fr"
    )
    again, created_again = export_request(
        by=staff, kind="contracts", file_format="csv", request_key=key, language="fr"
    )
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Export.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DATA_EXPORTED).count() == 1


def test_a_person_waits_for_three_exports_being_prepared_before_asking_another(staff):
    for _ in range(3):
        export_request(
            by=staff, kind="missions", file_format="csv", request_key=uuid.uuid4(), language="fr"
        )
    with pytest.raises(ExportError):
        export_request(
            by=staff, kind="missions", file_format="csv", request_key=uuid.uuid4(), language="fr"
        )
    assert Export.objects.count() == 3


def test_an_expired_export_is_deleted_with_its_file(contract, staff):
    export = _export(staff, "contracts", "csv")
    name = export.file.name
    assert default_storage.exists(name)
    assert exports_delete_expired(now=export.expires_at - timedelta(minutes=1)) == 0
    assert exports_delete_expired(now=export.expires_at) == 1
    assert not Export.objects.filter(pk=export.pk).exists()
    assert not default_storage.exists(name)


def test_erasing_an_account_deletes_the_exports_it_asked_for(
    contract, staff, django_capture_on_commit_callbacks
):
    export = _export(staff, "contracts", "csv")
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(staff)
    assert not Export.objects.filter(pk=export.pk).exists()
    assert not default_storage.exists(export.file.name)


def test_a_dry_run_counts_the_expired_exports_and_deletes_nothing(contract, staff):
    export = _export(staff, "contracts", "csv")
    assert exports_delete_expired(now=export.expires_at, dry_run=True) == 1
    assert default_storage.exists(export.file.name)


def test_a_member_of_two_associations_exports_both_once_each(db):
    person = UserFactory()
    first, second = AssociationFactory(), AssociationFactory()
    MembershipFactory(user=person, association=first)
    MembershipFactory(user=person, association=second, role="editor")
    missions = {MissionFactory(association=first).pk, MissionFactory(association=second).pk}
    export = _export(person, "missions", "csv")
    references = [int(row[0]) for row in _csv(export)[1:]]
    assert sorted(references) == sorted(missions)


def test_rows_are_read_in_chunks_whatever_their_number(association, staff, monkeypatch):
    monkeypatch.setattr("missions.selectors.exports.CHUNK_SIZE", 2)
    missions = {MissionFactory(association=association).pk for _ in range(5)}
    export = _export(staff, "missions", "csv")
    assert {int(row[0]) for row in _csv(export)[1:]} == missions
    assert timezone.now() < export.expires_at
