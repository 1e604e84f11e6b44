"""The association pages: staff space, registration, public page, team, invitations."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from missions.selectors.approval import approval_warnings_for_staff
from missions.selectors.missions import public_missions_of
from missions.selectors.response import association_response_shown, response_sentence
from vsi_portal.confirmation import Confirmation, confirmation_page
from vsi_portal.security.downloads import stored_file_download
from vsi_portal.security.models import AuditEvent
from vsi_portal.security.services import audit_record

from . import selectors
from .errors import AssociationError, InvitationError
from .forms import AssociationForm, InvitationForm, ResubmitForm, RoleForm
from .models import Association, AssociationDocument, Invitation, Membership
from .services import staff as staff_services
from .services.associations import (
    association_register,
    association_resubmit,
    association_update_profile,
)

# --- Scoped lookups -----------------------------------------------------------------


def _get_membership_for_user(user, slug: str) -> Membership:
    """The signed-in person's membership of the association; 404 for anyone else."""
    membership = (
        Membership.objects.select_related("association")
        .filter(user=user, association__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def _get_admin_membership_for_user(user, slug: str) -> Membership:
    membership = _get_membership_for_user(user, slug)
    if membership.role != Membership.Role.ADMIN:
        raise Http404
    return membership


def _get_file_document_for_admin(association: Association, kind: str) -> AssociationDocument:
    """A document of the file, for one of the association's administrators (the caller
    checked who asks); 404 when there is none."""
    document = association.documents.filter(kind=kind).first()
    if document is None or not document.file:
        raise Http404
    return document


def _get_member_for_admin(association: Association, member_id: int) -> Membership:
    member = association.memberships.select_related("user").filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


def _get_invitation_for_admin(association: Association, invitation_id: int) -> Invitation:
    invitation = association.invitations.filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


# --- Staff space --------------------------------------------------------------------


@require_GET
@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    memberships = list(selectors.memberships_for_staff_home(request.user))
    rows = []
    for membership in memberships:
        association = membership.association
        decisions = list(association.decisions.all())
        explanation = next(
            (d for d in decisions if d.to_status == association.status and d.reason), None
        )
        rows.append({"membership": membership, "association": association, "why": explanation})
    return render(
        request,
        "associations/staff_home.html",
        {
            "rows": rows,
            "invitations": list(selectors.invitations_waiting_for(request.user)),
            "approval_warnings": approval_warnings_for_staff(
                request.user, today=timezone.localdate()
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def register(request: HttpRequest) -> HttpResponse:
    form = AssociationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            association = association_register(
                by=request.user, documents=form.documents(), **form.profile_changes()
            )
        except AssociationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "“%(name)s” is registered. France Volontaires will review its file; "
                    "you will receive an e-mail once they decide."
                )
                % {"name": association.name},
            )
            return redirect("associations:manage", slug=association.slug)
    return render(request, "associations/register.html", {"form": form})


@require_GET
@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _get_membership_for_user(request.user, slug)
    association = membership.association
    is_admin = membership.role == Membership.Role.ADMIN
    file_documents = selectors.file_documents(association) if is_admin else []
    return render(
        request,
        "associations/manage.html",
        {
            "membership": membership,
            "association": association,
            "is_admin": is_admin,
            "decisions": list(selectors.association_decisions(association)),
            "why": selectors.latest_reasoned_decision(association),
            "resubmit_form": ResubmitForm(),
            "file_documents": file_documents,
            # Until France Volontaires decided, say what their review waits for.
            "approval_decision_missing": association.status
            in (Association.Status.PENDING, Association.Status.REJECTED)
            and any(
                entry["kind"] == AssociationDocument.Kind.APPROVAL_DECISION
                and entry["document"] is None
                for entry in file_documents
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _get_admin_membership_for_user(request.user, slug)
    association = membership.association
    form = AssociationForm(request.POST or None, request.FILES or None, instance=association)
    if request.method == "POST" and form.is_valid():
        try:
            association_update_profile(
                association=Association.objects.get(pk=association.pk),
                by=request.user,
                documents=form.documents(),
                **form.profile_changes(),
            )
        except AssociationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The association's file is saved."))
            return redirect("associations:manage", slug=association.slug)
    return render(
        request,
        "associations/edit.html",
        {
            "form": form,
            "association": association,
            "file_documents": selectors.file_documents(association),
        },
    )


@require_GET
@login_required
def file_document(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """A document of the association's file, to its administrators (France Volontaires read
    it from the admin's review page); 404 for anyone else."""
    membership = _get_admin_membership_for_user(request.user, slug)
    document = _get_file_document_for_admin(membership.association, kind)
    return file_document_response(request, document)


def file_document_response(request: HttpRequest, document: AssociationDocument) -> HttpResponse:
    """The document as a private download, recorded in the audit trail (also the admin's)."""
    response = stored_file_download(
        document.file, filename=document.original_name, content_type=document.content_type
    )
    audit_record(
        actor=request.user,
        action=AuditEvent.Action.DOCUMENT_DOWNLOADED,
        subject=document,
        details={"kind": document.kind, "association": document.association_id},
        request=request,
    )
    return response


@require_POST
@login_required
def resubmit(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _get_admin_membership_for_user(request.user, slug)
    form = ResubmitForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        association_resubmit(association=membership.association, by=request.user, note=note)
    except AssociationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your file is submitted again. France Volontaires will review it."),
        )
    return redirect("associations:manage", slug=slug)


# --- Team ---------------------------------------------------------------------------


@require_GET
@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _get_membership_for_user(request.user, slug)
    return _render_members(request, membership, InvitationForm())


def _render_members(request, membership: Membership, invite_form, status: int = 200):
    association = membership.association
    is_admin = membership.role == Membership.Role.ADMIN
    return render(
        request,
        "associations/members.html",
        {
            "association": association,
            "membership": membership,
            "is_admin": is_admin,
            "members": [
                _with_remove_confirmation(member, membership)
                for member in selectors.members_of(association)
            ],
            "leave_confirmation": _remove_confirmation(membership, membership),
            "invitations": list(selectors.open_invitations(association)) if is_admin else [],
            "invite_form": invite_form,
            "role_choices": Membership.Role.choices,
        },
        status=status,
    )


@require_POST
@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    membership = _get_admin_membership_for_user(request.user, slug)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, _token = staff_services.invitation_create(
                association=membership.association,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except AssociationError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works for %(days)s days.")
                % {"email": invitation.email, "days": Invitation.VALIDITY_DAYS},
            )
            return redirect("associations:members", slug=slug)
    return _render_members(request, membership, form, status=400)


@require_POST
@login_required
def member_role(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    membership = _get_admin_membership_for_user(request.user, slug)
    member = _get_member_for_admin(membership.association, member_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("associations:members", slug=slug)
    try:
        staff_services.membership_change_role(
            membership=member, role=form.cleaned_data["role"], by=request.user
        )
    except AssociationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": member.user, "role": member.get_role_display().lower()},
        )
    return redirect("associations:members", slug=slug)


def _remove_confirmation(member: Membership, asking: Membership) -> Confirmation:
    """The question before ``asking`` removes ``member`` from the team (or leaves it)."""
    cancel_url = reverse("associations:members", kwargs={"slug": asking.association.slug})
    if member.pk == asking.pk:
        return Confirmation(
            question=_("Leave “%(name)s”?") % {"name": asking.association.name},
            consequence=_(
                "You no longer see its missions, applications and contracts. An administrator "
                "can invite you again."
            ),
            action=_("Leave the team"),
            cancel_url=cancel_url,
            danger=True,
        )
    return Confirmation(
        question=_("Remove %(name)s from the team?") % {"name": member.user},
        consequence=_(
            "They no longer see the association's missions, applications and contracts. You "
            "can invite them again."
        ),
        action=_("Remove"),
        cancel_url=cancel_url,
        danger=True,
    )


def _with_remove_confirmation(member: Membership, asking: Membership) -> Membership:
    member.remove_confirmation = _remove_confirmation(member, asking)
    return member


@require_http_methods(["GET", "POST"])
@login_required
def member_remove(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """GET asks first; POST removes the member (or the person leaves)."""
    membership = _get_membership_for_user(request.user, slug)
    leaving = membership.pk == member_id
    if not leaving and membership.role != Membership.Role.ADMIN:
        raise Http404
    member = _get_member_for_admin(membership.association, member_id)
    if request.method == "GET":
        return confirmation_page(request, _remove_confirmation(member, membership))
    try:
        staff_services.membership_remove(membership=member, by=request.user)
    except AssociationError as error:
        messages.error(request, error.message)
        return redirect("associations:members", slug=slug)
    if leaving:
        messages.success(
            request,
            _("You have left “%(name)s”.") % {"name": membership.association.name},
        )
        return redirect("associations:staff_home")
    messages.success(request, _("%(name)s was removed from the team.") % {"name": member.user})
    return redirect("associations:members", slug=slug)


@require_POST
@login_required
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    membership = _get_admin_membership_for_user(request.user, slug)
    invitation = _get_invitation_for_admin(membership.association, invitation_id)
    try:
        staff_services.invitation_revoke(invitation=invitation, by=request.user)
    except AssociationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
        )
    return redirect("associations:members", slug=slug)


# --- Invitation link ------------------------------------------------------------------

_INVITATION_STATUS = {"used": 410, "expired": 410, "revoked": 410, "wrong_user": 403}


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail: sign in (or up) first, then accept."""
    found = staff_services.invitation_by_token(token)
    if found is None:
        raise Http404
    here = reverse("associations:invitation", kwargs={"token": token})
    user = request.user if request.user.is_authenticated else None
    problem = staff_services.invitation_problem(found, user)
    if problem is None and user is None:
        if request.method == "POST":
            return redirect_to_login(here)
        return render(
            request,
            "associations/invitation.html",
            {
                "invitation": found,
                "login_url": f"{reverse('account_login')}?next={here}",
                "signup_url": f"{reverse('account_signup')}?next={here}",
            },
        )
    if problem is None and request.method == "POST":
        try:
            membership = staff_services.invitation_accept(token=token, user=request.user)
        except InvitationError as error:
            problem = error
        else:
            messages.success(
                request,
                _("Welcome to the team of “%(name)s”.") % {"name": membership.association.name},
            )
            return redirect("associations:manage", slug=membership.association.slug)
    return render(
        request,
        "associations/invitation.html",
        {"invitation": found, "problem": problem},
        status=_INVITATION_STATUS.get(problem.code, 400) if problem else 200,
    )


# --- Public -------------------------------------------------------------------------


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    association = selectors.association_visible_to(request.user, slug)
    if association is None:
        raise Http404
    membership = selectors.membership_of(request.user, association)
    return render(
        request,
        "associations/detail.html",
        {
            "association": association,
            "membership": membership,
            "missions": list(public_missions_of(association, today=timezone.localdate())),
            "response_text": response_sentence(
                association_response_shown(association, today=timezone.localdate())
            ),
            "why": None
            if association.is_approved
            else selectors.latest_reasoned_decision(association),
        },
    )


_LOGO_TYPES = {"image/jpeg", "image/png", "image/webp"}


@require_GET
def logo(request: HttpRequest, slug: str) -> HttpResponse:
    """The association's logo, from private storage, to whoever may see its page."""
    association = selectors.association_visible_to(request.user, slug)
    if association is None or not association.logo:
        raise Http404
    try:
        handle = association.logo.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = mimetypes.guess_type(association.logo.name)[0]
    if content_type not in _LOGO_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    visibility = "public" if association.is_approved else "private"
    response["Cache-Control"] = f"{visibility}, max-age=3600"
    return response
