"""The expected table of the account pages (allauth's): an anonymous visitor (AN) and a
signed-in volunteer (VA); part of the permission matrix's EXPECTED."""

from __future__ import annotations

ACCOUNT_PAGES: dict[str, dict[str, str]] = {
    "account_login": {"get": "AN:200 VA:302"},
    "account_logout": {"get": "AN:302 VA:200"},
    "account_inactive": {"get": "AN:200 VA:200"},
    "account_signup": {"get": "AN:200 VA:302"},
    "account_reauthenticate": {"get": "AN:login VA:200"},
    "account_email": {"get": "AN:login VA:200"},
    "account_email_verification_sent": {"get": "AN:200 VA:200"},
    "account_change_password": {"get": "AN:login VA:200"},
    "account_set_password": {"get": "AN:login VA:302"},
    "account_reset_password": {"get": "AN:200 VA:200"},
    "account_confirm_login_code": {"get": "AN:login VA:302"},
    "account_confirm_email": {"get": "AN:200 VA:200"},
    "account_reset_password_from_key_done": {"get": "AN:200 VA:200"},
    "account_reset_password_from_key": {"get": "AN:200 VA:200"},
    "account_reset_password_done": {"get": "AN:200 VA:200"},
}
