"""Country facts shared by the VSI rules: valid codes, territories, the EU and the EEA.

Pure Python on purpose (no Django, no django-countries): the rules modules must run and be
tested without settings, and the database search builds its country filters from the very
sets defined here (``codes_judged_as``), so a rule about countries is written only once.

Conventions (docs/rules.md, vsi-rules.md "Conventions"):

- a country is an ISO 3166-1 alpha-2 code in upper case; anything else is a malformed fact
  and raises ``ValueError`` naming the field;
- a territory is judged as its sovereign State, because the law speaks of the "État" of
  nationality, residence and mission (*Choice* written in the specification). Only the
  territories the specification lists are mapped; every other code is its own State, as the
  specification says ("any other code maps to itself").
"""

from __future__ import annotations

from collections.abc import Iterable

# Every officially assigned ISO 3166-1 alpha-2 code (249). Reserved codes (EU, UK, XK...)
# are left out: a mission or a nationality must name a real country or territory.
ISO_3166_ALPHA2: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
    BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET
    FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
    HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT
    JE JM JO JP
    KE KG KH KI KM KN KP KR KW KY KZ
    LA LB LC LI LK LR LS LT LU LV LY
    MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
    NA NC NE NF NG NI NL NO NP NR NU NZ
    OM
    PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA
    RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
    TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
    UA UG UM US UY UZ
    VA VC VE VG VI VN VU
    WF WS
    YE YT
    ZA ZM ZW
    """.split()
)

FRANCE = "FR"

# The 27 member States of the European Union, by their ISO codes (Greece is GR, not EL).
EU: frozenset[str] = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)

# The European Economic Area: the EU plus Iceland, Liechtenstein and Norway.
# Switzerland (CH) and the United Kingdom (GB) are in neither set.
EEA: frozenset[str] = EU | frozenset({"IS", "LI", "NO"})

# Territory → sovereign State, exactly the list of the specification.
TERRITORY_STATE: dict[str, str] = {
    **dict.fromkeys(("GP", "MQ", "GF", "RE", "YT", "MF", "BL", "PM", "PF", "NC", "WF", "TF"), "FR"),
    **dict.fromkeys(("GL", "FO"), "DK"),
    **dict.fromkeys(("AW", "CW", "SX", "BQ"), "NL"),
    "AX": "FI",
    **dict.fromkeys(("SJ", "BV"), "NO"),
}

# French overseas collectivities where French law applies only where it says so: a VSI
# hosted there is possible (they are France) but staff must review the contract.
OVERSEAS_COLLECTIVITIES: frozenset[str] = frozenset({"PF", "NC", "WF"})


def validate_code(code: object, field: str = "country") -> str:
    """Return ``code`` if it is an upper-case ISO 3166-1 alpha-2 code, else raise ValueError.

    ``field`` names the fact in the message (e.g. ``"Contract.country"``) so a form or an
    import can point at the wrong value instead of showing a bare "invalid code".
    """
    if isinstance(code, str) and code in ISO_3166_ALPHA2:
        return code
    hint = ""
    if isinstance(code, str) and code.upper() in ISO_3166_ALPHA2:
        hint = f" (did you mean {code.upper()!r}?)"
    raise ValueError(f"{field}: {code!r} is not an upper-case ISO 3166-1 alpha-2 code{hint}")


def is_country_code(code: object) -> bool:
    """Tell whether ``code`` is a valid, upper-case ISO 3166-1 alpha-2 code."""
    return isinstance(code, str) and code in ISO_3166_ALPHA2


def sovereign_state(code: str, field: str = "country") -> str:
    """Return the State a country code is judged as: its sovereign State, or itself."""
    validate_code(code, field)
    return TERRITORY_STATE.get(code, code)


def codes_judged_as(states: Iterable[str]) -> frozenset[str]:
    """Return every ISO code whose sovereign State is one of ``states``.

    The States themselves and their territories: the mission search turns a set of
    excluded States into a ``country__in`` exclusion with it, so that a territory is
    excluded exactly when ``check`` would judge it as an excluded State.
    """
    wanted = frozenset(validate_code(state, "states") for state in states)
    return frozenset(code for code in ISO_3166_ALPHA2 if sovereign_state(code) in wanted)


def in_eea(code: str, field: str = "country") -> bool:
    """Tell whether the State a code is judged as belongs to the EEA."""
    return sovereign_state(code, field) in EEA
