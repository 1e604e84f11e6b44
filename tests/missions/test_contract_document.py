"""The contract document: what the PDF of a contract version says, read back with pypdf.

Dates are fixed years ahead (no test depends on today's date); the volunteer's history is
built with declared missions and other contracts.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from missions.contract_document import contract_content, contract_file_name, contract_pdf
from missions.contract_layout import printable
from missions.contract_wording import ENGLISH, FRENCH
from missions.models import ContractVersion
from tests.factories import AssociationFactory, ContractFactory, VolunteerFactory
from tests.missions.pdf_text import pdf_pages, pdf_text
from volunteers.models import PriorMission
from vsi_portal.entitlements import add_months

pytestmark = pytest.mark.django_db

START = date(2031, 9, 1)
ONE_YEAR_END = date(2032, 8, 31)  # 12 whole months, 366 days (29 February 2032)


def _moment(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


@pytest.fixture
def association(db):
    return AssociationFactory(
        name="Solidarité Sans Frontières",
        approval_reference="AGR-VSI-2030-017",
        address="12 rue des Lilas\n69003",
        city="Lyon",
    )


@pytest.fixture
def volunteer(db):
    return VolunteerFactory(user__full_name="Léa Martin", birth_date=date(1995, 5, 10))


def _contract(association, volunteer, *, start=START, end=ONE_YEAR_END, country="SN", **kwargs):
    return ContractFactory(
        application__mission__association=association,
        application__mission__title="Appui aux écoles de Thiès",
        application__mission__place="Thiès",
        application__mission__country=country,
        application__volunteer=volunteer,
        start_on=start,
        end_on=end,
        allowance_eur=1200,
        **kwargs,
    )


def _signed(version: ContractVersion) -> ContractVersion:
    """Both signatures on the version, as the signing services record them."""
    version.status = ContractVersion.Status.SIGNED
    version.volunteer_signed_at = _moment(date(2031, 6, 2))
    version.volunteer_signature = "Léa Martin"
    version.association_signed_at = _moment(date(2031, 6, 5))
    version.association_signature = "Paul Durand"
    version.association_signatory_role = "président"
    version.save()
    return version


@pytest.fixture
def signed(association, volunteer):
    return _signed(_contract(association, volunteer).versions.get())


@pytest.fixture
def offer(association, volunteer):
    return _contract(association, volunteer, status="offered").versions.get()


def _text(version, language="fr") -> str:
    return pdf_text(contract_pdf(version, language=language))


def test_the_french_contract_names_the_law_the_parties_and_the_mission(signed):
    text = _text(signed)
    for expected in (
        "Contrat de volontariat de solidarité internationale",
        "Loi n° 2005-159 du 23 février 2005",
        "Solidarité Sans Frontières, association de solidarité internationale agréée",
        "(agrément n° AGR-VSI-2030-017)",
        "12 rue des Lilas, 69003, Lyon",
        "Léa Martin, né(e) le 10 mai 1995",
        "Mission Appui aux écoles de Thiès",
        "Lieu Thiès",
        "Pays Sénégal",
        "Début de la mission 1er septembre 2031",
        "Fin de la mission 31 août 2032",
        "Durée 366 jours (12 mois entiers)",
        "Version 1",
    ):
        assert expected in text


def test_the_french_contract_states_the_allowance_and_its_exemptions(signed):
    text = _text(signed)
    assert "indemnité mensuelle de 1 200 €" in text
    assert "exonérée de l’impôt sur le revenu, de la contribution sociale généralisée (CSG)" in text
    assert "(CRDS)" in text


def test_the_contract_states_the_associations_obligations(signed):
    text = _text(signed)
    for expected in (
        "L’association prend en charge le logement, la nourriture et les transports",
        "assure la formation du volontaire et prend en charge ses frais de voyage",
        "prend en charge le voyage de retour du volontaire",
        "au plus tard à la date de début du contrat, le 1er septembre 2031",
        "une assurance complémentaire santé",
        "une assurance responsabilité civile",
        "une assurance rapatriement sanitaire",
        "moyennant un préavis d’au moins un mois",
        "attestation d’accomplissement de mission",
    ):
        assert expected in text


def test_the_english_contract_is_a_translation_written_the_english_way(signed):
    text = _text(signed, "en")
    for expected in (
        "International Solidarity Volunteering contract",
        "the French version of this contract is the legal text",
        "Léa Martin, born on May 10, 1995",
        "Country Senegal",
        "monthly allowance of €1,200",
        "exempt from income tax",
        "supplementary health insurance",
        "at least one month’s notice",
        "that is 2,191 days",
        "Léa Martin, signed on June 2, 2031",
        "Paul Durand, président, signed on June 5, 2031",
        "Done at Lyon.",
    ):
        assert expected in text
    assert "Contrat de volontariat" not in text


def test_a_public_interest_group_is_named_as_such(volunteer):
    group = AssociationFactory(kind="gip", name="GIP Santé Monde")
    text = _text(_signed(_contract(group, volunteer).versions.get()))
    assert "GIP Santé Monde, groupement d’intérêt public agréé" in text
    assert "Le groupement prend en charge le logement" in text


def test_a_contract_of_twelve_months_names_the_aids_it_opens(signed):
    text = _text(signed)
    assert "Ce contrat dure au moins douze mois" in text
    assert "Prime forfaitaire d’insertion professionnelle : jusqu’à 2 001 €" in text
    assert "à demander au plus tard le 31 août 2033" in text
    assert "Indemnité de réinstallation : 800 €" in text


def test_a_contract_under_twelve_months_says_it_opens_no_aid(association, volunteer):
    version = _contract(association, volunteer, end=add_months(START, 12) - timedelta(days=2))
    text = _text(version.versions.get())
    assert "Ce contrat n’atteint pas douze mois" in text
    assert "jusqu’à 2 001 €" not in text
    assert "Indemnité de réinstallation :" not in text


def test_the_english_contract_under_twelve_months_says_so(association, volunteer):
    version = _contract(association, volunteer, end=add_months(START, 9) - timedelta(days=1))
    text = _text(version.versions.get(), "en")
    assert "This contract does not reach twelve months" in text
    assert "Resettlement allowance:" not in text


def test_a_contract_in_france_does_not_open_the_insertion_premium(association, volunteer):
    volunteer.nationalities = ["SN"]
    volunteer.residence = "SN"
    volunteer.save()
    text = _text(_contract(association, volunteer, country="FR").versions.get())
    assert "n’est pas ouverte aux volontaires accueillis en France" in text
    assert "jusqu’à 2 001 €" not in text


def test_a_public_official_is_told_the_resettlement_allowance_is_not_due(association, volunteer):
    volunteer.public_official = True
    volunteer.save()
    text = _text(_contract(association, volunteer).versions.get())
    assert "elle n’est pas due au volontaire agent public" in text


def test_a_short_contract_right_after_another_counts_the_continuous_mission(association, volunteer):
    earlier_end = START - timedelta(days=1)
    ContractFactory(
        application__volunteer=volunteer,
        start_on=add_months(START, -6),
        end_on=earlier_end,
        status="completed",
    )
    version = _contract(association, volunteer, end=add_months(START, 6) - timedelta(days=1))
    text = _text(version.versions.get())
    assert "Ce contrat n’atteint pas douze mois" in text
    assert (
        "Indemnité de réinstallation : 800 €, versée en une fois, pour une mission continue "
        "de 12 mois" in text
    )


def test_six_months_of_mission_give_two_days_of_leave_a_month(association, volunteer):
    version = _contract(association, volunteer, end=add_months(START, 6) - timedelta(days=1))
    text = _text(version.versions.get())
    assert "soit 12 jours pour ce contrat" in text
    assert "L’indemnité est maintenue pendant les congés" in text


def test_a_day_short_of_six_months_gives_no_leave(association, volunteer):
    version = _contract(association, volunteer, end=add_months(START, 6) - timedelta(days=2))
    text = _text(version.versions.get())
    assert "ce contrat n’ouvre pas de droit à congés" in text
    assert "jours pour ce contrat" not in text


def test_the_days_served_before_and_left_after_the_contract(association, volunteer):
    PriorMission.objects.create(
        volunteer=volunteer,
        association_name="Ancienne association",
        country="BJ",
        start_on=date(2024, 1, 1),
        end_on=date(2024, 12, 31),
    )
    ContractFactory(
        application__volunteer=volunteer,
        start_on=date(2027, 1, 1),
        end_on=date(2027, 1, 31),
        status="completed",
    )
    version = _contract(association, volunteer).versions.get()
    text = _text(version)
    # 366 days (2024) + 31 days before; 366 this contract; 2191 - 763 left.
    assert "Jours de VSI déjà accomplis avant ce contrat 397" in text
    assert "Jours de ce contrat 366" in text
    assert "Jours restants à l’issue de ce contrat 1 428" in text
    assert "soit 2 191 jours" in text


def test_a_later_contract_is_not_counted_before_this_one(association, volunteer):
    version = _contract(association, volunteer).versions.get()
    ContractFactory(
        application__volunteer=volunteer,
        start_on=date(2033, 1, 1),
        end_on=date(2033, 6, 30),
        status="completed",
    )
    text = _text(version)
    assert "Jours de VSI déjà accomplis avant ce contrat 0" in text
    assert "Jours restants à l’issue de ce contrat 1 825" in text


def test_both_signatures_show_once_signed(signed):
    text = _text(signed)
    assert "Le volontaire Léa Martin, signé le 2 juin 2031" in text
    assert "Paul Durand, président, signé le 5 juin 2031" in text
    assert "Fait à Lyon." in text
    assert "non signé" not in text.lower()


def test_an_offer_read_before_signing_is_a_draft_not_signed(offer):
    pdf = contract_pdf(offer, language="fr")
    text = pdf_text(pdf)
    assert "Projet – non signé" in text
    assert "Offre en attente de la signature du volontaire." in text
    assert text.count("Non signé") == 2
    assert "Fait à Lyon" not in text
    # The mark is on every page, not only the first.
    assert all("Projet – non signé" in page for page in pdf_pages(pdf))


def test_an_offer_in_english_is_a_draft_not_signed(offer):
    text = _text(offer, "en")
    assert "Draft – not signed" in text
    assert text.count("Not signed") == 2


def test_a_version_signed_by_the_volunteer_alone_is_still_a_draft(offer):
    offer.status = ContractVersion.Status.VOLUNTEER_SIGNED
    offer.volunteer_signed_at = _moment(date(2031, 6, 2))
    offer.volunteer_signature = "Léa Martin"
    offer.save()
    text = _text(offer)
    assert "Projet – non signé" in text
    assert "Léa Martin, signé le 2 juin 2031" in text
    assert text.count("Non signé") == 1


def test_a_contract_signed_before_online_signatures_says_so(association, volunteer):
    version = _contract(association, volunteer).versions.get()  # signed by the association only
    text = _text(version)
    assert "Signature non enregistrée sur le portail" in text
    assert "Projet – non signé" not in text


def test_an_amendment_shows_its_number_and_its_changes(signed):
    amendment = ContractVersion.objects.create(
        contract=signed.contract,
        number=2,
        status=ContractVersion.Status.OFFERED,
        start_on=signed.start_on,
        end_on=date(2032, 12, 31),
        allowance_eur=1300,
        changes="Mission prolongée de quatre mois à la demande du partenaire local.",
    )
    text = _text(amendment)
    assert "Version 2 – avenant n° 1" in text
    assert "Le présent avenant n° 1 modifie le contrat" in text
    assert "Mission prolongée de quatre mois à la demande du partenaire local." in text
    assert "Fin de la mission 31 décembre 2032" in text
    assert "indemnité mensuelle de 1 300 €" in text
    assert "Version 2 – amendment no. 1" in _text(amendment, "en")


def test_a_deleted_volunteer_is_named_as_such(signed):
    contract = signed.contract
    contract.volunteer = None
    contract.save()
    signed.refresh_from_db()
    text = _text(signed)
    assert "un volontaire dont le compte a été supprimé" in text
    assert contract_file_name(signed, language="fr") == "contrat-vsi-compte-supprime-v1.pdf"


def test_the_pages_are_numbered(signed):
    pages = pdf_pages(contract_pdf(signed, language="fr"))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"page {number} sur {len(pages)}" in page


def test_the_file_name_is_the_volunteers_name_and_version(signed):
    assert contract_file_name(signed, language="fr") == "contrat-vsi-lea-martin-v1.pdf"
    assert contract_file_name(signed, language="en") == "contract-vsi-lea-martin-v1.pdf"


def test_the_uncompressed_pdf_is_a_pdf_too(signed):
    assert contract_pdf(signed, language="fr", compress=False).startswith(b"%PDF-")


def test_the_content_refuses_an_unknown_language(signed):
    with pytest.raises(ValueError, match="language"):
        contract_content(signed, language="de")


def test_both_wordings_have_the_same_texts():
    assert FRENCH.keys() == ENGLISH.keys()


def test_a_name_beyond_the_standard_font_loses_only_its_accents(association):
    volunteer = VolunteerFactory(user__full_name="Nguyễn Thị Ánh")
    text = _text(_contract(association, volunteer).versions.get())
    assert "et Nguyen Thi Ánh, né(e) le" in text


def test_a_letter_the_standard_font_lacks_entirely_shows_as_a_question_mark():
    assert printable("Жанна Ødegård") == "????? Ødegård"
