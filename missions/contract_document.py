"""The VSI contract as a document: its content, and the PDF both sides download.

``contract_content(version, language=...)`` is what one version of a contract says, in
French (the legal text) or English (its translation), as titled sections: a pure function
of the ``ContractVersion``, its contract, association, mission and volunteer, computing
leave, the 6-year cap and the end-of-mission aids with ``vsi_portal.entitlements`` and the
volunteer's history (``selectors.contract_documents.history_before``). The words are in
``contract_wording`` (why: see there). ``contract_pdf`` lays the content out on A4
(``contract_layout``): text wraps, pages are numbered, and a version not signed by both
sides is marked "Projet – non signé" / "Draft – not signed" on every page.
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import slugify

from associations.models import Association
from vsi_portal.eligibility import Period
from vsi_portal.entitlements import (
    INSERTION_PREMIUM_MAX_EUR,
    LIFETIME_CAP_DAYS,
    continuous_mission,
    days,
    insertion_premium_deadline,
    leave_days,
    lifetime_days_used,
    reaches_twelve_months,
    resettlement_allowance,
    whole_months,
)
from vsi_portal.formats import format_day, format_euros
from vsi_portal.geography import FRANCE, sovereign_state

from .contract_layout import Block, ContractDocument, Facts, Items, Section, Text, document_pdf
from .contract_wording import WORDING
from .models import ContractVersion
from .selectors.contract_documents import history_before


def contract_content(version: ContractVersion, *, language: str) -> ContractDocument:
    """The content of ``version`` in ``language`` ("fr" or "en"), dates and country names
    written the language's way."""
    if language not in WORDING:
        raise ValueError(f"language must be one of {sorted(WORDING)}, not {language!r}")
    with translation.override(language):
        return _content(version, language)


def contract_file_name(version: ContractVersion, *, language: str) -> str:
    """``contrat-vsi-<name>-v<n>.pdf`` (``contract-vsi-…`` in English)."""
    words = WORDING[language]
    volunteer = version.contract.volunteer
    slug = slugify(volunteer.user.full_name) if volunteer is not None else ""
    return words["file_name"].format(slug=slug or words["file_deleted"], number=version.number)


def _number(value: int) -> str:
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def _local_day(moment) -> str:
    return format_day(timezone.localdate(moment))


def _content(version: ContractVersion, language: str) -> ContractDocument:
    words = WORDING[language]
    contract = version.contract
    association = contract.association
    kind = "gip" if association.kind == Association.Kind.PUBLIC_INTEREST_GROUP else "association"
    org = {"org": words[f"org_{kind}"], "Org": words[f"Org_{kind}"]}
    volunteer = contract.volunteer
    volunteer_name = volunteer.user.full_name if volunteer is not None else ""
    if version.is_amendment:
        label = words["amendment"].format(number=version.number, amendment=version.number - 1)
    else:
        label = words["version"].format(number=version.number)
    signed = version.status == ContractVersion.Status.SIGNED
    sections = [_parties(version, words, org, kind)]
    if version.is_amendment:
        sections.append(
            Section(
                words["amendment_title"],
                (
                    Text(words["amendment_text"].format(amendment=version.number - 1)),
                    Text(version.changes.strip() or words["no_changes"]),
                ),
            )
        )
    sections += [
        _mission(version, words, org),
        _duration(version, words),
        Section(
            words["allowance"],
            (Text(words["allowance_text"].format(amount=format_euros(version.allowance_eur))),),
        ),
        Section(
            words["covered"],
            tuple(
                Text(words[key].format(**org))
                for key in ("covered_living", "covered_training", "covered_return")
            ),
        ),
        _leave(version, words),
        Section(
            words["protection"],
            (
                Text(
                    words["protection_affiliation"].format(
                        start=format_day(version.start_on), **org
                    )
                ),
                Text(words["protection_insurances"].format(**org)),
                Items(
                    tuple(
                        words[key]
                        for key in (
                            "insurance_health",
                            "insurance_liability",
                            "insurance_repatriation",
                        )
                    )
                ),
            ),
        ),
        Section(
            words["early_end"],
            (Text(words["early_end_text"]), Text(words["certificate_text"].format(**org))),
        ),
        *_cap_and_aids(version, words),
        _signatures(version, words, org),
    ]
    return ContractDocument(
        language=language,
        title=words["title"],
        law=words["law"],
        translation_note=words["translation_note"],
        version_label=label,
        draft_mark="" if signed else words["draft_mark"],
        status_line="" if signed else _status_line(version, words, org),
        sections=tuple(sections),
        volunteer_name=volunteer_name or words["deleted_volunteer"],
        association_name=association.name,
        footer=words["footer"].format(
            name=volunteer_name or words["deleted_volunteer"],
            version=label,
            page="{page}",
            pages="{pages}",
        ),
        file_name=contract_file_name(version, language=language),
    )


def _status_line(version: ContractVersion, words, org) -> str:
    if version.status == ContractVersion.Status.DECLINED and version.declined_at:
        return words["status_declined"].format(date=_local_day(version.declined_at))
    return words[f"status_{version.status}"].format(date="", **org)


