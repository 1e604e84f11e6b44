from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files of a test go to a folder of its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; the tests check behaviour, not hashing cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """allauth's rate limits and the search's pages live in the caches; no test inherits
    another's."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tasks run in the test's process, even when CI configures a Redis broker.

    With a broker and no worker, a queued task would never run and the test
    would see no email. The broker round trip itself is proven by
    tests/core/test_celery.py, which starts a real worker process.
    """
    from vsi_portal.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def verified_admin_client(client, db):
    """A client signed in as a France Volontaires admin (superuser) whose session passed
    two-factor authentication, as the Django admin requires."""
    from tests.factories import UserFactory, otp_verify

    admin = UserFactory(is_staff=True, is_superuser=True)
    otp_verify(client, admin)
    client.user = admin
    return client
