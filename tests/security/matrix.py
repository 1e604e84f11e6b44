"""Shared by the permission matrix and the fuzzing tests: every URL pattern of the project,
one object of each kind to fill their arguments, the actors, and how a response is named.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    ContractFactory,
    MembershipFactory,
    MissionFactory,
    UserFactory,
    VolunteerFactory,
    otp_verify,
)
from tests.missions.engagement import upload_document

ACTORS = (
    "anonymous",
    "volunteer_a",
    "volunteer_b",
    "editor_x",
    "admin_x",
    "admin_y",
    "fv_admin",
)

# The routes whose <kind> is a document of an association's file (association X's statutes).
FILE_DOCUMENT_ROUTES = {"associations:file_document", "admin:associations_association_document"}

INVITATION_TOKEN = "matrix-invitation-token-0123456789"


@dataclass(frozen=True)
class Route:
    """One URL pattern: its key in the tables (its name, or its route when unnamed)."""

    key: str
    name: str | None
    route: str
    converters: tuple[str, ...]
    callback: object = field(compare=False, repr=False)


def _route_text(pattern) -> str:
    return str(pattern.pattern)


def iter_routes(patterns=None, prefix: str = "", namespace: str = ""):
    """Every URL pattern of the project, namespaces included, depth first."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from iter_routes(entry.url_patterns, prefix + _route_text(entry), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + _route_text(entry)
            name = f"{namespace}{entry.name}" if entry.name else None
            arguments = tuple(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
            converters = tuple(a or b for a, b in arguments)
            yield Route(
                key=name or f"{namespace}{route}",
                name=name,
                route=route,
                converters=converters,
                callback=entry.callback,
            )


def all_routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for route in iter_routes():
        # A name used twice (Django resolves to the first) keeps the first pattern.
        seen.setdefault(route.key, route)
    return list(seen.values())


@dataclass
class World:
    """One object of each kind, built once for a test module."""

    users: dict[str, object]
    association_x: object
    association_y: object
    mission: object
    application: object
    contract: object
    cv: object
    criminal_record: object
    prior_mission: object
    notification: object
    invitation: object
    editor_membership: object
    objects_by_model: dict[str, object]
    message: object = None
    saved_search: object = None
    export: object = None


def build_world() -> World:
    from associations.models import Invitation, Membership
    from associations.services.associations import association_document_upload
    from associations.services.staff import _hash_token
    from demo.pdf import pdf_upload
    from notifications.models import Notification, NotificationPreference, Reminder
    from notifications.reminders import registered_kinds
    from volunteers.models import PriorMission
    from vsi_portal.outbox.models import OutboxMessage
    from vsi_portal.security.models import AuditEvent

    association_x = AssociationFactory(name="Association X", slug="association-x")
    association_y = AssociationFactory(name="Association Y", slug="association-y")
    admin_x = MembershipFactory(association=association_x, role="admin").user
    editor_membership = MembershipFactory(association=association_x, role="editor")
    admin_y = MembershipFactory(association=association_y, role="admin").user
    volunteer_a = VolunteerFactory()
    volunteer_b = VolunteerFactory()
    fv_admin = UserFactory(is_staff=True, is_superuser=True)

    mission = MissionFactory(association=association_x, slug="mission-x")
    application = ApplicationFactory(mission=mission, volunteer=volunteer_a)
    contract = ContractFactory(
        application__mission=MissionFactory(association=association_x, slug="mission-x-2"),
        application__volunteer=volunteer_a,
    )
    cv = upload_document(volunteer_a, "cv")
    criminal_record = upload_document(volunteer_a, "criminal_record")
    association_document_upload(
        association=association_x,
        kind="statutes",
        upload=pdf_upload("statuts.pdf", ["Statuts"]),
        by=admin_x,
    )
    prior_mission = PriorMission.objects.create(
        volunteer=volunteer_a,
        association_name="Partenaire",
        country="BF",
        start_on=timezone.localdate() - timedelta(days=900),
        end_on=timezone.localdate() - timedelta(days=600),
    )
    notification = Notification.objects.create(
        recipient=volunteer_a.user, kind="test", title="Bienvenue", link="/me/"
    )
    now = timezone.now()
    invitation = Invitation.objects.create(
        association=association_x,
        email="invited@example.org",
        role="editor",
        token_hash=_hash_token(INVITATION_TOKEN),
        invited_by=admin_x,
        created_at=now,
        expires_at=now + timedelta(days=7),
    )
    preference = NotificationPreference.objects.create(user=volunteer_a.user)
    reminder = Reminder.objects.create(
        kind=registered_kinds()[0].code,
        subject_type=ContentType.objects.get_for_model(contract),
        subject_id=contract.pk,
        due_on=timezone.localdate(),
        recipient=volunteer_a.user,
    )
    audit_event = AuditEvent.objects.order_by("pk").first()
    if audit_event is None:
        audit_event = AuditEvent.objects.create(action=AuditEvent.Action.values[0])
    from allauth.account.models import EmailAddress
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from missions.models import Language
    from missions.services.conversations import message_post, message_report

    # A message of association X's staff to volunteer A, reported by them.
    message = message_post(application=application, body="Bonjour.", by=admin_x)
    report = message_report(message=message, reason="Test.", by=volunteer_a.user)

    device = TOTPDevice.objects.create(user=fv_admin, name="Phone", confirmed=True)
    objects_by_model = {
        "auth_group": Group.objects.create(name="Matrix"),
        "account_emailaddress": EmailAddress.objects.get(user=volunteer_a.user),
        "axes_accessattempt": AccessAttempt.objects.create(
            username="x", ip_address="127.0.0.1", user_agent="t", failures_since_start=1
        ),
        "axes_accesslog": AccessLog.objects.create(
            username="x", ip_address="127.0.0.1", user_agent="t"
        ),
        "axes_accessfailurelog": AccessFailureLog.objects.create(
            username="x", ip_address="127.0.0.1", user_agent="t"
        ),
        "otp_totp_totpdevice": device,
        "accounts_user": volunteer_a.user,
        "auth_user": volunteer_a.user,
        "associations_association": association_x,
        "missions_mission": mission,
        "missions_language": Language.objects.order_by("pk").first()
        or Language.objects.create(code="fr", name_en="French", name_fr="Français"),
        "missions_application": application,
        "missions_contract": contract,
        "missions_messagereport": report,
        "volunteers_volunteer": volunteer_a,
        "volunteers_document": cv,
        "notifications_reminder": reminder,
        "notifications_notification": notification,
        "notifications_notificationpreference": preference,
        "security_auditevent": audit_event,
        "outbox_outboxmessage": OutboxMessage.objects.create(
            kind="test", to="someone@example.org", language="fr", subject="Bonjour", text="."
        ),
    }
    assert Membership.objects.filter(association=association_x).count() == 2
    from missions.models import SavedSearch

    saved_search = SavedSearch.objects.create(
        volunteer=volunteer_a, name="Sénégal", query="country=SN&eligible=0"
    )
    # Admin X's export of their association's contracts, ready to download.
    import uuid

    from missions.services.exports import export_build, export_request

    export, _created = export_request(
        by=admin_x, kind="contracts", file_format="csv", request_key=uuid.uuid4(), language="fr"
    )
    export = export_build(export_id=export.pk)
    return World(
        users={
            "volunteer_a": volunteer_a.user,
            "volunteer_b": volunteer_b.user,
            "editor_x": editor_membership.user,
            "admin_x": admin_x,
            "admin_y": admin_y,
            "fv_admin": fv_admin,
        },
        association_x=association_x,
        association_y=association_y,
        mission=mission,
        application=application,
        contract=contract,
        cv=cv,
        criminal_record=criminal_record,
        prior_mission=prior_mission,
        notification=notification,
        invitation=invitation,
        editor_membership=editor_membership,
        objects_by_model=objects_by_model,
        message=message,
        saved_search=saved_search,
        export=export,
    )


def sign_in(client, world: World, actor: str) -> None:
    if actor == "anonymous":
        return
    user = world.users[actor]
    if actor == "fv_admin":
        otp_verify(client, user)
    else:
        client.force_login(user)


# pk arguments: which object each URL name's <pk> means.
_PK_OBJECT = {
    "missions:application_withdraw": "application",
    "missions:my_application": "application",
    "missions:message_post": "application",
    "missions:message_report": "message",
    "missions:application_detail": "application",
    "missions:application_shortlist": "application",
    "missions:application_accept": "application",
    "missions:application_reject": "application",
    "missions:contract_create": "application",
    "volunteers:prior_mission_edit": "prior_mission",
    "volunteers:prior_mission_delete": "prior_mission",
    "volunteers:document_download": "cv",
    "volunteers:document_delete": "cv",
    "notifications:read": "notification",
    "missions:saved_search_update": "saved_search",
    "missions:saved_search_delete": "saved_search",
    "missions:export_download": "export",
}


def url_for(route: Route, world: World, pk_object: str | None = None) -> str:
    """The route's path with its arguments filled from the world's objects (`pk_object`
    names the world's object for <pk> instead of the usual one)."""
    kwargs: dict[str, object] = {}
    key = route.key
    for argument in route.converters:
        if argument == "pk" and pk_object is not None:
            kwargs[argument] = getattr(world, pk_object).pk
        elif argument == "slug":
            kwargs[argument] = (
                world.mission.slug if key.startswith("missions:") else world.association_x.slug
            )
        elif argument == "pk":
            if key in _PK_OBJECT:
                kwargs[argument] = getattr(world, _PK_OBJECT[key]).pk
            elif (key.startswith("missions:") and "contract" in key) or key.startswith(
                "volunteers:premium"
            ):
                kwargs[argument] = world.contract.pk
            elif key.startswith("missions:"):
                kwargs[argument] = world.mission.pk
            elif key.startswith("admin:otp_totp"):
                kwargs[argument] = world.objects_by_model["otp_totp_totpdevice"].pk
            else:
                raise KeyError(f"no object for <pk> of {key}")
        elif argument == "token":
            kwargs[argument] = INVITATION_TOKEN
        elif argument == "member_id":
            kwargs[argument] = world.editor_membership.pk
        elif argument == "invitation_id":
            kwargs[argument] = world.invitation.pk
        elif argument == "kind" and key in FILE_DOCUMENT_ROUTES:
            kwargs[argument] = "statutes"
        elif argument == "kind":
            kwargs[argument] = "cv"
        elif argument == "key":
            kwargs[argument] = "not-a-real-key"
        elif argument == "uidb36":
            kwargs[argument] = "1"
        elif argument == "object_id" and key == "admin:view_on_site":
            kwargs[argument] = world.mission.pk
        elif argument == "object_id":
            model = _admin_model(route)
            kwargs[argument] = world.objects_by_model[model].pk
        elif argument == "id":
            kwargs[argument] = world.users["volunteer_a"].pk
        elif argument == "action":
            kwargs[argument] = "suspend"
        elif argument == "content_type_id":
            kwargs[argument] = ContentType.objects.get_for_model(world.mission).pk
        elif argument == "app_label":
            kwargs[argument] = "missions"
        elif argument == "url":
            kwargs[argument] = "no-such-page/"
        elif argument == "number":
            kwargs[argument] = 1  # the contract's version 1
        else:
            raise KeyError(f"no value for <{argument}> of {key}")
    if route.name is None:
        return _unnamed_url(route, kwargs)
    return reverse(route.name, kwargs=kwargs)


def _admin_model(route: Route) -> str:
    match = re.match(r"admin/(\w+)/(\w+)/", route.route)
    assert match, route
    app, model = match.groups()
    if app == "accounts" and model == "user":
        return "accounts_user"
    return f"{app}_{model}"


def _unnamed_url(route: Route, kwargs: dict) -> str:
    path = route.route.replace("^", "").replace("$", "")
    for argument, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{argument}>|\(\?P<{argument}>[^)]*\)", str(value), path)
    return "/" + path


def outcome(response) -> str:
    """A short name for a response: its status, or where a redirect sends."""
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        if target.startswith(reverse("account_login")):
            return "login"
        if target.startswith(reverse("admin:login")):
            return "admin-login"
        if target.startswith(reverse("security:two_factor_verify")):
            return "2fa"
        return "302"
    return str(status)


def accepts_post(route: Route) -> bool:
    """Whether the view may take a POST: its method decorator allows it, or, undecorated,
    its code reads one."""
    view = getattr(route.callback, "view_class", None) or route.callback
    allowed = None
    function = view
    while function is not None:
        closure = getattr(function, "__closure__", None) or ()
        names = getattr(getattr(function, "__code__", None), "co_freevars", ())
        for name, cell in zip(names, closure, strict=False):
            if name == "request_method_list":
                allowed = cell.cell_contents
        function = getattr(function, "__wrapped__", None)
    if allowed is not None:
        return "POST" in allowed
    innermost = inspect.unwrap(view)
    try:
        source = inspect.getsource(innermost)
    except (OSError, TypeError):
        return True
    return "POST" in source or "post" in source
