import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.accounts import DEMO_ADMIN_EMAIL
from vsi_portal.accounts.addresses import normalise_email


class Command(BaseCommand):
    help = (
        "Prints the current two-factor code of the demo France Volontaires admin. Local demo "
        "runs only: refused unless DEBUG is true."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", default=DEMO_ADMIN_EMAIL)

    def handle(self, *args, email: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refused: DEBUG is false. This command serves local demo runs only "
                "(make demo-otp, or DEBUG=true manage.py demo_otp_code)."
            )
        device = (
            TOTPDevice.objects.filter(user__email=normalise_email(email), confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None:
            raise CommandError(f"{email} has no confirmed two-factor device (run load_demo).")
        now = time.time()
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0)
        remaining = device.step - int(now - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}")
        self.stderr.write(f"valid for {remaining} more seconds ({email})")
