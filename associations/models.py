from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Replace, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .validators import normalize_legal_identifier, validate_legal_identifier


class AssociationQuerySet(models.QuerySet["Association"]):
    def approved(self) -> AssociationQuerySet:
        """Associations that may publish missions and sign contracts now."""
        return self.filter(status=Association.Status.APPROVED)

    def for_member(self, user) -> AssociationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def administered_by(self, user) -> AssociationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)

    def with_legal_identifier(self, value: str) -> AssociationQuerySet:
        """The association registered under this SIRET or RNA number, however typed."""
        return self.alias(normalised_identifier=normalised_legal_identifier()).filter(
            normalised_identifier=normalize_legal_identifier(value)
        )

    def pending(self) -> AssociationQuerySet:
        """Files waiting for France Volontaires' review (registered or submitted again)."""
        return self.filter(status=Association.Status.PENDING)

    def with_submission(self) -> AssociationQuerySet:
        """Annotated with `submitted_at`, when the file last went to France Volontaires for
        review (registered or submitted again), and `resubmitted`, whether that last time
        was a new submission after a rejection."""
        return self.annotate(
            submitted_at=last_submission("decided_at"),
            submission_action=last_submission("action"),
            resubmitted=models.Case(
                models.When(submission_action=AssociationDecision.Action.RESUBMIT, then=True),
                default=False,
                output_field=models.BooleanField(),
            ),
        )

    def approval_expiring(self, *, today: date, within_days: int = 90) -> AssociationQuerySet:
        """Approved or suspended associations whose ministry approval ends within the window."""
        return self.filter(
            status__in=[Association.Status.APPROVED, Association.Status.SUSPENDED],
            approval_expires_on__gte=today,
            approval_expires_on__lte=today + timedelta(days=within_days),
        )


def last_submission(field: str) -> models.Subquery:
    """`field` of the association's last registration or new submission (a decision), as a
    subquery on the association's row (an annotation, or an ordering)."""
    return models.Subquery(
        AssociationDecision.objects.filter(
            association=models.OuterRef("pk"),
            action__in=[AssociationDecision.Action.REGISTER, AssociationDecision.Action.RESUBMIT],
        )
        .order_by("-decided_at", "-pk")
        .values(field)[:1]
    )


MAX_MIN_VOLUNTEER_AGE = 30
"""*Choice*: the highest minimum age an association or a mission may ask for. The law asks
for 18 (R1) and sets no other minimum; service-public.fr notes that some associations ask
for 21. A higher minimum is taken for a typo (a mission asking for volunteers of 180)."""
MIN_AGE_TOO_HIGH = _(
    "Set a minimum age of %(limit_value)s at most: the law asks for 18, and some "
    "associations for 21."
)


def normalised_legal_identifier(field: str = "legal_identifier") -> Upper:
    """The identifier as ``validators.normalize_legal_identifier`` writes it, in SQL: without
    the spaces, dots and dashes people type, upper-cased (what is unique, and looked up)."""
    expression = models.F(field)
    for separator in (" ", ".", "-"):
        expression = Replace(expression, models.Value(separator), models.Value(""))
    return Upper(expression)


LEGAL_IDENTIFIER_TAKEN = _(
    "An association with this legal identifier is already registered. "
    "Ask its administrators to invite you."
)


