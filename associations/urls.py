from django.urls import path

from missions.views.dashboards import association_dashboard

from . import views

app_name = "associations"

urlpatterns = [
    path("staff/", views.staff_home, name="staff_home"),
    path("register/", views.register, name="register"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/logo/", views.logo, name="logo"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/edit/", views.edit, name="edit"),
    # The association's figures (missions/views/dashboards.py).
    path("<slug:slug>/manage/dashboard/", association_dashboard, name="dashboard"),
    path("<slug:slug>/manage/resubmit/", views.resubmit, name="resubmit"),
    path(
        "<slug:slug>/manage/documents/<str:kind>/",
        views.file_document,
        name="file_document",
    ),
    path("<slug:slug>/manage/members/", views.members, name="members"),
    path("<slug:slug>/manage/members/invite/", views.invite, name="invite"),
    path(
        "<slug:slug>/manage/members/<int:member_id>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "<slug:slug>/manage/members/<int:member_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "<slug:slug>/manage/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