def _parties(version: ContractVersion, words, org, kind: str) -> Section:
    contract = version.contract
    association = contract.association
    parts = [line.strip(" ,") for line in association.address.splitlines() if line.strip(" ,")]
    if association.city and association.city not in association.address:
        parts.append(association.city)
    address = words["at_address"].format(address=", ".join(parts)) if parts else ""
    volunteer = contract.volunteer
    if volunteer is None:
        name, birth = words["deleted_volunteer"], ""
    else:
        name = volunteer.user.full_name
        birth = (
            words["born_on"].format(date=format_day(volunteer.birth_date))
            if volunteer.birth_date
            else ""
        )
    return Section(
        words["parties"],
        (
            Text(
                words["party_org"].format(
                    name=association.name,
                    kind=words[f"kind_{kind}"],
                    approval=association.approval_reference or words["no_approval"],
                    address=address,
                    org=org["org"],
                )
            ),
            Text(words["party_volunteer"].format(name=name, birth=birth)),
            Text(words["agreed"]),
        ),
    )


def _mission(version: ContractVersion, words, org) -> Section:
    contract = version.contract
    rows = [(words["mission_title"], contract.mission.title)]
    if contract.mission.place:
        rows.append((words["mission_place"], contract.mission.place))
    rows.append((words["mission_country"], str(contract.country.name)))
    return Section(
        words["mission"], (Text(words["mission_text"].format(**org)), Facts(tuple(rows)))
    )


def _duration(version: ContractVersion, words) -> Section:
    start, end = version.start_on, version.end_on
    length = words["length_value"].format(
        days=_number(days(Period(start, end))), months=whole_months(start, end)
    )
    return Section(
        words["duration"],
        (
            Text(words["duration_text"]),
            Facts(
                (
                    (words["start"], format_day(start)),
                    (words["end"], format_day(end)),
                    (words["length"], length),
                )
            ),
        ),
    )


def _leave(version: ContractVersion, words) -> Section:
    leave = leave_days(version.start_on, version.end_on)
    text = words["leave_text"].format(days=leave) if leave else words["no_leave_text"]
    return Section(words["leave"], (Text(text),))


def _cap_and_aids(version: ContractVersion, words) -> tuple[Section, Section]:
    """The 6-year cap with the days served before and left after this contract (R11), and
    the end-of-mission aids it opens (R18, R19)."""
    contract = version.contract
    this = Period(version.start_on, version.end_on)
    before = history_before(contract, version.start_on)
    after = lifetime_days_used((*before.periods, this))
    cap = Section(
        words["cap"],
        (
            Text(words["cap_text"].format(cap=_number(LIFETIME_CAP_DAYS))),
            Facts(
                (
                    (words["days_before"], _number(before.days)),
                    (words["days_this"], _number(days(this))),
                    (words["days_left"], _number(max(0, LIFETIME_CAP_DAYS - after))),
                )
            ),
        ),
    )
    reached = reaches_twelve_months(this.start, this.end)
    items: list[str] = []
    if reached:
        if sovereign_state(contract.country.code) == FRANCE:
            items.append(words["premium_in_france"])
        else:
            items.append(
                words["premium"].format(
                    amount=format_euros(INSERTION_PREMIUM_MAX_EUR),
                    deadline=format_day(insertion_premium_deadline(this.end)),
                )
            )
    # The resettlement allowance counts the continuous mission that ends with this contract
    # (an earlier mission with no gap included): it may reach 12 months when this contract
    # alone does not.
    official = bool(contract.volunteer and contract.volunteer.public_official)
    chain = (*before.periods, this)
    resettlement = resettlement_allowance(chain, public_official=official)
    if official and reached:
        items.append(words["resettlement_official"])
    elif resettlement.amount:
        continuous = continuous_mission(chain) or this
        items.append(
            words["resettlement"].format(
                amount=format_euros(resettlement.amount),
                months=whole_months(continuous.start, continuous.end),
            )
        )
    blocks: list[Block] = [Text(words["aids_reached" if reached else "aids_not_reached"])]
    if items:
        blocks.append(Items(tuple(items)))
    return cap, Section(words["aids"], tuple(blocks))


def _signatures(version: ContractVersion, words, org) -> Section:
    contract = version.contract
    association = contract.association
    if version.volunteer_signed_at:
        typed = version.volunteer_signature or _account_name(version.volunteer_signed_by)
        volunteer = words["signed"].format(name=typed, date=_local_day(version.volunteer_signed_at))
    elif version.status == ContractVersion.Status.SIGNED:
        # Contracts signed before online signatures (migration 0013): the association alone.
        volunteer = words["volunteer_not_recorded"]
    else:
        volunteer = words["not_signed"]
    blocks: list[Block] = [Text(words["signatures_text"])]
    if version.association_signed_at:
        typed = version.association_signature or _account_name(version.association_signed_by)
        moment = _local_day(version.association_signed_at)
        role = version.association_signatory_role.strip()
        signed = (
            words["signed_with_role"].format(name=typed, role=role, date=moment)
            if role
            else words["signed"].format(name=typed, date=moment)
        )
    else:
        signed = words["not_signed"]
    blocks.append(
        Facts(
            (
                (words["signature_volunteer"], volunteer),
                (words["signature_org"].format(org=org["org"], name=association.name), signed),
            )
        )
    )
    if version.association_signed_at and association.city:
        blocks.append(Text(words["made_at"].format(city=association.city)))
    return Section(words["signatures"], tuple(blocks))


def _account_name(user) -> str:
    return user.full_name if user is not None else "–"


def contract_pdf(version: ContractVersion, *, language: str, compress: bool = True) -> bytes:
    """The contract version as an A4 PDF in ``language`` (``compress=False`` keeps the
    text readable in the file)."""
    return document_pdf(contract_content(version, language=language), compress=compress)
