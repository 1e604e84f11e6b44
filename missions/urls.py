from django.urls import path
from django.views.decorators.http import require_GET

from .views import (
    applications,
    contract_documents,
    contract_ends,
    contract_signing,
    contracts,
    conversations,
    eligibility,
    exports,
    feeds,
    my_contracts,
    public,
    saved_searches,
    search_map,
    staff,
)

app_name = "missions"

urlpatterns = [
    path("", public.mission_search, name="search"),
    path("map/", search_map.mission_map, name="map"),
    path("saved/", public.saved_list, name="saved"),
    # Saved searches and their alerts (views/saved_searches.py).
    path("searches/", saved_searches.saved_searches, name="saved_searches"),
    path("searches/save/", saved_searches.search_save, name="search_save"),
    path("searches/<int:pk>/", saved_searches.saved_search_update, name="saved_search_update"),
    path(
        "searches/<int:pk>/delete/",
        saved_searches.saved_search_delete,
        name="saved_search_delete",
    ),
    path(
        "alerts/unsubscribe/<str:token>/",
        saved_searches.alerts_unsubscribe,
        name="alerts_unsubscribe",
    ),
    # "Am I eligible?": a visitor's answers, kept in their session only.
    path("am-i-eligible/", eligibility.eligibility_check, name="eligibility"),
    path("am-i-eligible/forget/", eligibility.eligibility_forget, name="eligibility_forget"),
    # The search as an Atom feed (same parameters as the search).
    path("feed/", require_GET(feeds.SearchFeed()), name="feed"),
    # The volunteer's applications and contracts.
    path("my-applications/", applications.my_applications, name="my_applications"),
    path("my-applications/<int:pk>/", applications.my_application, name="my_application"),
    path(
        "my-applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    # The staff space.
    path("manage/", staff.manage, name="manage"),
    path("manage/new/", staff.mission_create, name="create"),
    path("manage/<int:pk>/edit/", staff.mission_edit, name="edit"),
    path("manage/<int:pk>/preview/", staff.mission_preview, name="preview"),
    path("manage/<int:pk>/publish/", staff.mission_publish, name="publish"),
    path("manage/<int:pk>/close/", staff.mission_close, name="close"),
    path("manage/<int:pk>/duplicate/", staff.mission_duplicate, name="duplicate"),
    path("manage/<int:pk>/delete/", staff.mission_delete, name="delete"),
    path("manage/<int:pk>/applications/", applications.mission_applications, name="applications"),
    path(
        "manage/applications/<int:pk>/", applications.application_detail, name="application_detail"
    ),
    path(
        "manage/applications/<int:pk>/shortlist/",
        applications.application_shortlist,
        name="application_shortlist",
    ),
    path(
        "manage/applications/<int:pk>/accept/",
        applications.application_accept,
        name="application_accept",
    ),
    path(
        "manage/applications/<int:pk>/reject/",
        applications.application_reject,
        name="application_reject",
    ),
    path(
        "manage/applications/<int:pk>/contract/",
        contracts.contract_create,
        name="contract_create",
    ),
    path("manage/contracts/", contracts.contracts_manage, name="contracts"),
    # Exports of the association's missions, applications, contracts (views/exports.py).
    path("manage/exports/", exports.exports_list, name="exports"),
    path("manage/exports/new/", exports.export_request_view, name="export_request"),
    path("manage/exports/<int:pk>/download/", exports.export_download, name="export_download"),
    path("manage/contracts/<int:pk>/", contracts.contract_detail, name="contract_detail"),
    path(
        "manage/contracts/<int:pk>/prerequisites/",
        contracts.contract_prerequisites,
        name="contract_prerequisites",
    ),
    path(
        "manage/contracts/<int:pk>/criminal-record/",
        contracts.contract_criminal_record,
        name="contract_criminal_record",
    ),
    path(
        "manage/contracts/<int:pk>/leave/",
        contracts.contract_leave_taken,
        name="contract_leave_taken",
    ),
    path(
        "manage/contracts/<int:pk>/activate/", contracts.contract_activate, name="contract_activate"
    ),
    # The end of a contract and its certificate (views/contract_ends.py).
    path(
        "manage/contracts/<int:pk>/notice/",
        contract_ends.contract_give_notice,
        name="contract_give_notice",
    ),
    path(
        "manage/contracts/<int:pk>/notice/withdraw/",
        contract_ends.contract_withdraw_notice,
        name="contract_withdraw_notice",
    ),
    path(
        "manage/contracts/<int:pk>/complete/",
        contract_ends.contract_complete,
        name="contract_complete",
    ),
    path(
        "manage/contracts/<int:pk>/certificate/",
        contract_ends.contract_issue_certificate,
        name="contract_issue_certificate",
    ),
    path(
        "my-contracts/<int:pk>/notice/",
        contract_ends.my_contract_give_notice,
        name="my_contract_give_notice",
    ),
    path(
        "my-contracts/<int:pk>/notice/withdraw/",
        contract_ends.my_contract_withdraw_notice,
        name="my_contract_withdraw_notice",
    ),
    path(
        "contracts/<int:pk>/certificate.pdf",
        contract_ends.contract_certificate,
        name="contract_certificate",
    ),
    # Signing the contract: the volunteer's side, then the staff's.
    path("my-contracts/<int:pk>/", my_contracts.my_contract, name="my_contract"),
    path("my-contracts/<int:pk>/sign/", my_contracts.my_contract_sign, name="my_contract_sign"),
    path(
        "my-contracts/<int:pk>/decline/",
        my_contracts.my_contract_decline,
        name="my_contract_decline",
    ),
    path(
        "my-contracts/<int:pk>/departure/",
        my_contracts.my_contract_departure,
        name="my_contract_departure",
    ),
    path("manage/contracts/<int:pk>/edit/", contract_signing.contract_edit, name="contract_edit"),
    path(
        "manage/contracts/<int:pk>/offer/", contract_signing.contract_offer, name="contract_offer"
    ),
    path(
        "manage/contracts/<int:pk>/withdraw-offer/",
        contract_signing.contract_withdraw_offer,
        name="contract_withdraw_offer",
    ),
    path("manage/contracts/<int:pk>/sign/", contract_signing.contract_sign, name="contract_sign"),
    path(
        "manage/contracts/<int:pk>/amend/", contract_signing.contract_amend, name="contract_amend"
    ),
    path(
        "manage/contracts/<int:pk>/withdraw-amendment/",
        contract_signing.contract_amendment_withdraw,
        name="contract_amendment_withdraw",
    ),
    # The contract document (PDF) of each version, for staff and for the volunteer.
    path(
        "manage/contracts/<int:pk>/versions/<int:number>/contract.pdf",
        contract_documents.contract_document,
        name="contract_document",
    ),
    path(
        "my-contracts/<int:pk>/versions/<int:number>/contract.pdf",
        contract_documents.my_contract_document,
        name="my_contract_document",
    ),
    # The conversation of an application, for its volunteer and the association's staff.
    path("conversations/<int:pk>/messages/", conversations.message_post, name="message_post"),
    path(
        "conversations/messages/<int:pk>/report/",
        conversations.message_report,
        name="message_report",
    ),
    # A mission's own addresses come last: their slug could be any word.
    path("<slug:slug>/", public.mission_detail, name="detail"),
    path("<slug:slug>/apply/", applications.application_apply, name="apply"),
    path("<slug:slug>/save/", public.mission_save, name="save"),
    path("<slug:slug>/unsave/", public.mission_unsave, name="unsave"),
]
