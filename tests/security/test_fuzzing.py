"""Forms under attack: every form and POST view of the project receives random, huge,
unicode, null-byte and wrong-type values. Never a 500, never a half-written record."""

from __future__ import annotations

import os
import re

import pytest
from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.matrix import accepts_post, all_routes, build_world, sign_in, url_for

# Who may use each POST view, and the form classes whose fields it reads (the fields of the
# GET page's <form> are added to these when the page exists).
FUZZ_TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "set_language": ("volunteer_a", ("language", "next")),
    "missions:apply": ("volunteer_b", ("missions.forms.ApplicationForm",)),
    "missions:save": ("volunteer_b", ()),
    "missions:eligibility": ("anonymous", ("volunteers.forms.EligibilityAnswersForm",)),
    "missions:eligibility_forget": ("anonymous", ()),
    "missions:unsave": ("volunteer_a", ()),
    "missions:search_save": ("volunteer_b", ("missions.saved_search_forms.SaveSearchForm",)),
    "missions:saved_search_update": ("volunteer_a", ()),
    "missions:saved_search_delete": ("volunteer_a", ()),
    "missions:alerts_unsubscribe": ("anonymous", ()),
    "missions:application_withdraw": ("volunteer_a", ("missions.forms.WithdrawForm",)),
    "missions:message_post": ("volunteer_a", ("missions.conversation_forms.MessageForm",)),
    "missions:message_report": ("volunteer_a", ("missions.conversation_forms.ReportForm",)),
    "missions:create": ("admin_x", ("missions.forms.MissionCreateForm",)),
    "missions:edit": ("admin_x", ("missions.forms.MissionForm",)),
    "missions:publish": ("admin_x", ()),
    "missions:close": ("admin_x", ()),
    "missions:duplicate": ("admin_x", ()),
    "missions:delete": ("admin_x", ()),
    "missions:application_shortlist": ("admin_x", ()),
    "missions:application_accept": ("admin_x", ()),
    "missions:application_reject": ("admin_x", ("missions.forms.RejectForm",)),
    "missions:contract_create": ("admin_x", ("missions.forms.ContractForm",)),
    "missions:contract_prerequisites": ("admin_x", ("missions.forms.PrerequisitesForm",)),
    "missions:contract_criminal_record": ("admin_x", ("missions.forms.CriminalRecordCheckForm",)),
    "missions:contract_leave_taken": ("admin_x", ("missions.leave_forms.LeaveTakenForm",)),
    "missions:contract_activate": ("admin_x", ()),
    "missions:contract_give_notice": ("admin_x", ("missions.forms.EndEarlyForm",)),
    "missions:contract_withdraw_notice": ("admin_x", ()),
    "missions:contract_complete": ("admin_x", ()),
    "missions:contract_issue_certificate": ("admin_x", ("missions.forms.CertificateIssueForm",)),
    "missions:my_contract_give_notice": ("volunteer_a", ("missions.forms.VolunteerNoticeForm",)),
    "missions:my_contract_withdraw_notice": ("volunteer_a", ()),
    "missions:contract_edit": ("admin_x", ("missions.forms.ContractForm",)),
    "missions:contract_offer": ("admin_x", ()),
    "missions:contract_withdraw_offer": ("admin_x", ()),
    "missions:contract_sign": ("admin_x", ("missions.forms.AssociationSignForm",)),
    "missions:contract_amend": ("admin_x", ("missions.forms.AmendmentForm",)),
    "missions:contract_amendment_withdraw": ("admin_x", ()),
    "missions:my_contract_sign": ("volunteer_a", ("missions.forms.SignForm",)),
    "missions:my_contract_decline": ("volunteer_a", ("missions.forms.DeclineForm",)),
    "missions:my_contract_departure": ("volunteer_a", ("missions.forms.DepartureFactsForm",)),
    "associations:register": ("volunteer_b", ("associations.forms.AssociationForm",)),
    "associations:edit": ("admin_x", ("associations.forms.AssociationForm",)),
    "associations:resubmit": ("admin_x", ("associations.forms.ResubmitForm",)),
    "associations:invite": ("admin_x", ("associations.forms.InvitationForm",)),
    "associations:member_role": ("admin_x", ("associations.forms.RoleForm",)),
    "associations:member_remove": ("admin_x", ()),
    "associations:invitation_revoke": ("admin_x", ()),
    "associations:invitation": ("volunteer_b", ()),
    "volunteers:profile": ("volunteer_a", ("volunteers.forms.ProfileForm",)),
    "volunteers:prior_missions": ("volunteer_a", ("volunteers.forms.PriorMissionForm",)),
    "volunteers:prior_mission_edit": ("volunteer_a", ("volunteers.forms.PriorMissionForm",)),
    "volunteers:prior_mission_delete": ("volunteer_a", ()),
    "volunteers:document_upload": ("volunteer_a", ("volunteers.forms.DocumentUploadForm",)),
    "volunteers:document_delete": ("volunteer_a", ()),
    "volunteers:premium_requested": ("volunteer_a", ("volunteers.forms.PremiumRequestedForm",)),
    "volunteers:data_export": ("volunteer_a", ()),
    "volunteers:account_delete": ("volunteer_a", ("privacy.forms.AccountDeleteForm",)),
    "notifications:read": ("volunteer_a", ()),
    "missions:export_request": ("admin_x", ("missions.export_forms.ExportRequestForm",)),
    "national_exports": ("fv_admin", ("missions.export_forms.ExportRequestForm",)),
    "notifications:read_all": ("volunteer_a", ()),
    "notifications:settings": ("volunteer_a", ()),
    "security:two_factor_setup": ("volunteer_a", ("vsi_portal.security.forms.TokenForm",)),
    "security:two_factor_verify": ("fv_admin", ("vsi_portal.security.forms.TokenForm",)),
    "security:two_factor_disable": ("fv_admin", ("vsi_portal.security.forms.TokenForm",)),
    "account_login": ("anonymous", ("login", "password", "remember")),
    "account_signup": ("anonymous", ("email", "full_name", "password1", "password2")),
    "account_reset_password": ("anonymous", ("email",)),
    "account_change_password": ("volunteer_a", ("oldpassword", "password1", "password2")),
    "account_email": ("volunteer_a", ("email", "action_add", "action_remove")),
}

