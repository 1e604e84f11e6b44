"""Screenshots of the key pages, at desktop (1280 px) and mobile (390 px) widths.

    make screenshots    # or: .venv/bin/python scripts/screenshots.py [--out FOLDER]

Builds a fresh SQLite database in a temporary folder, loads the demo data
(`manage.py load_demo`), serves it with `manage.py runserver` on a free port, then drives the
system Chromium (Playwright) as the demo users of the README (password vsi-demo-2026; the
France Volontaires admin types the code of the demo authenticator, whose secret is
published in demo/accounts.py) and writes docs/screenshots/<page>-<width>.png.
Nothing touches the checkout's own database or files.
"""

from __future__ import annotations

import argparse
import base64
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = "vsi-demo-2026"  # noqa: S105 - the published demo password (README)
WIDTHS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "mobile": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    },
}
VOLUNTEER = "lea.martin@example.org"  # complete profile, CV sent
CONTRACT_VOLUNTEER = "thomas.moreau@example.org"  # contract under way, ending in 14 days
# A declared mission, a completed contract and one under way with leave taken: My VSI's
# timeline.
TIMELINE_VOLUNTEER = "manon.dubois@example.org"
STAFF = "staff@terres-afrique.example.org"  # applications to review
PENDING_ASSOCIATION = "Jardins du Mékong"
PENDING_ADMIN = "staff@jardins-mekong.example.org"  # its approval decision still to attach
EXPORTER = "staff@solidarite-sahel.example.org"  # has the demo's export of contracts


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict, *args: str, **kwargs) -> subprocess.Popen | None:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, env=env, cwd=ROOT, **kwargs)  # noqa: S603 - ours
    subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603 - ours
    return None


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our local server
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the demo server did not answer at {url}")


def _code() -> str:
    from django_otp.oath import totp

    from demo.accounts import DEMO_TOTP_SECRET

    key = base64.b32decode(DEMO_TOTP_SECRET)
    return f"{totp(key, step=30, t0=0, digits=6):06d}"


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")


_used_codes: set[str] = set()


def _pass_two_factor(page) -> None:
    """Types the current code; a code already used is refused (replay), so wait for the next."""
    if "/account/two-factor/verify/" in page.url:
        code = _code()
        while code in _used_codes:
            time.sleep(1)
            code = _code()
        _used_codes.add(code)
        page.fill("input[name=token]", code)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("load")


