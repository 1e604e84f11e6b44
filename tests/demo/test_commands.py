"""The demo's commands: load_demo (make run) and demo_otp_code (make demo-otp)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.accounts import DEMO_ADMIN_EMAIL
from missions.models import ApplicationEvent
from tests.factories import UserFactory, reference_languages
from tests.security.conftest import current_code
from vsi_portal.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_the_demo_code_command_prints_the_current_code(settings, load_demo_device):
    settings.DEBUG = True
    load_demo_device()
    out = StringIO()
    call_command("demo_otp_code", stdout=out, stderr=StringIO())
    device = TOTPDevice.objects.get(user__email=DEMO_ADMIN_EMAIL)
    assert out.getvalue().strip() == current_code(device)


def test_the_demo_code_command_refuses_without_debug(settings, load_demo_device):
    settings.DEBUG = False
    load_demo_device()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_otp_code", stdout=StringIO())


def test_the_demo_code_command_names_a_missing_device(settings):
    settings.DEBUG = True
    UserFactory(email="nobody@example.org")
    with pytest.raises(CommandError, match="no confirmed"):
        call_command("demo_otp_code", "--email", "nobody@example.org", stdout=StringIO())


README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_demo_logins() -> list[str]:
    section = README.read_text().split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| [^|]+ \| `([^`]+@[^`]+)` \|", section, flags=re.MULTILINE)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_prints_the_readme_logins_the_same_twice_and_sends_no_email(outbox):
    reference_languages()  # an earlier transactional test may have flushed them
    first, second = StringIO(), StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)
    assert first.getvalue() == second.getvalue()
    output = first.getvalue()
    assert output.startswith("Demo data ready. Password for every login: vsi-demo-2026\n")
    readme_logins = _readme_demo_logins()
    assert len(readme_logins) >= 20
    assert set(readme_logins) <= set(re.findall(r"[\w.-]+@[\w.-]+", output))
    # The services queued their e-mails (one per application move, for one); none went out.
    assert ApplicationEvent.objects.exists()
    assert outbox == []
    assert not OutboxMessage.objects.exists()  # nor will they: no sweep finds them