# A few examples per view keep the suite quick and repeatable (derandomized); a longer,
# random hunt: FUZZ_EXAMPLES=300 pytest tests/security/test_fuzzing.py
DEFAULT_EXAMPLES = 6
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", DEFAULT_EXAMPLES))

# Rows that a refused request may legitimately write: sessions, and django-axes' record of
# a failed login (that is its purpose).
UNCOUNTED = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}

ROUTES = {route.key: route for route in all_routes()}

INJECTIONS = [
    "'; DROP TABLE missions_mission; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}{% debug %}",
    "../../etc/passwd",
    "%00",
    "javascript:alert(1)",
]
WEIRD_TEXT = [
    "مرحبا بالعالم",  # Arabic, right to left
    "\u202eevil\u202c",
    "👩🏽‍🚀🌍✨",
    "e\u0301\u0301\u0301\u0327",
    "\x00",
    "abc\x00def",
    "\ud7ff\ufffd\uffff",
    " ",
    "",
]
WRONG_DATES = ["31/02/2026", "2026-13-45", "0000-00-00", "99999-01-01", "yesterday", "1e10"]

scalar = st.one_of(
    st.text(max_size=40),
    st.sampled_from(INJECTIONS + WEIRD_TEXT + WRONG_DATES),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    st.dates().map(str),
    st.sampled_from(["a" * 100_000, "é" * 100_000, "\x00" * 1000, "9" * 100_000]),
)
value = st.one_of(scalar, st.lists(scalar, min_size=1, max_size=3))