def shoot(base_url: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from demo.accounts import DEMO_ADMIN_EMAIL
    from missions.certificate import format_certificate_code
    from missions.models import Application, Contract

    # An application the demo association staff have to review.
    application = (
        Application.objects.filter(
            mission__association__memberships__user__email=STAFF,
            status__in=["submitted", "shortlisted"],
        )
        .order_by("pk")
        .first()
    )

    # A conversation: a question of the staff the volunteer answered.
    conversation_pk = Application.objects.get(
        volunteer__user__email=VOLUNTEER, mission__slug="enseignant-francais-thies"
    ).pk

    # A contract offered to its volunteer, one waiting for the association's signature, and
    # a certificate anyone may check.
    # (read here: the ORM does not run inside Playwright's event loop)
    offered = Contract.objects.select_related("volunteer__user").get(status="offered")
    offered_pk, offered_email = offered.pk, offered.volunteer.user.email
    awaiting = Contract.objects.select_related("association").get(status="volunteer_signed")
    signer = awaiting.association.memberships.filter(role="admin").order_by("pk").first().user
    awaiting_pk, signer_email = awaiting.pk, signer.email
    certified = Contract.objects.exclude(certificate_code=None).order_by("pk").first()
    code = format_certificate_code(certified.certificate_code)
    staff_slug = application.mission.association.slug  # its figures, on its dashboard

    if not Path(CHROMIUM).exists():
        install = "apt-get update && apt-get install -y chromium"
        raise SystemExit(f"Chromium is missing at {CHROMIUM}: `{install}` (or set CHROMIUM_PATH).")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--lang=fr-FR"],
        )
        for width, options in WIDTHS.items():

            def page_as(email: str | None, options=options):
                context = browser.new_context(base_url=base_url, locale="fr-FR", **options)
                context.set_default_timeout(20_000)
                page = context.new_page()
                if email:
                    _log_in(page, email)
                return page

            def save(page, name: str, width=width) -> None:
                page.wait_for_load_state("load")
                path = out / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=False)
                written.append(path)
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                print(f"  {shown}  ({page.url})")

            anonymous = page_as(None)
            anonymous.goto("/")
            save(anonymous, "home")
            anonymous.goto("/missions/")
            save(anonymous, "search")
            anonymous.goto("/missions/map/")
            save(anonymous, "search-map")
            anonymous.goto("/missions/")
            anonymous.locator("main article h3 a").first.click()
            save(anonymous, "mission")
            anonymous.context.close()

            volunteer = page_as(VOLUNTEER)
            volunteer.goto("/me/profile/")
            save(volunteer, "profile")
            volunteer.goto(f"/missions/my-applications/{conversation_pk}/")
            save(volunteer, "volunteer-conversation")
            volunteer.context.close()

            engaged = page_as(CONTRACT_VOLUNTEER)
            engaged.goto("/missions/my-applications/")
            save(engaged, "my-applications")
            engaged.goto("/me/vsi/")
            save(engaged, "my-vsi")
            engaged.context.close()

            timeline = page_as(TIMELINE_VOLUNTEER)
            timeline.goto("/me/vsi/")
            timeline.get_by_test_id("vsi-timeline").scroll_into_view_if_needed()
            save(timeline, "my-vsi-timeline")
            timeline.context.close()

            signing = page_as(offered_email)
            signing.goto(f"/missions/my-contracts/{offered_pk}/sign/")
            save(signing, "contract-sign")
            signing.context.close()

            association = page_as(signer_email)
            association.goto(f"/missions/manage/contracts/{awaiting_pk}/")
            save(association, "staff-contract-to-sign")
            association.goto("/associations/staff/")
            save(association, "staff-approval-warning")
            association.context.close()

            exporter = page_as(EXPORTER)  # the demo's export of contracts, ready
            exporter.goto("/missions/manage/exports/")
            save(exporter, "staff-exports")
            exporter.context.close()

            visitor = page_as(None)  # "Am I eligible?": a Senegalese living in Senegal
            visitor.goto("/missions/am-i-eligible/")
            visitor.fill("#id_birth_date", "1997-09-21")
            visitor.select_option("#id_nationalities", ["SN"])
            visitor.select_option("#id_residence", "SN")
            visitor.locator("main form [name=answer]").click()
            save(visitor, "eligibility")
            visitor.goto("/missions/?eligible=0")
            save(visitor, "search-badges")
            visitor.context.close()

            checker = page_as(None)
            checker.goto(f"/certificates/verify/?code={code}")
            save(checker, "certificate-verify")
            checker.context.close()

            staff = page_as(STAFF)
            staff.goto(f"/missions/manage/applications/{application.pk}/")
            save(staff, "staff-application-review")
            staff.goto(f"/associations/{staff_slug}/manage/dashboard/")
            save(staff, "association-dashboard")
            staff.context.close()

            statistics = page_as(None)
            statistics.goto("/statistics/")
            save(statistics, "statistics")
            statistics.context.close()

            pending_admin = page_as(PENDING_ADMIN)
            pending_admin.goto("/associations/jardins-du-mekong/manage/edit/")
            save(pending_admin, "association-file")
            pending_admin.context.close()

            admin = page_as(DEMO_ADMIN_EMAIL)
            admin.goto("/admin/")
            _pass_two_factor(admin)
            save(admin, "admin-review-queue")
            admin.goto("/admin/dashboard/")
            save(admin, "programme-dashboard")
            admin.goto("/admin/associations/association/?status__exact=pending")
            admin.get_by_role("link", name=PENDING_ASSOCIATION).first.click()
            admin.wait_for_load_state("load")
            admin.locator("a[href$='/decide/approve/']").click()
            save(admin, "admin-approval")
            admin.context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vsi-screenshots-") as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "EMAIL_URL": "consolemail://",
            "DEBUG": "true",
        }
        env.pop("CELERY_BROKER_URL", None)
        env.pop("REDIS_URL", None)
        os.environ.update(env)
        os.environ.pop("CELERY_BROKER_URL", None)
        os.environ.pop("REDIS_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsi_portal.settings")
        print("Loading the demo data into a fresh database…")
        _manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
        _manage(env, "load_demo", stdout=subprocess.DEVNULL)
        import django

        django.setup()  # this script reads the demo database to find the pages to show
        port = _free_port()
        server = _manage(
            env,
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            background=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_for(base_url + "/")
            print(f"Screenshots from {base_url}:")
            written = shoot(base_url, arguments.out)
        finally:
            server.terminate()
            server.wait(timeout=10)
    total = sum(path.stat().st_size for path in written)
    print(f"{len(written)} screenshots, {total / 1_000_000:.1f} MB, in {arguments.out}")


if __name__ == "__main__":
    main()
