"""The exports' pages in the permission matrix (expected_access.py's table).

An association's staff (EX, AX, AY) list and ask for exports of their own associations; a
file is downloaded only by the person who asked (AX asked in the matrix's world): anyone
else, France Volontaires included, gets 404. France Volontaires' page of every
association's exports is in the admin: its sign-in page for anyone else.
"""

from __future__ import annotations

EXPORT_PAGES: dict[str, dict[str, str]] = {
    "missions:exports": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:200 FV:404"},
    "missions:export_request": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:302 AX:302 AY:302 FV:404",
    },
    "missions:export_download": {"get": "AN:login VA:404 VB:404 EX:404 AX:200 AY:404 FV:404"},
    "national_exports": {
        "get": "AN:admin-login VA:admin-login VB:admin-login EX:admin-login AX:admin-login "
        "AY:admin-login FV:200",
        "post": "AN:admin-login VA:admin-login VB:admin-login EX:admin-login AX:admin-login "
        "AY:admin-login FV:302",
    },
}