# Uploads: odd names (null bytes, paths, huge, unicode) and odd contents (empty, random
# bytes, a PDF or PNG header on anything, a pretend executable).
FILE_FIELDS = {"file", "logo"}


def _uploaded(name: str, content: bytes) -> SimpleUploadedFile:
    """A file as a browser would send it; names Django itself refuses to build (empty, "..")
    never reach a view, so they become a plain name."""
    try:
        return SimpleUploadedFile(name, content)
    except SuspiciousFileOperation:
        return SimpleUploadedFile("upload.bin", content)


upload = st.builds(
    _uploaded,
    name=st.one_of(
        st.text(max_size=300),
        st.sampled_from(["cv.pdf", "../../etc/passwd", "a\x00.pdf", "x" * 5000 + ".pdf", "😀.png"]),
    ),
    content=st.one_of(
        st.binary(max_size=2000),
        st.sampled_from([b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n" + b"0" * 100, b"MZ\x90\x00"]),
    ),
)
file_value = st.one_of(upload, scalar)


def _field_names(key: str, page: str | None) -> list[str]:
    _actor, sources = FUZZ_TARGETS[key]
    names: set[str] = set()
    for source in sources:
        if "." in source:
            module_name, class_name = source.rsplit(".", 1)
            module = __import__(module_name, fromlist=[class_name])
            names.update(getattr(module, class_name).base_fields)
        else:
            names.add(source)
    if page:
        names.update(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', page))
    names.discard("csrfmiddlewaretoken")
    return sorted(names)


def _counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in UNCOUNTED and model._meta.managed
    }


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-media")


@pytest.fixture
def _isolated_media(settings, media_root):
    """Overrides the suite's per-test media folder: the module's documents stay readable."""
    settings.MEDIA_ROOT = str(media_root)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_root):
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media_root)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        override_settings(STORAGES=storages, MEDIA_ROOT=str(media_root)),
        django_db_blocker.unblock(),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_every_post_view_is_fuzzed():
    accepting = {
        key
        for key, route in ROUTES.items()
        if not key.startswith("admin:") and not key.startswith("account_") and accepts_post(route)
    }
    assert accepting - set(FUZZ_TARGETS) == set()
    assert set(FUZZ_TARGETS) - set(ROUTES) == set()


def _full_clean_new_rows(before: dict[str, int], after: dict[str, int]) -> None:
    for label, count in after.items():
        if count > before.get(label, 0):
            model = apps.get_model(label)
            for row in model._default_manager.order_by("-pk")[: count - before.get(label, 0)]:
                row.full_clean()


@pytest.mark.parametrize("key", sorted(FUZZ_TARGETS))
def test_random_input_never_breaks_a_post_view(key, world, client, db):
    actor, _sources = FUZZ_TARGETS[key]
    sign_in(client, world, actor)
    client.raise_request_exception = True
    url = url_for(ROUTES[key], world)
    page = client.get(url)
    names = _field_names(key, page.content.decode() if page.status_code == 200 else None)
    names = names or ["value"]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=EXAMPLES == DEFAULT_EXAMPLES,
    )
    @given(
        data=st.fixed_dictionaries(
            {}, optional={n: file_value if n in FILE_FIELDS else value for n in names}
        )
    )
    def attack(data):
        before = _counts()
        shown = {k: (v[:80] if isinstance(v, str) else repr(v)[:80]) for k, v in data.items()}
        with transaction.atomic():
            try:
                response = client.post(url, data)
            except Exception as error:
                pytest.fail(f"POST {url} as {actor} with {shown!r} raised {error!r}")
            after = _counts()
            status = response.status_code
            if status in (301, 302, 303):
                _full_clean_new_rows(before, after)
            transaction.set_rollback(True)
        assert status < 500, f"POST {url} as {actor} with {shown!r}: {status}"
        if status not in (301, 302, 303):
            changed = {k: (before[k], after[k]) for k in after if after[k] != before.get(k)}
            assert not changed, f"POST {url} refused ({status}) but wrote {changed} ({shown!r})"

    attack()
