"""A volunteer fills in the profile, declares a prior mission, sends a CV, exports and leaves."""

from __future__ import annotations

import re

import pytest

from demo.pdf import sample_pdf
from missions.models import Language
from tests.factories import PASSWORD, UserFactory
from volunteers.models import Document, Volunteer

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.audit()
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.audit()


def _languages() -> None:
    """Transactional tests flush the tables, the languages loaded by a migration included."""
    for code, name_en, name_fr in (("fr", "French", "Français"), ("en", "English", "Anglais")):
        Language.objects.get_or_create(code=code, defaults={"name_en": name_en, "name_fr": name_fr})


def test_volunteer_completes_the_profile_sends_a_cv_and_deletes_the_account(page, tmp_path):
    _languages()
    user = UserFactory(full_name="Léa Martin")
    _log_in(page, user.email)

    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Mon espace"
    ).click()
    page.audit()
    assert page.get_by_role("heading", level=1).inner_text() == "Mon espace"
    page.get_by_role("link", name="Remplir mon profil").click()
    page.audit()
    page.get_by_label("Date de naissance").fill("1996-03-14")
    page.get_by_label("Nationalités").select_option(["FR"])
    page.get_by_label("Pays de résidence").select_option("FR")
    page.get_by_label("Langues parlées").select_option(["fr", "en"])
    page.locator("input[name=domains_of_interest][value=teaching]").check()
    page.get_by_role("button", name="Enregistrer mon profil").click()
    page.audit()
    assert page.get_by_text("Votre profil a été enregistré.").is_visible()
    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.residence.code == "FR"

    page.get_by_role("link", name="Mes missions de VSI antérieures").click()
    page.audit()
    page.get_by_label("Association*").fill("Agir ensemble")
    page.get_by_label("Pays*").select_option("BF")
    page.get_by_label("Premier jour de la mission").fill("2014-01-01")
    page.get_by_label("Dernier jour de la mission").fill("2015-12-31")
    page.get_by_role("button", name="Ajouter cette mission").click()
    page.audit()
    assert (
        page.get_by_test_id("ledger-text")
        .inner_text()
        .startswith("Jours de VSI effectués\u00a0: 730.")
    )
    page.get_by_role("link", name="Modifier Agir ensemble").click()
    page.audit()
    page.get_by_label("Dernier jour de la mission").fill("2013-12-31")
    page.get_by_role("button", name="Enregistrer").click()
    page.audit()
    assert page.get_by_text("La mission doit se terminer").is_visible()

    page.goto("/me/documents/")
    page.audit()
    fake = tmp_path / "cv.pdf"
    fake.write_bytes(b"MZ" + bytes(200))
    page.get_by_label("Votre CV").set_input_files(str(fake))
    page.get_by_role("button", name="Envoyer").first.click()
    page.audit()
    assert page.get_by_text("Seuls les documents PDF, JPEG ou PNG").is_visible()
    cv = tmp_path / "mon-cv.pdf"
    cv.write_bytes(sample_pdf("CV"))
    page.get_by_label("Votre CV").set_input_files(str(cv))
    page.get_by_role("button", name="Envoyer").first.click()
    page.audit()
    assert page.get_by_text("Votre document a été enregistré.").is_visible()
    assert Document.objects.filter(volunteer=volunteer, kind="cv").exists()

    page.goto("/me/")
    page.audit()
    assert page.get_by_text("Votre profil est complet à").is_visible()

    page.goto("/me/data/export/")
    page.audit()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Télécharger mes données")).click()
    assert download.value.suggested_filename.endswith(".zip")

    page.goto("/me/data/delete/")
    page.audit()
    page.get_by_label("Votre mot de passe").fill(PASSWORD)
    page.get_by_label("Saisissez votre adresse e-mail pour confirmer").fill(user.email)
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.audit()
    assert page.get_by_text("Votre compte et vos données ont été supprimés.").is_visible()
    assert not Volunteer.objects.filter(user=user).exists()
