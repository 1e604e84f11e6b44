"""France Volontaires' side: review associations and decide, always through the services.

The association page is a review page: the file, its members, its missions and its
decisions are read-only; status and approval change only through the actions
(approve, reject, suspend, reinstate, renew the approval), single or bulk.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from missions.models import Mission
from vsi_portal.admin_filters import CountrySearchFilter
from vsi_portal.formats import format_day

from . import selectors
from .errors import AssociationError
from .forms import ApproveForm, ReasonForm, ReinstateForm
from .models import (
    Association,
    AssociationDecision,
    AssociationDocument,
    Invitation,
    Membership,
    last_submission,
)
from .services.associations import (
    association_approve,
    association_reinstate,
    association_reject,
    association_renew_approval,
    association_suspend,
)
from .views import file_document_response

Action = AssociationDecision.Action
Status = Association.Status

# The changelist's order: the files to review first, then those to watch.
STATUS_REVIEW_ORDER = [Status.PENDING, Status.SUSPENDED, Status.APPROVED, Status.REJECTED]


class ApprovalExpiringFilter(admin.SimpleListFilter):
    title = gettext_lazy("ministry approval")
    parameter_name = "approval"

    def lookups(self, request, model_admin):
        return [
            ("expiring", gettext_lazy("Expiring within 90 days")),
            ("expired", gettext_lazy("Expired")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "expiring":
            return queryset.approval_expiring(today=today, within_days=90)
        if self.value() == "expired":
            return queryset.filter(
                status__in=[Status.APPROVED, Status.SUSPENDED], approval_expires_on__lt=today
            )
        return queryset


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(_ReadOnlyInline):
    model = Membership
    fields = ("user", "user_email", "role", "created_at")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("staff")

    @admin.display(description=gettext_lazy("e-mail"))
    def user_email(self, obj):
        return obj.user.email

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class MissionInline(_ReadOnlyInline):
    model = Mission
    fields = ("title", "status", "country", "start_on", "end_on", "places")
    readonly_fields = fields
    show_change_link = True


class DecisionInline(_ReadOnlyInline):
    model = AssociationDecision
    fields = (
        "decided_at",
        "action",
        "from_status",
        "to_status",
        "decided_by",
        "reason",
        "approval_reference",
        "approval_expires_on",
    )
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("decisions (audit trail)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decided_by")


class InvitationInline(_ReadOnlyInline):
    model = Invitation
    fields = ("email", "role", "invited_by", "created_at", "expires_at", "accepted_at")
    readonly_fields = fields


# The decisions France Volontaires takes: (service, form, title, which statuses offer it).
DECISIONS = {
    Action.APPROVE: (
        association_approve,
        ApproveForm,
        gettext_lazy("Approve"),
        {Status.PENDING},
    ),
    Action.REJECT: (
        association_reject,
        ReasonForm,
        gettext_lazy("Reject"),
        {Status.PENDING},
    ),
    Action.SUSPEND: (
        association_suspend,
        ReasonForm,
        gettext_lazy("Suspend"),
        {Status.APPROVED},
    ),
    Action.REINSTATE: (
        association_reinstate,
        ReinstateForm,
        gettext_lazy("Reinstate"),
        {Status.SUSPENDED},
    ),
    Action.RENEW: (
        association_renew_approval,
        ApproveForm,
        gettext_lazy("Renew the approval"),
        {Status.APPROVED, Status.SUSPENDED},
    ),
}


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    change_form_template = "associations/admin/change_form.html"
    list_display = (
        "name",
        "status",
        "waiting",
        "kind",
        "country",
        "legal_identifier",
        "approval_reference",
        "approval_expires_on",
    )
    list_filter = ("status", "kind", CountrySearchFilter, ApprovalExpiringFilter)
    search_fields = ("name", "legal_identifier", "approval_reference", "contact_email")
    date_hierarchy = "created_at"
    fieldsets = (
        (
            gettext_lazy("File"),
            {
                "fields": (
                    "name",
                    "slug",
                    "kind",
                    "legal_identifier",
                    "address",
                    "city",
                    "country",
                    "website",
                    "contact_email",
                    "description",
                    "logo_preview",
                    "min_volunteer_age",
                )
            },
        ),
        (
            gettext_lazy("Status and approval"),
            {
                "fields": (
                    "status",
                    "approval_reference",
                    "file_documents",
                    "approval_expires_on",
                    "created_by",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )
    readonly_fields = (
        "name",
        "slug",
        "kind",
        "legal_identifier",
        "address",
        "city",
        "country",
        "website",
        "contact_email",
        "description",
        "logo_preview",
        "min_volunteer_age",
        "status",
        "approval_reference",
        "file_documents",
        "approval_expires_on",
        "created_by",
        "created_at",
        "updated_at",
    )
    inlines = [DecisionInline, MembershipInline, InvitationInline, MissionInline]
    actions = ["approve_selected", "reject_selected", "suspend_selected", "reinstate_selected"]

    # The file is reviewed, not edited here: every change goes through a decision.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request) -> bool:
        return request.user.is_active and request.user.has_perm("associations.decide_association")

    def get_queryset(self, request):
        return super().get_queryset(request).with_submission()

    def get_ordering(self, request):
        """Pending files first, the longest waiting first; then suspended, approved, rejected."""
        status_rank = Case(
            *(
                When(status=status, then=Value(rank))
                for rank, status in enumerate(STATUS_REVIEW_ORDER)
            ),
            output_field=IntegerField(),
        )
        # An expression, not the annotation: other admins order their association choices
        # with it on a plain queryset.
        return [status_rank.asc(), last_submission("decided_at").asc(), "name"]

    @admin.display(description=gettext_lazy("waiting since"), ordering="submitted_at")
    def waiting(self, obj):
        """For a pending file: since when and how many days; "submitted again" marked."""
        if obj.status != Status.PENDING or obj.submitted_at is None:
            return "–"
        submitted_on = timezone.localdate(obj.submitted_at)
        days = (timezone.localdate() - submitted_on).days
        text = ngettext("%(day)s (%(count)s day)", "%(day)s (%(count)s days)", days) % {
            "day": format_day(submitted_on),
            "count": days,
        }
        if obj.resubmitted:
            return format_html("{} <strong>{}</strong>", text, _("submitted again"))
        return text

    @admin.display(description=gettext_lazy("documents of the file"))
    def file_documents(self, obj):
        """A link to each document on file (read through the admin), or "not attached"."""
        return format_html(
            "{}",
            format_html_join(
                "",
                "<div><strong>{}</strong> – {}</div>",
                (
                    (entry["label"], self._document_link(obj, entry["document"]))
                    for entry in selectors.file_documents(obj)
                ),
            ),
        )

    def _document_link(self, association, document):
        if document is None:
            return _("not attached")
        url = reverse(
            "admin:associations_association_document", args=[association.pk, document.kind]
        )
        return format_html(
            # Underlined: colour alone does not tell a link from the text (WCAG 1.4.1).
            '<a href="{}" style="text-decoration: underline">{}</a> ({}, {})',
            url,
            document.original_name,
            filesizeformat(document.size),
            format_day(timezone.localdate(document.uploaded_at)),
        )

    @admin.display(description=gettext_lazy("logo"))
    def logo_preview(self, obj):
        if not obj.logo:
            return "–"
        url = reverse("associations:logo", kwargs={"slug": obj.slug})
        return format_html(
            '<img src="{}" alt="{}" style="max-height:80px;max-width:200px">', url, obj.name
        )

    # --- Decisions -------------------------------------------------------------

    def _apply(self, request, associations, action: str, data: dict) -> list[str]:
        """Decides on each association; returns the refusals' messages (already shown as
        messages when some association was decided, for the form to show otherwise)."""
        service = DECISIONS[action][0]
        done, refusals = [], []
        for association in associations:
            try:
                service(association=association, by=request.user, **data)
            except AssociationError as error:
                refusals.append(error.message)
            else:
                done.append(association.name)
        if not done:
            return refusals
        for refusal in refusals:
            self.message_user(request, refusal, messages.ERROR)
        if done:
            self.message_user(
                request,
                _("%(action)s: %(names)s. The association's administrators are told by e-mail.")
                % {"action": DECISIONS[action][2], "names": ", ".join(done)},
                messages.SUCCESS,
            )
        return []

    def _decision_page(self, request, associations, action: str, form, *, bulk: bool):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("%(action)s: confirm") % {"action": DECISIONS[action][2]},
            "action_title": DECISIONS[action][2],
            "action_name": f"{action}_selected" if action != Action.RENEW else "",
            "associations": associations,
            "form": form,
            "bulk": bulk,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "associations/admin/decision_form.html", context)

    def _bulk(self, request, queryset, action: str):
        associations = list(queryset.order_by("name"))
        form_class = DECISIONS[action][1]
        if "apply" in request.POST:
            form = form_class(request.POST)
            if form.is_valid():
                refusals = self._apply(request, associations, action, form.cleaned_data)
                if not refusals:
                    return None
                # Nothing decided: the form again, with what the reviewer typed.
                for refusal in refusals:
                    form.add_error(None, refusal)
        else:
            form = form_class()
        return self._decision_page(request, associations, action, form, bulk=True)

    @admin.action(
        description=gettext_lazy("Approve the selected associations"), permissions=["decide"]
    )
    def approve_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.APPROVE)

    @admin.action(
        description=gettext_lazy("Reject the selected associations"), permissions=["decide"]
    )
    def reject_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.REJECT)

    @admin.action(
        description=gettext_lazy("Suspend the selected associations"), permissions=["decide"]
    )
    def suspend_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.SUSPEND)

    @admin.action(
        description=gettext_lazy("Reinstate the selected associations"), permissions=["decide"]
    )
    def reinstate_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.REINSTATE)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/<str:action>/",
                self.admin_site.admin_view(self.decision_view),
                name="associations_association_decide",
            ),
            path(
                "<path:object_id>/documents/<str:kind>/",
                self.admin_site.admin_view(self.document_view),
                name="associations_association_document",
            ),
            *super().get_urls(),
        ]

    def decision_view(self, request: HttpRequest, object_id: str, action: str):
        """One association, one decision: the buttons of the change page."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        if action not in DECISIONS:
            raise Http404
        association = self.get_object(request, object_id)
        if association is None:
            raise Http404
        change_url = reverse("admin:associations_association_change", args=[association.pk])
        form_class = DECISIONS[action][1]
        if request.method == "POST":
            form = form_class(request.POST)
            if form.is_valid():
                refusals = self._apply(request, [association], action, form.cleaned_data)
                if not refusals:
                    return HttpResponseRedirect(change_url)
                # Refused: the form again, with what the reviewer typed and why.
                for refusal in refusals:
                    form.add_error(None, refusal)
        else:
            initial = {}
            if action == Action.APPROVE:  # the reference the association declared, to check
                initial["approval_reference"] = association.approval_reference
            form = form_class(initial=initial)
        response = self._decision_page(request, [association], action, form, bulk=False)
        response.context_data["change_url"] = change_url
        return response

    def document_view(self, request: HttpRequest, object_id: str, kind: str):
        """A document of the association's file, for France Volontaires' reviewers."""
        if not self.has_view_permission(request):
            raise Http404
        association = self.get_object(request, object_id)
        if association is None:
            raise Http404
        document = AssociationDocument.objects.filter(association=association, kind=kind).first()
        if document is None or not document.file:
            raise Http404
        return file_document_response(request, document)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        association = self.get_object(request, object_id)
        if association is not None and self.has_decide_permission(request):
            extra_context["decision_buttons"] = [
                (
                    reverse("admin:associations_association_decide", args=[association.pk, action]),
                    title,
                )
                for action, (_service, _form, title, statuses) in DECISIONS.items()
                if association.status in statuses
            ]
        return super().change_view(request, object_id, form_url, extra_context)
