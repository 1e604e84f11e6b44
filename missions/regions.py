"""Continents for the search's region filter, after the UN M49 standard regions.

M49 (https://unstats.un.org/unsd/methodology/m49/) puts every country or territory in
one of five regions. Data only: the search turns a region into a ``country__in`` filter.
Antarctica (AQ) belongs to no region and is found by its country only.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")


REGION_COUNTRIES: dict[str, frozenset[str]] = {
    Region.AFRICA: frozenset(
        # Northern, Eastern, Middle, Southern and Western Africa
        """
        DZ EG LY MA SD TN EH
        IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW
        AO CM CF TD CG CD GQ GA ST
        BW SZ LS NA ZA
        BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG
        """.split()
    ),
    Region.AMERICAS: frozenset(
        # Caribbean, Central America, South America, Northern America
        """
        AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI
        BZ CR SV GT HN MX NI PA
        AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE
        BM CA GL PM US
        """.split()
    ),
    Region.ASIA: frozenset(
        # Central, Eastern, South-eastern, Southern and Western Asia
        """
        KZ KG TJ TM UZ
        CN HK MO KP JP MN KR TW
        BN KH ID LA MY MM PH SG TH TL VN
        AF BD BT IN IR MV NP PK LK
        AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE
        """.split()
    ),
    Region.EUROPE: frozenset(
        # Eastern, Northern, Southern and Western Europe
        """
        BY BG CZ HU PL MD RO RU SK UA
        AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB
        AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES
        AT BE FR DE LI LU MC NL CH
        """.split()
    ),
    Region.OCEANIA: frozenset(
        # Australia and New Zealand, Melanesia, Micronesia, Polynesia
        """
        AU CX CC HM NZ NF
        FJ NC PG SB VU
        GU KI MH FM NR MP PW UM
        AS CK PF NU PN WS TK TO TV WF
        """.split()
    ),
}


def countries_in(region: str) -> frozenset[str]:
    """The ISO codes of a region (empty for an unknown region)."""
    return REGION_COUNTRIES.get(region, frozenset())


def region_of(code: str) -> str | None:
    for region, codes in REGION_COUNTRIES.items():
        if code in codes:
            return region
    return None
