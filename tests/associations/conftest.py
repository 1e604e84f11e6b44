from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import AssociationFactory, MembershipFactory, UserFactory, VolunteerFactory


@pytest.fixture
def fv_admin(db):
    """A France Volontaires admin (superuser, like the demo's)."""
    return UserFactory(is_staff=True, is_superuser=True, email="fv@vsi-portal.fr")


@pytest.fixture
def pending(db):
    return AssociationFactory(status="pending", approval_reference="", approval_expires_on=None)


@pytest.fixture
def owner(db):
    """An approved association's admin: membership.user, membership.association."""
    return MembershipFactory(role="admin")


@pytest.fixture
def other_staff(db):
    """The admin of another approved association."""
    return MembershipFactory(role="admin").user


@pytest.fixture
def volunteer_user(db):
    return VolunteerFactory().user


def image_upload(name="logo.png", fmt="PNG", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 80, 160)).save(buffer, format=fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}.get(
        fmt, "application/octet-stream"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Accounts made by the factories need no slow hashing in these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def association_url(name, association=None, **kw):
    """The address of an associations page, for ``association`` when its slug is needed."""
    if association is not None:
        kw["slug"] = association.slug
    return reverse(f"associations:{name}", kwargs=kw)
