from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("account/two-factor/", views.two_factor, name="two_factor"),
    path("account/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("account/two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
]
