from django.urls import path

from privacy import views as privacy_views

from . import views

app_name = "volunteers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile"),
    path("prior-missions/", views.prior_mission_list, name="prior_missions"),
    path("prior-missions/<int:pk>/edit/", views.prior_mission_edit, name="prior_mission_edit"),
    path(
        "prior-missions/<int:pk>/delete/", views.prior_mission_delete, name="prior_mission_delete"
    ),
    path("documents/", views.document_list, name="documents"),
    path("documents/upload/<str:kind>/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("vsi/", views.my_vsi, name="my_vsi"),
    path(
        "vsi/contracts/<int:pk>/premium-requested/",
        views.premium_requested,
        name="premium_requested",
    ),
    # The data rights live in privacy/; their pages stay in the person's space.
    path("data/export/", privacy_views.data_export, name="data_export"),
    path("data/delete/", privacy_views.account_delete, name="account_delete"),
]
