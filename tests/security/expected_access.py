"""What each actor gets on each page and method: the permission matrix's expected table
(test_permission_matrix.py says what the actors and the outcomes are).

The role matrix (docs/security.md): an association's editor (EX) publishes missions and
reviews applications, and reads its contracts; only its administrators (AX) sign, record
the checklist and the criminal record check, start, end and complete contracts, and
download criminal record extracts: the editor's contract moves are 404.
"""

from __future__ import annotations

from tests.security.expected_access_accounts import ACCOUNT_PAGES
from tests.security.expected_access_exports import EXPORT_PAGES
from tests.security.expected_access_figures import FIGURE_PAGES

EXPECTED: dict[str, dict[str, str]] = {
    **ACCOUNT_PAGES,
    **EXPORT_PAGES,
    **FIGURE_PAGES,
    "home": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "accessibility": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "robots_txt": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "sitemap": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "set_language": {
        "get": "AN:405 VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:302 VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
    },
    "missions:search": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:feed": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:map": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:saved": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:saved_searches": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:search_save": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
    },
    "missions:saved_search_update": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "missions:saved_search_delete": {
        "get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    # A signed link, no account: the world's token is no signed link (a 400 page).
    "missions:alerts_unsubscribe": {
        "get": "AN:400 VA:400 VB:400 EX:400 AX:400 AY:400 FV:400",
        "post": "AN:400 VA:400 VB:400 EX:400 AX:400 AY:400 FV:400",
    },
    # "Am I eligible?": a visitor's empty answers are refused (400); anyone signed in sees
    # the answer from their own profile, whatever they post (nothing reaches the session).
    "missions:eligibility": {
        "get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
        "post": "AN:400 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
    },
    "missions:eligibility_forget": {
        "get": "AN:405 VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:302 VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
    },
    "missions:my_applications": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:application_withdraw": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "missions:my_contract": {"get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404"},
    "missions:my_application": {"get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404"},
    # The conversation: its volunteer and the association's staff; an empty message is not
    # sent (back to the page), an empty report shows its form again.
    "missions:message_post": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:404 EX:302 AX:302 AY:404 FV:404",
    },
    "missions:message_report": {
        "get": "AN:login VA:200 VB:404 EX:200 AX:200 AY:404 FV:404",
        "post": "AN:login VA:400 VB:404 EX:400 AX:400 AY:404 FV:404",
    },
    "missions:contract_certificate": {"get": "AN:login VA:404 VB:404 EX:404 AX:404 AY:404 FV:404"},
    "missions:my_contract_document": {"get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404"},
    "missions:contract_document": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404"},
    "missions:manage": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:create": {
        "get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:200 FV:404",
        "post": "AN:login VA:404 VB:404 EX:200 AX:200 AY:200 FV:404",
    },
    "missions:edit": {
        "get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404",
    },
    "missions:preview": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404"},
    "missions:publish": {
        "get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:302 AX:302 AY:404 FV:404",
    },
    "missions:close": {
        "get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:302 AX:302 AY:404 FV:404",
    },
    # The world's mission is published: asking goes back to the list, deleting is refused.
    "missions:delete": {
        "get": "AN:login VA:404 VB:404 EX:302 AX:302 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:302 AX:302 AY:404 FV:404",
    },
    "missions:duplicate": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:302 AX:302 AY:404 FV:404",
    },
    "missions:applications": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404"},
    "missions:application_detail": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404"},
    "missions:application_shortlist": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:302 AX:302 AY:404 FV:404",
    },
    "missions:application_accept": {
        "get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:302 AX:302 AY:404 FV:404",
    },
    "missions:application_reject": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404",
    },
    "missions:contract_create": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:contracts": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:contract_detail": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404"},
    "missions:contract_prerequisites": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:contract_criminal_record": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:400 AY:404 FV:404",
    },
    "missions:contract_leave_taken": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:400 AY:404 FV:404",
    },
    "missions:contract_activate": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    # The end of a contract and its certificate (views/contract_ends.py); the contract is
    # planned: completion and certificate are refused with a message (302).
    "missions:contract_give_notice": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:400 AY:404 FV:404",
    },
    "missions:contract_withdraw_notice": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:contract_complete": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:contract_issue_certificate": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:my_contract_give_notice": {
        "get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404",
        "post": "AN:login VA:400 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "missions:my_contract_withdraw_notice": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "certificates:verify": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    # Signing the contract (the world's contract is planned: no offer to sign, no draft).
    "missions:my_contract_sign": {
        "get": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "missions:my_contract_decline": {
        "get": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "missions:my_contract_departure": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "missions:contract_edit": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:contract_offer": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:contract_withdraw_offer": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:contract_sign": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:contract_amend": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:400 AY:404 FV:404",
    },
    "missions:contract_amendment_withdraw": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "missions:detail": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "missions:apply": {
        "get": "AN:login VA:302 VB:200 EX:200 AX:200 AY:200 FV:200",
        "post": "AN:login VA:302 VB:200 EX:400 AX:400 AY:400 FV:400",
    },
    "missions:save": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
    },
    "missions:unsave": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
    },
    "associations:staff_home": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "associations:register": {
        "get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
        "post": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
    },
    "associations:invitation": {
        "get": "AN:200 VA:403 VB:403 EX:403 AX:403 AY:403 FV:403",
        "post": "AN:login VA:403 VB:403 EX:403 AX:403 AY:403 FV:403",
    },
    "associations:detail": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "associations:logo": {"get": "AN:404 VA:404 VB:404 EX:404 AX:404 AY:404 FV:404"},
    "associations:manage": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404"},
    "associations:edit": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:404 AX:200 AY:404 FV:404",
    },
    "associations:resubmit": {
        "get": "AN:405 VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    # The association's file: its administrators only (France Volontaires read it through
    # the admin's review page, admin:associations_association_document).
    "associations:file_document": {
        "get": "AN:login VA:404 VB:404 EX:404 AX:200 AY:404 FV:404",
    },
    "associations:members": {"get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404"},
    "associations:invite": {
        "get": "AN:405 VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:400 AY:404 FV:404",
    },
    "associations:member_role": {
        "get": "AN:405 VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "associations:member_remove": {
        "get": "AN:login VA:404 VB:404 EX:200 AX:200 AY:404 FV:404",
        "post": "AN:login VA:404 VB:404 EX:302 AX:302 AY:404 FV:404",
    },
    "associations:invitation_revoke": {
        "get": "AN:405 VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:404 VB:404 EX:404 AX:302 AY:404 FV:404",
    },
    "volunteers:dashboard": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "volunteers:profile": {
        "get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
        "post": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
    },
    "volunteers:prior_missions": {
        "get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
        "post": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
    },
    "volunteers:prior_mission_edit": {
        "get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404",
        "post": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "volunteers:prior_mission_delete": {
        "get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "volunteers:documents": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "volunteers:document_upload": {
        "get": "AN:405 VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
    },
    "volunteers:document_download": {"get": "AN:login VA:200 VB:404 EX:200 AX:200 AY:404 FV:404"},
    "volunteers:document_delete": {
        "get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "volunteers:my_vsi": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "volunteers:premium_requested": {
        "get": "AN:405 VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:400 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "volunteers:data_export": {
        "get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
        "post": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
    },
    "volunteers:account_delete": {
        "get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
        "post": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
    },
    "notifications:list": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "notifications:read_all": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
    },
    "notifications:settings": {
        "get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
        "post": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200",
    },
    "notifications:read": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
    "security:privacy": {"get": "AN:200 VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "security:two_factor": {"get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:200"},
    "security:two_factor_setup": {
        "get": "AN:login VA:200 VB:200 EX:200 AX:200 AY:200 FV:302",
        "post": "AN:login VA:400 VB:400 EX:400 AX:400 AY:400 FV:302",
    },
    "security:two_factor_verify": {
        "get": "AN:login VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
        "post": "AN:login VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
    },
    "security:two_factor_disable": {
        "get": "AN:login VA:405 VB:405 EX:405 AX:405 AY:405 FV:405",
        "post": "AN:login VA:302 VB:302 EX:302 AX:302 AY:302 FV:302",
    },
    "admin:index": {"get": "AN:admin-login VA:admin-login AX:admin-login FV:200"},
    "admin:login": {"get": "AN:200 VA:200 AX:200 FV:302"},
    "admin:logout": {"get": "AN:302 VA:302 AX:302 FV:405"},
    "admin:password_change": {"get": "FV:200"},
    "admin:password_change_done": {"get": "FV:200"},
    "admin:autocomplete": {"get": "AN:admin-login VA:admin-login AX:admin-login FV:403"},
    "admin:jsi18n": {"get": "AN:admin-login VA:admin-login AX:admin-login FV:200"},
    "admin:view_on_site": {"get": "FV:302"},
    "admin:auth_group_changelist": {"get": "AN:admin-login VA:admin-login AX:admin-login FV:200"},
    "admin:auth_group_add": {"get": "FV:200"},
    "admin:auth_group_history": {"get": "FV:200"},
    "admin:auth_group_delete": {"get": "FV:200"},
    "admin:auth_group_change": {"get": "FV:200"},
    "admin:admin/auth/group/<path:object_id>/": {"get": "FV:302"},
    "admin:axes_accessattempt_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:axes_accessattempt_add": {"get": "FV:403"},
    "admin:axes_accessattempt_history": {"get": "FV:200"},
    "admin:axes_accessattempt_delete": {"get": "FV:200"},
    "admin:axes_accessattempt_change": {"get": "FV:200"},
    "admin:admin/axes/accessattempt/<path:object_id>/": {"get": "FV:302"},
    "admin:axes_accesslog_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:axes_accesslog_add": {"get": "FV:403"},
    "admin:axes_accesslog_history": {"get": "FV:200"},
    "admin:axes_accesslog_delete": {"get": "FV:200"},
    "admin:axes_accesslog_change": {"get": "FV:200"},
    "admin:admin/axes/accesslog/<path:object_id>/": {"get": "FV:302"},
    "admin:axes_accessfailurelog_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:axes_accessfailurelog_add": {"get": "FV:403"},
    "admin:axes_accessfailurelog_history": {"get": "FV:200"},
    "admin:axes_accessfailurelog_delete": {"get": "FV:200"},
    "admin:axes_accessfailurelog_change": {"get": "FV:200"},
    "admin:admin/axes/accessfailurelog/<path:object_id>/": {"get": "FV:302"},
    "admin:auth_user_password_change": {"get": "FV:200"},
    "admin:accounts_user_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:accounts_user_add": {"get": "FV:200"},
    "admin:accounts_user_history": {"get": "FV:200"},
    "admin:accounts_user_delete": {"get": "FV:200"},
    "admin:accounts_user_change": {"get": "FV:200"},
    "admin:admin/accounts/user/<path:object_id>/": {"get": "FV:302"},
    "admin:associations_association_decide": {"get": "FV:200"},
    "admin:associations_association_document": {"get": "FV:200"},
    "admin:associations_association_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:associations_association_add": {"get": "FV:403"},
    "admin:associations_association_history": {"get": "FV:200"},
    "admin:associations_association_delete": {"get": "FV:403"},
    "admin:associations_association_change": {"get": "FV:200"},
    "admin:admin/associations/association/<path:object_id>/": {"get": "FV:302"},
    "admin:missions_mission_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:missions_mission_add": {"get": "FV:403"},
    "admin:missions_mission_history": {"get": "FV:200"},
    "admin:missions_mission_delete": {"get": "FV:403"},
    "admin:missions_mission_change": {"get": "FV:200"},
    "admin:admin/missions/mission/<path:object_id>/": {"get": "FV:302"},
    "admin:missions_language_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:missions_language_add": {"get": "FV:200"},
    "admin:missions_language_history": {"get": "FV:200"},
    "admin:missions_language_delete": {"get": "FV:200"},
    "admin:missions_language_change": {"get": "FV:200"},
    "admin:admin/missions/language/<path:object_id>/": {"get": "FV:302"},
    "admin:missions_messagereport_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:missions_messagereport_add": {"get": "FV:403"},
    "admin:missions_messagereport_history": {"get": "FV:200"},
    "admin:missions_messagereport_delete": {"get": "FV:403"},
    "admin:missions_messagereport_change": {"get": "FV:200"},
    "admin:admin/missions/messagereport/<path:object_id>/": {"get": "FV:302"},
    "admin:missions_application_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:missions_application_add": {"get": "FV:403"},
    "admin:missions_application_history": {"get": "FV:200"},
    "admin:missions_application_delete": {"get": "FV:403"},
    "admin:missions_application_change": {"get": "FV:200"},
    "admin:admin/missions/application/<path:object_id>/": {"get": "FV:302"},
    "admin:missions_contract_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:missions_contract_add": {"get": "FV:403"},
    "admin:missions_contract_history": {"get": "FV:200"},
    "admin:missions_contract_delete": {"get": "FV:403"},
    "admin:missions_contract_change": {"get": "FV:200"},
    "admin:admin/missions/contract/<path:object_id>/": {"get": "FV:302"},
    "admin:volunteers_volunteer_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:volunteers_volunteer_add": {"get": "FV:200"},
    "admin:volunteers_volunteer_history": {"get": "FV:200"},
    "admin:volunteers_volunteer_delete": {"get": "FV:200"},
    "admin:volunteers_volunteer_change": {"get": "FV:200"},
    "admin:admin/volunteers/volunteer/<path:object_id>/": {"get": "FV:302"},
    "admin:volunteers_document_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:volunteers_document_add": {"get": "FV:403"},
    "admin:volunteers_document_history": {"get": "FV:200"},
    "admin:volunteers_document_delete": {"get": "FV:200"},
    "admin:volunteers_document_change": {"get": "FV:200"},
    "admin:admin/volunteers/document/<path:object_id>/": {"get": "FV:302"},
    "admin:notifications_reminder_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:notifications_reminder_add": {"get": "FV:403"},
    "admin:notifications_reminder_history": {"get": "FV:200"},
    "admin:notifications_reminder_delete": {"get": "FV:200"},
    "admin:notifications_reminder_change": {"get": "FV:200"},
    "admin:admin/notifications/reminder/<path:object_id>/": {"get": "FV:302"},
    "admin:notifications_notification_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:notifications_notification_add": {"get": "FV:403"},
    "admin:notifications_notification_history": {"get": "FV:200"},
    "admin:notifications_notification_delete": {"get": "FV:200"},
    "admin:notifications_notification_change": {"get": "FV:200"},
    "admin:admin/notifications/notification/<path:object_id>/": {"get": "FV:302"},
    "admin:notifications_notificationpreference_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:notifications_notificationpreference_add": {"get": "FV:403"},
    "admin:notifications_notificationpreference_history": {"get": "FV:200"},
    "admin:notifications_notificationpreference_delete": {"get": "FV:200"},
    "admin:notifications_notificationpreference_change": {"get": "FV:200"},
    "admin:admin/notifications/notificationpreference/<path:object_id>/": {"get": "FV:302"},
    "admin:security_auditevent_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:security_auditevent_add": {"get": "FV:403"},
    "admin:security_auditevent_history": {"get": "FV:200"},
    "admin:security_auditevent_delete": {"get": "FV:403"},
    "admin:security_auditevent_change": {"get": "FV:200"},
    "admin:admin/security/auditevent/<path:object_id>/": {"get": "FV:302"},
    "admin:outbox_outboxmessage_changelist": {
        "get": "AN:admin-login VA:admin-login AX:admin-login FV:200",
    },
    "admin:outbox_outboxmessage_add": {"get": "FV:403"},
    "admin:outbox_outboxmessage_history": {"get": "FV:200"},
    "admin:outbox_outboxmessage_delete": {"get": "FV:200"},
    "admin:outbox_outboxmessage_change": {"get": "FV:200"},
    "admin:admin/outbox/outboxmessage/<path:object_id>/": {"get": "FV:302"},
    "admin:app_list": {"get": "FV:200"},
    "admin:admin/(?P<url>.*)$": {"get": "AN:admin-login VA:admin-login AX:admin-login FV:404"},
}


# The same URL pattern for another object than the one matrix.url_for gives it: (URL name,
# which object of the world fills <pk>) -> method -> outcomes.
EXPECTED_VARIANTS: dict[tuple[str, str], dict[str, str]] = {
    ("volunteers:document_download", "criminal_record"): {
        "get": "AN:login VA:200 VB:404 EX:404 AX:200 AY:404 FV:404",
    },
    ("volunteers:document_delete", "criminal_record"): {
        "get": "AN:login VA:200 VB:404 EX:404 AX:404 AY:404 FV:404",
        "post": "AN:login VA:302 VB:404 EX:404 AX:404 AY:404 FV:404",
    },
}
