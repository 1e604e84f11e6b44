import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing passwords the production way makes these tests slow and proves nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
