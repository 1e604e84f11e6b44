"""Two-factor authentication: required for the admin, offered to everyone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, MembershipFactory, UserFactory, VolunteerFactory, otp_verify
from vsi_portal.security.models import AuditEvent

from .conftest import current_code, wrong_code

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
SETUP = reverse("security:two_factor_setup")
VERIFY = reverse("security:two_factor_verify")
STATUS = reverse("security:two_factor")
DISABLE = reverse("security:two_factor_disable")


def _login(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.fixture
def fv_admin():
    return UserFactory(is_staff=True, is_superuser=True)


# --- The admin requires it -------------------------------------------------------------


def test_staff_without_a_device_are_sent_to_set_one_up_from_the_admin(client, fv_admin):
    _login(client, fv_admin)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response.url.startswith(SETUP)
    assert "next=%2Fadmin%2F" in response.url


def test_staff_with_a_device_are_asked_for_the_code_before_the_admin(client, fv_admin, device_of):
    device_of(fv_admin)
    _login(client, fv_admin)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


def test_a_valid_code_opens_the_admin(client, fv_admin, device_of):
    device = device_of(fv_admin)
    _login(client, fv_admin)
    response = client.post(VERIFY, {"token": current_code(device), "next": ADMIN})
    assert response.status_code == 302
    assert response.url == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_is_refused_and_the_admin_stays_closed(client, fv_admin, device_of):
    device = device_of(fv_admin)
    _login(client, fv_admin)
    response = client.post(VERIFY, {"token": wrong_code(device), "next": ADMIN})
    assert response.status_code == 400
    assert "code" in response.content.decode()
    assert client.get(ADMIN).status_code == 302


def test_a_code_that_is_not_six_digits_is_a_form_error(client, fv_admin, device_of):
    device_of(fv_admin)
    _login(client, fv_admin)
    response = client.post(VERIFY, {"token": "abc\x00" * 100})
    assert response.status_code == 400


def test_repeated_wrong_codes_are_throttled(client, fv_admin, device_of):
    device = device_of(fv_admin)
    _login(client, fv_admin)
    for _ in range(3):
        client.post(VERIFY, {"token": wrong_code(device)})
    response = client.post(VERIFY, {"token": current_code(device)})
    assert response.status_code == 400
    assert client.get(ADMIN).status_code == 302


def test_staff_set_up_their_device_and_reach_the_admin(client, fv_admin):
    _login(client, fv_admin)
    page = client.get(SETUP, {"next": ADMIN})
    assert page.status_code == 200
    body = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in body
    assert "<script" not in body.split("<main", 1)[1].split("</main>", 1)[0]
    device = TOTPDevice.objects.get(user=fv_admin, confirmed=False)
    response = client.post(SETUP, {"token": current_code(device), "next": ADMIN})
    assert response.status_code == 302
    assert response.url == ADMIN
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(ADMIN).status_code == 200


def test_reloading_the_setup_page_keeps_the_same_secret(client, fv_admin):
    _login(client, fv_admin)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=fv_admin).count() == 1


def test_setup_refuses_a_wrong_code(client, fv_admin):
    _login(client, fv_admin)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=fv_admin)
    response = client.post(SETUP, {"token": wrong_code(device)})
    assert response.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed


def test_non_staff_are_not_sent_to_two_factor_by_the_admin(client):
    user = UserFactory()
    _login(client, user)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert "login" in response.url


def test_staff_without_a_device_use_the_public_pages_freely(client, fv_admin):
    _login(client, fv_admin)
    assert client.get(reverse("missions:search")).status_code == 200


def test_the_otp_verify_helper_opens_the_admin(client, fv_admin):
    otp_verify(client, fv_admin)
    assert client.get(ADMIN).status_code == 200


def test_the_verified_admin_client_fixture_opens_the_admin(verified_admin_client):
    assert verified_admin_client.get(ADMIN).status_code == 200


def test_staff_cannot_turn_two_factor_off(client, fv_admin):
    device = otp_verify(client, fv_admin)
    response = client.post(DISABLE, {"token": current_code(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=fv_admin).exists()


# --- Offered to association admins and everyone ----------------------------------------


def test_anonymous_visitors_are_asked_to_log_in_for_the_two_factor_pages(client):
    for url in (STATUS, SETUP, VERIFY):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response.url
    assert client.post(DISABLE).status_code == 302


def test_an_association_admin_turns_it_on_and_is_asked_for_a_code_at_next_login(client):
    staff = MembershipFactory(role="admin").user
    _login(client, staff)
    assert f'href="{SETUP}"' in client.get(STATUS).content.decode()
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff)
    client.post(SETUP, {"token": current_code(device)})
    assert AuditEvent.objects.filter(action="two_factor_enabled", actor=staff).exists()
    client.post(reverse("account_logout"))

    _login(client, staff)
    response = client.get(reverse("associations:staff_home"))
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    assert client.get(reverse("missions:search")).status_code == 302
    device.refresh_from_db()
    device.last_t = -1  # the code used at set-up may be the current one again
    device.save()
    response = client.post(
        VERIFY, {"token": current_code(device), "next": reverse("associations:staff_home")}
    )
    assert response.url == reverse("associations:staff_home")
    assert client.get(reverse("associations:staff_home")).status_code == 200


def test_pages_left_open_before_the_code_is_typed(client, device_of):
    user = VolunteerFactory().user
    device_of(user)
    _login(client, user)
    assert client.get(reverse("security:privacy")).status_code == 200
    assert client.get(VERIFY).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_a_volunteer_without_two_factor_is_never_asked_for_a_code(client):
    user = VolunteerFactory().user
    _login(client, user)
    assert client.get(reverse("volunteers:dashboard")).status_code == 200


def test_a_volunteer_turns_it_off_with_a_current_code(client):
    user = VolunteerFactory().user
    device = otp_verify(client, user)
    response = client.post(DISABLE, {"token": current_code(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="two_factor_disabled", actor=user).exists()
    assert client.get(reverse("volunteers:dashboard")).status_code == 200


def test_turning_it_off_with_a_wrong_code_is_refused(client):
    user = VolunteerFactory().user
    device = otp_verify(client, user)
    response = client.post(DISABLE, {"token": wrong_code(device)}, follow=True)
    assert TOTPDevice.objects.filter(user=user).exists()
    assert "not right" in response.content.decode() or "pas le bon" in response.content.decode()


def test_disable_is_post_only(client):
    otp_verify(client, UserFactory())
    assert client.get(DISABLE).status_code == 405


def test_one_persons_code_does_not_verify_another(client, device_of):
    alice, bob = UserFactory(), UserFactory()
    device_of(alice)
    bob_device = device_of(bob)
    _login(client, alice)
    response = client.post(VERIFY, {"token": current_code(bob_device)})
    # Bob's code is (almost surely) not Alice's; if the 6 digits collide, it is her code.
    alice_device = TOTPDevice.objects.get(user=alice)
    if current_code(alice_device) != current_code(bob_device):
        assert response.status_code == 400


def test_setup_redirects_when_two_factor_is_already_on(client):
    user = UserFactory()
    otp_verify(client, user)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response.url == STATUS


def test_a_device_removed_by_an_admin_lets_the_person_in_again(client, device_of):
    user = UserFactory()
    device = device_of(user)
    _login(client, user)
    device.delete()
    response = client.get(VERIFY, {"next": "/missions/"})
    assert response.status_code == 302
    assert response.url == "/missions/"
    assert client.get(reverse("missions:search")).status_code == 200


def test_verify_ignores_a_next_to_another_site(client, device_of):
    user = UserFactory()
    device = device_of(user)
    _login(client, user)
    response = client.post(VERIFY, {"token": current_code(device), "next": "https://evil.test/"})
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_the_setup_page_renders_in_french_by_default(client):
    _login(client, UserFactory())
    assert "Saisissez le code qu’elle affiche" in client.get(SETUP).content.decode()


def test_the_setup_page_renders_in_english(client):
    _login(client, UserFactory(preferred_language="en"))
    client.cookies["django_language"] = "en"
    assert "Type the code it shows" in client.get(SETUP).content.decode()
