"""The public addresses of the certificates of completion: their verification page, printed
on every certificate (``/certificates/verify/``)."""

from django.urls import path

from .views import contract_ends

app_name = "certificates"

urlpatterns = [
    path("verify/", contract_ends.certificate_verify, name="verify"),
]
