from django.urls import path

from . import views

app_name = "missions"

urlpatterns = [
    path("", views.mission_search, name="search"),
    path("saved/", views.saved_list, name="saved"),
    # The volunteer's applications and contracts.
    path("my-applications/", views.my_applications, name="my_applications"),
    path(
        "my-applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path("my-contracts/<int:pk>/", views.my_contract, name="my_contract"),
    path(
        "contracts/<int:pk>/certificate.pdf",
        views.contract_certificate,
        name="contract_certificate",
    ),
    # The staff space.
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.mission_create, name="create"),
    path("manage/<int:pk>/edit/", views.mission_edit, name="edit"),
    path("manage/<int:pk>/preview/", views.mission_preview, name="preview"),
    path("manage/<int:pk>/publish/", views.mission_publish, name="publish"),
    path("manage/<int:pk>/close/", views.mission_close, name="close"),
    path("manage/<int:pk>/duplicate/", views.mission_duplicate, name="duplicate"),
    path("manage/<int:pk>/applications/", views.mission_applications, name="applications"),
    path("manage/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "manage/applications/<int:pk>/shortlist/",
        views.application_shortlist,
        name="application_shortlist",
    ),
    path(
        "manage/applications/<int:pk>/accept/",
        views.application_accept,
        name="application_accept",
    ),
    path(
        "manage/applications/<int:pk>/reject/",
        views.application_reject,
        name="application_reject",
    ),
    path(
        "manage/applications/<int:pk>/contract/",
        views.contract_create,
        name="contract_create",
    ),
    path("manage/contracts/", views.contracts_manage, name="contracts"),
    path("manage/contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path(
        "manage/contracts/<int:pk>/prerequisites/",
        views.contract_prerequisites,
        name="contract_prerequisites",
    ),
    path(
        "manage/contracts/<int:pk>/criminal-record/",
        views.contract_criminal_record,
        name="contract_criminal_record",
    ),
    path("manage/contracts/<int:pk>/activate/", views.contract_activate, name="contract_activate"),
    path(
        "manage/contracts/<int:pk>/end-early/",
        views.contract_end_early,
        name="contract_end_early",
    ),
    path("manage/contracts/<int:pk>/complete/", views.contract_complete, name="contract_complete"),
    # A mission's own addresses come last: their slug could be any word.
    path("<slug:slug>/", views.mission_detail, name="detail"),
    path("<slug:slug>/apply/", views.application_apply, name="apply"),
    path("<slug:slug>/save/", views.mission_save, name="save"),
    path("<slug:slug>/unsave/", views.mission_unsave, name="unsave"),
]
