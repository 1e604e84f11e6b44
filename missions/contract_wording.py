"""The words of the VSI contract document, in French (the legal text) and in English.

*Choice*: the contract's text is written here as two dictionaries rather than as gettext
messages. The French is the contract itself, written in French from its sources (loi
n° 2005-159 du 23 février 2005, décret n° 2022-1067 du 28 juillet 2022, service-public.fr
F11444): a translator's edit of a catalogue must never change what a volunteer signed. The
English is its translation for volunteers who chose English, and says so on the document.
Dates and country names still come from Django in the document's language (the caller
renders within ``translation.override``).

Each text is a ``str.format`` pattern; ``{org}`` and ``{Org}`` are the party's name for
the association or the public interest group (GIP), in the middle and at the start of a
sentence.
"""

from __future__ import annotations

LANGUAGES = ("fr", "en")

FRENCH = {
    "title": "Contrat de volontariat de solidarité internationale",
    "law": (
        "Loi n° 2005-159 du 23 février 2005 relative au contrat de volontariat de solidarité "
        "internationale ; décret n° 2022-1067 du 28 juillet 2022"
    ),
    "translation_note": "",
    "version": "Version {number}",
    "amendment": "Version {number} – avenant n° {amendment}",
    "draft_mark": "Projet – non signé",
    "status_draft": (
        "Projet en préparation par {org} : il n’a pas encore été proposé au volontaire."
    ),
    "status_offered": "Offre en attente de la signature du volontaire.",
    "status_volunteer_signed": "Signé par le volontaire, en attente de la signature de {org}.",
    "status_declined": (
        "Offre déclinée par le volontaire le {date} : ce contrat n’a pas pris effet."
    ),
    "status_withdrawn": "Version retirée par {org} : elle n’a pas pris effet.",
    "org_association": "l’association",
    "Org_association": "L’association",
    "org_gip": "le groupement",
    "Org_gip": "Le groupement",
    "kind_association": "association de solidarité internationale agréée",
    "kind_gip": "groupement d’intérêt public agréé",
    # Sections.
    "parties": "Entre les soussignés",
    "party_org": (
        "{name}, {kind} par le ministre chargé des affaires étrangères (agrément n° {approval})"
        "{address}, ci-après « {org} »,"
    ),
    "at_address": ", dont le siège est situé {address}",
    "no_approval": "non renseigné",
    "party_volunteer": "et {name}{birth}, ci-après « le volontaire ».",
    "born_on": ", né(e) le {date}",
    "deleted_volunteer": "un volontaire dont le compte a été supprimé",
    "agreed": (
        "Il est conclu un contrat de volontariat de solidarité internationale, régi par la loi "
        "n° 2005-159 du 23 février 2005, aux conditions suivantes."
    ),
    "amendment_title": "Objet de l’avenant",
    "amendment_text": (
        "Le présent avenant n° {amendment} modifie le contrat ; les deux parties le signent à "
        "nouveau. Modifications :"
    ),
    "no_changes": "non précisées.",
    "mission": "Article 1 – Mission",
    "mission_text": "Le volontaire accomplit, pour le compte de {org}, la mission suivante.",
    "mission_title": "Mission",
    "mission_place": "Lieu",
    "mission_country": "Pays",
    "duration": "Article 2 – Durée",
    "duration_text": (
        "Le contrat est conclu pour une durée déterminée de deux ans au plus (loi n° 2005-159, "
        "art. 4)."
    ),
    "start": "Début de la mission",
    "end": "Fin de la mission",
    "length": "Durée",
    "length_value": "{days} jours ({months} mois entiers)",
    "allowance": "Article 3 – Indemnité",
    "allowance_text": (
        "Le volontaire perçoit une indemnité mensuelle de {amount}. Cette indemnité n’a le "
        "caractère ni d’un salaire ni d’une rémunération ; elle est exonérée de l’impôt sur le "
        "revenu, de la contribution sociale généralisée (CSG) et de la contribution au "
        "remboursement de la dette sociale (CRDS)."
    ),
    "covered": "Article 4 – Prise en charge",
    "covered_living": (
        "{Org} prend en charge le logement, la nourriture et les transports du volontaire "
        "pendant la mission."
    ),
    "covered_training": (
        "Avant le départ, {org} assure la formation du volontaire et prend en charge ses frais "
        "de voyage liés à la mission."
    ),
    "covered_return": (
        "À la fin de la mission, {org} prend en charge le voyage de retour du volontaire vers "
        "son lieu de résidence habituelle."
    ),
    "leave": "Article 5 – Congés",
    "leave_text": (
        "La mission durant au moins six mois, le volontaire a droit à deux jours de congé par "
        "mois de mission, soit {days} jours pour ce contrat. L’indemnité est maintenue "
        "pendant les congés."
    ),
    "no_leave_text": (
        "La mission durant moins de six mois, ce contrat n’ouvre pas de droit à congés (deux "
        "jours par mois de mission à partir de six mois de mission)."
    ),
    "protection": "Article 6 – Protection sociale et assurances",
    "protection_affiliation": (
        "{Org} affilie le volontaire et ses ayants droit à un régime de sécurité sociale "
        "garantissant des droits d’un niveau identique à ceux du régime général de la sécurité "
        "sociale française, au plus tard à la date de début du contrat, le {start}."
    ),
    "protection_insurances": (
        "{Org} souscrit et prend en charge, au bénéfice du volontaire et de ses ayants droit :"
    ),
    "insurance_health": "une assurance complémentaire santé ;",
    "insurance_liability": "une assurance responsabilité civile ;",
    "insurance_repatriation": "une assurance rapatriement sanitaire.",
    "early_end": "Article 7 – Fin anticipée et attestation",
    "early_end_text": (
        "Le contrat peut prendre fin avant son terme, à l’initiative de l’une ou l’autre des "
        "parties, moyennant un préavis d’au moins un mois."
    ),
    "certificate_text": (
        "À la fin de la mission, {org} délivre au volontaire une attestation d’accomplissement "
        "de mission."
    ),
    "cap": "Article 8 – Durée cumulée des missions",
    "cap_text": (
        "La durée cumulée des missions de volontariat de solidarité internationale, continues "
        "ou non, ne peut excéder six ans au cours de la vie, soit {cap} jours."
    ),
    "days_before": "Jours de VSI déjà accomplis avant ce contrat",
    "days_this": "Jours de ce contrat",
    "days_left": "Jours restants à l’issue de ce contrat",
    "aids": "Article 9 – Aides de fin de mission",
    "aids_reached": (
        "Ce contrat dure au moins douze mois : il ouvre droit, sous conditions, aux aides de "
        "fin de mission suivantes."
    ),
    "aids_not_reached": (
        "Ce contrat n’atteint pas douze mois : il n’ouvre droit ni à la prime forfaitaire "
        "d’insertion professionnelle ni, à lui seul, à l’indemnité de réinstallation."
    ),
    "premium": (
        "Prime forfaitaire d’insertion professionnelle : jusqu’à {amount}, versée "
        "mensuellement sur neuf mois au plus, au volontaire inscrit comme demandeur d’emploi, "
        "qui ne remplit pas les conditions du revenu de solidarité active (RSA), ne perçoit "
        "pas d’autre aide à la recherche d’emploi et n’a pas rompu son contrat sans motif "
        "impérieux ; à demander au plus tard le {deadline}."
    ),
    "premium_in_france": (
        "La prime forfaitaire d’insertion professionnelle n’est pas ouverte aux volontaires "
        "accueillis en France."
    ),
    "resettlement": (
        "Indemnité de réinstallation : {amount}, versée en une fois, pour une mission "
        "continue de {months} mois, si le contrat va à son terme."
    ),
    "resettlement_official": (
        "Indemnité de réinstallation : elle n’est pas due au volontaire agent public."
    ),
    "signatures": "Signatures",
    "signatures_text": (
        "Chaque partie signe le contrat en ligne, sur le portail VSI, en tapant son nom "
        "complet ; la date de chaque signature est enregistrée."
    ),
    "signature_volunteer": "Le volontaire",
    "signature_org": "Pour {org} ({name})",
    "signed": "{name}, signé le {date}",
    "signed_with_role": "{name}, {role}, signé le {date}",
    "made_at": "Fait à {city}.",
    "not_signed": "Non signé",
    "volunteer_not_recorded": (
        "Signature non enregistrée sur le portail (contrat signé avant la signature en ligne)"
    ),
    "footer": "Contrat VSI – {name} – {version} – page {page} sur {pages}",
    "file_name": "contrat-vsi-{slug}-v{number}.pdf",
    "file_deleted": "compte-supprime",
}

