"""Exports as an association's staff use them, in French and in English: ask for the
contracts as XLSX from the contracts page, find the file ready in "My exports", download it
and read it back. Every page audited (axe, Nu Html Checker)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.browser.helpers import LANGUAGES, Labels, languages, log_in
from tests.factories import ContractFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_export_their_contracts_and_download_the_file(new_page, language):
    languages()
    t = Labels(language)
    membership = MembershipFactory(user__preferred_language=language)
    ContractFactory(
        application__mission__association=membership.association,
        application__volunteer__user__full_name="Awa Diallo",
    )
    page = new_page()
    log_in(page, t, membership.user.email)

    page.goto("/missions/manage/contracts/")
    page.audit()
    exports = page.get_by_role("group", name=t("Export the %(what)s:", what=t("contracts")))
    exports.get_by_role("button", name="Excel (XLSX)").click()
    page.audit()
    assert page.url.endswith("/missions/manage/exports/")
    assert page.get_by_text(t("Your export is ready: download it below.")).is_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name=t("Download")).first.click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][3] == t("Volunteer")
    assert rows[1][3] == "Awa Diallo"
