"""An administrator records a check while the volunteer sends a new extract: the check is
recorded for the file the administrator read, or refused; never for the new file."""

from __future__ import annotations

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from missions.errors import ContractError
from missions.services.contract_departure import contract_record_criminal_record_check
from tests.factories import ContractFactory, MembershipFactory, reference_languages
from tests.missions.engagement import PDF_BYTES, upload_document
from volunteers.errors import VolunteerError
from volunteers.models import Document
from volunteers.services import document_upload

_SQLITE_WRITER = threading.Lock()


def _turn(function):
    """Parallel on PostgreSQL (the document row lock orders them); in turn on SQLite, whose
    in-memory test database fails a second writer at once instead of waiting."""
    if connection.vendor != "sqlite":
        return function()
    with _SQLITE_WRITER:
        return function()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("trial", range(3))
def test_a_check_racing_a_new_upload_is_never_recorded_for_the_new_file(trial):
    reference_languages()
    contract = ContractFactory()
    admin = MembershipFactory(association=contract.association).user
    seen = upload_document(contract.volunteer)
    barrier = threading.Barrier(2)
    outcomes, errors = {}, []

    def check():
        try:
            barrier.wait(timeout=10)
            _turn(
                lambda: contract_record_criminal_record_check(
                    contract=contract,
                    by=admin,
                    outcome="clear",
                    extract_uploaded_at=seen.uploaded_at,
                )
            )
            outcomes["check"] = "recorded"
        except ContractError:
            outcomes["check"] = "refused"
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    def send_again():
        try:
            barrier.wait(timeout=10)
            upload = SimpleUploadedFile("new.pdf", PDF_BYTES, content_type="application/pdf")
            _turn(
                lambda: document_upload(
                    volunteer=contract.volunteer, kind="criminal_record", upload=upload
                )
            )
            outcomes["upload"] = "saved"
        except VolunteerError:
            outcomes["upload"] = "refused"
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=check), threading.Thread(target=send_again)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert outcomes["upload"] == "saved"
    document = Document.objects.get(volunteer=contract.volunteer, kind="criminal_record")
    # The new upload is never the one marked checked: it waits, unchecked, with its file.
    assert not document.is_checked and document.has_file
    assert document.uploaded_at > seen.uploaded_at