class Association(models.Model):
    """An organisation sending volunteers; only an approved one publishes and signs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Approved international solidarity association")
        PUBLIC_INTEREST_GROUP = "gip", _("Public interest group")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.ASSOCIATION)
    legal_identifier = models.CharField(
        _("SIRET or RNA number"),
        max_length=20,
        help_text=_("14-digit SIRET number, or RNA number (W followed by 9 digits)."),
        validators=[validate_legal_identifier],
    )
    approval_reference = models.CharField(
        _("ministry approval reference"), max_length=100, blank=True
    )
    approval_expires_on = models.DateField(
        _("approval expires on"), null=True, blank=True, db_index=True
    )
    address = models.TextField(_("address"), blank=True)
    # Where its documents are made ("Fait à <city>" on a certificate).
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), default="FR")
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"))
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="association-logos/",
        blank=True,
        help_text=_("JPEG, PNG or WebP image, 2 MB at most."),
    )
    min_volunteer_age = models.PositiveSmallIntegerField(
        _("minimum volunteer age"),
        default=18,
        validators=[
            MinValueValidator(18),
            MaxValueValidator(MAX_MIN_VOLUNTEER_AGE, message=MIN_AGE_TOO_HIGH),
        ],
        help_text=_("18, or more if your association asks for older volunteers."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssociationQuerySet.as_manager()

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_volunteer_age__gte=18), name="association_min_age_18"
            ),
            # One association per SIRET or RNA number, compared normalised (the services
            # also store it so): "W 123 456 789" is "W123456789".
            models.UniqueConstraint(
                normalised_legal_identifier(),
                name="association_legal_identifier_unique",
                violation_error_message=LEGAL_IDENTIFIER_TAKEN,
            ),
        ]
        permissions = [
            ("decide_association", _("Can approve, reject, suspend and reinstate associations")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", kwargs={"slug": self.slug})

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def is_approved_on(self, day: date) -> bool:
        """Approved and the ministry approval still runs on that day (rule R5)."""
        return self.is_approved and (
            self.approval_expires_on is None or self.approval_expires_on >= day
        )


class Membership(models.Model):
    """A person on an association's staff."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.EDITOR)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "association"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.association} ({self.get_role_display()})"


class AssociationDecision(models.Model):
    """One step of an association's file: who moved it, when, from what to what, and why."""

    class Action(models.TextChoices):
        REGISTER = "register", _("Registration")
        APPROVE = "approve", _("Approval")
        REJECT = "reject", _("Rejection")
        SUSPEND = "suspend", _("Suspension")
        REINSTATE = "reinstate", _("Reinstatement")
        RESUBMIT = "resubmit", _("New submission")
        RENEW = "renew", _("Approval renewal")

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Association.Status, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Association.Status)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    approval_reference = models.CharField(
        _("ministry approval reference"), max_length=100, blank=True
    )
    approval_expires_on = models.DateField(_("approval expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["association", "-decided_at"])]

    def __str__(self) -> str:
        return f"{self.association} – {self.get_action_display()}"


def association_document_upload_to(instance: AssociationDocument, filename: str) -> str:
    """A random name in a folder per kind: the uploaded file's name never reaches the disk
    (the services pass ``upload.<validated extension>``; only its extension survives)."""
    extension = PurePosixPath(filename).suffix.lower()
    return f"association-documents/{instance.kind}/{uuid.uuid4().hex}{extension}"


class AssociationDocument(models.Model):
    """A document of the association's file that France Volontaires reviews: the ministry's
    approval decision, the statutes. Kept in the private storage and read only by the
    association's administrators and France Volontaires.

    One of each kind per association: uploading again replaces it (and its file).
    """

    class Kind(models.TextChoices):
        APPROVAL_DECISION = "approval_decision", _("Ministry approval decision")
        STATUTES = "statutes", _("Statutes")

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    file = models.FileField(_("file"), upload_to=association_document_upload_to, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document of the file")
        verbose_name_plural = _("documents of the file")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "kind"], name="association_document_one_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.association}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self, *, now=None) -> InvitationQuerySet:
        """Neither accepted, revoked nor expired."""
        return self.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
        )


class Invitation(models.Model):
    """A single-use, expiring link inviting an e-mail address onto an association's staff.

    Only a hash of the token is stored: the link itself exists only in the e-mail.
    """

    VALIDITY_DAYS = 7

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role, default=Membership.Role.EDITOR
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} → {self.association}"

    def is_open(self, *, now=None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now
