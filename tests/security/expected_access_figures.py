"""The permission matrix's rows for the figures' pages (expected_access.py takes them in)."""

from __future__ import annotations

FIGURE_PAGES: dict[str, dict[str, str]] = {
    # The association's figures: its staff only (France Volontaires has the programme's).
    "associations:dashboard": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404"},
    # Aggregates only, for anyone.
    "statistics": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    # France Volontaires' dashboard: under /admin/, staff only, two-factor verified.
    "programme_dashboard": {
        "get": "AN:admin-login VA:admin-login VB:admin-login EX:admin-login AX:admin-login "
        "AY:admin-login FV:200"
    },
}