ENGLISH = {
    "title": "International Solidarity Volunteering contract",
    "law": (
        "Loi n° 2005-159 of 23 February 2005 on the international solidarity volunteering "
        "contract; décret n° 2022-1067 of 28 July 2022"
    ),
    "translation_note": (
        "English translation, for information: the French version of this contract is the "
        "legal text."
    ),
    "version": "Version {number}",
    "amendment": "Version {number} – amendment no. {amendment}",
    "draft_mark": "Draft – not signed",
    "status_draft": "Draft being prepared by {org}: not yet offered to the volunteer.",
    "status_offered": "Offer waiting for the volunteer’s signature.",
    "status_volunteer_signed": "Signed by the volunteer, waiting for the signature of {org}.",
    "status_declined": (
        "Offer declined by the volunteer on {date}: this contract did not take effect."
    ),
    "status_withdrawn": "Version withdrawn by {org}: it did not take effect.",
    "org_association": "the association",
    "Org_association": "The association",
    "org_gip": "the group",
    "Org_gip": "The group",
    "kind_association": "international solidarity association approved",
    "kind_gip": "public interest group (GIP) approved",
    "parties": "Between the undersigned",
    "party_org": (
        "{name}, {kind} by the minister for foreign affairs (approval no. {approval}){address}, "
        "hereinafter “{org}”,"
    ),
    "at_address": ", whose registered office is at {address}",
    "no_approval": "not stated",
    "party_volunteer": "and {name}{birth}, hereinafter “the volunteer”.",
    "born_on": ", born on {date}",
    "deleted_volunteer": "a volunteer whose account has been deleted",
    "agreed": (
        "An international solidarity volunteering contract, governed by loi n° 2005-159 of "
        "23 February 2005, is concluded on the following terms."
    ),
    "amendment_title": "Purpose of the amendment",
    "amendment_text": (
        "This amendment no. {amendment} changes the contract; both parties sign it again. Changes:"
    ),
    "no_changes": "not stated.",
    "mission": "Article 1 – Mission",
    "mission_text": "The volunteer carries out the following mission on behalf of {org}.",
    "mission_title": "Mission",
    "mission_place": "Place",
    "mission_country": "Country",
    "duration": "Article 2 – Duration",
    "duration_text": (
        "The contract is concluded for a fixed term of at most two years (loi n° 2005-159, art. 4)."
    ),
    "start": "Start of the mission",
    "end": "End of the mission",
    "length": "Duration",
    "length_value": "{days} days ({months} whole months)",
    "allowance": "Article 3 – Allowance",
    "allowance_text": (
        "The volunteer receives a monthly allowance of {amount}. This allowance is neither a "
        "salary nor a wage; it is exempt from income tax, from the generalised social "
        "contribution (CSG) and from the contribution to the repayment of the social debt "
        "(CRDS)."
    ),
    "covered": "Article 4 – Costs covered",
    "covered_living": (
        "{Org} covers the volunteer’s accommodation, food and transport during the mission."
    ),
    "covered_training": (
        "Before the departure, {org} trains the volunteer and pays the travel costs of the mission."
    ),
    "covered_return": (
        "At the end of the mission, {org} pays the volunteer’s return journey to their usual "
        "place of residence."
    ),
    "leave": "Article 5 – Leave",
    "leave_text": (
        "As the mission lasts at least six months, the volunteer is entitled to two days of "
        "leave per month of mission, that is {days} days for this contract. The allowance is "
        "paid in full during leave."
    ),
    "no_leave_text": (
        "As the mission lasts less than six months, this contract gives no right to leave "
        "(two days per month of mission from six months of mission)."
    ),
    "protection": "Article 6 – Social security and insurance",
    "protection_affiliation": (
        "{Org} affiliates the volunteer and their dependants to a social security scheme "
        "guaranteeing rights identical to those of the French general social security scheme, "
        "no later than the start of the contract, on {start}."
    ),
    "protection_insurances": (
        "{Org} takes out and pays for, for the volunteer and their dependants:"
    ),
    "insurance_health": "supplementary health insurance;",
    "insurance_liability": "civil liability insurance;",
    "insurance_repatriation": "medical repatriation insurance.",
    "early_end": "Article 7 – Early end and certificate",
    "early_end_text": (
        "Either party may end the contract before its term with at least one month’s notice."
    ),
    "certificate_text": (
        "At the end of the mission, {org} gives the volunteer a certificate of completion of "
        "the mission."
    ),
    "cap": "Article 8 – Total length of missions",
    "cap_text": (
        "International solidarity volunteering missions, continuous or not, may not exceed "
        "six years in total over a lifetime, that is {cap} days."
    ),
    "days_before": "Days of VSI already served before this contract",
    "days_this": "Days of this contract",
    "days_left": "Days left after this contract",
    "aids": "Article 9 – End-of-mission aids",
    "aids_reached": (
        "This contract lasts at least twelve months: it opens, under conditions, the "
        "following end-of-mission aids."
    ),
    "aids_not_reached": (
        "This contract does not reach twelve months: it opens neither the flat-rate "
        "professional insertion premium nor, on its own, the resettlement allowance."
    ),
    "premium": (
        "Flat-rate professional insertion premium: up to {amount}, paid monthly over at most "
        "nine months, to a volunteer registered as a job seeker who does not meet the "
        "conditions of the active solidarity income (RSA), receives no other job-seeking aid "
        "and did not break the contract without a compelling reason; to be requested no later "
        "than {deadline}."
    ),
    "premium_in_france": (
        "The flat-rate professional insertion premium is not open to volunteers hosted in France."
    ),
    "resettlement": (
        "Resettlement allowance: {amount}, paid at once, for a continuous mission of {months} "
        "months, if the contract runs to its term."
    ),
    "resettlement_official": (
        "Resettlement allowance: it is not due to a volunteer who is a public official."
    ),
    "signatures": "Signatures",
    "signatures_text": (
        "Each party signs the contract online, on the VSI Portal, by typing their full name; "
        "the date of each signature is recorded."
    ),
    "signature_volunteer": "The volunteer",
    "signature_org": "For {org} ({name})",
    "signed": "{name}, signed on {date}",
    "signed_with_role": "{name}, {role}, signed on {date}",
    "made_at": "Done at {city}.",
    "not_signed": "Not signed",
    "volunteer_not_recorded": (
        "Signature not recorded on the portal (contract signed before online signatures)"
    ),
    "footer": "VSI contract – {name} – {version} – page {page} of {pages}",
    "file_name": "contract-vsi-{slug}-v{number}.pdf",
    "file_deleted": "deleted-account",
}

WORDING = {"fr": FRENCH, "en": ENGLISH}
