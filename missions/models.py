from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .fields import PortableSearchVectorField


class Language(models.Model):
    """A language a mission asks for or a volunteer speaks (ISO 639-1 code)."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name_en = models.CharField(_("name in English"), max_length=60)
    name_fr = models.CharField(_("name in French"), max_length=60)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name_en"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_fr if (get_language() or "fr").startswith("fr") else self.name_en


class Domain(models.TextChoices):
    """The usual fields of VSI missions."""

    TEACHING = "teaching", _("Teaching and training")
    DEVELOPMENT = "development", _("Urban and rural development")
    HEALTH = "health", _("Health")
    EMERGENCY = "emergency", _("Emergency and humanitarian aid")
    AGRICULTURE = "agriculture", _("Agriculture and food security")
    ENVIRONMENT = "environment", _("Environment and climate")
    WATER = "water", _("Water and sanitation")
    CHILDHOOD = "childhood", _("Childhood and youth")
    SOCIAL = "social", _("Social action and inclusion")
    HUMAN_RIGHTS = "human_rights", _("Human rights and democracy")
    ECONOMY = "economy", _("Economic development and microfinance")
    CULTURE = "culture", _("Culture, heritage and sport")
    PROJECT_MANAGEMENT = "project_management", _("Project management and partnerships")
    COMMUNICATION = "communication", _("Communication and digital")


class MissionQuerySet(models.QuerySet["Mission"]):
    def published(self) -> MissionQuerySet:
        """Missions the public sees: published, by an association approved now."""
        from associations.models import Association

        return self.filter(
            status=Mission.Status.PUBLISHED, association__status=Association.Status.APPROVED
        )

    def for_member(self, user) -> MissionQuerySet:
        """Every mission of the associations the user is on the staff of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(association__memberships__user=user)

    def open_for_applications(self, *, today: date) -> MissionQuerySet:
        """Published, by an approved association, and the deadline not passed.

        The daily job closes missions past their deadline, but the public queries do not
        wait for it: a mission leaves the search the day after its deadline. A mission
        whose places are all filled is closed by ``mission_close_if_full``.
        """
        return self.published().filter(application_deadline__gte=today)

    def readable_by_link(self) -> MissionQuerySet:
        """What anyone may open by its address: open missions, and closed ones (marked so)."""
        from associations.models import Association

        return self.filter(
            models.Q(status=Mission.Status.CLOSED)
            | models.Q(
                status=Mission.Status.PUBLISHED,
                association__status=Association.Status.APPROVED,
            )
        )


class Mission(models.Model):
    """A VSI mission offer published by an approved association."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="missions",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"))
    domain = models.CharField(_("domain"), max_length=30, choices=Domain, db_index=True)
    country = CountryField(_("country"), db_index=True)
    place = models.CharField(_("city or region"), max_length=120, blank=True)
    start_on = models.DateField(_("planned start"))
    end_on = models.DateField(_("planned end"))
    allowance_eur = models.PositiveIntegerField(
        _("monthly allowance (euros)"),
        help_text=_("Whole euros per month, paid to the volunteer."),
    )
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1)]
    )
    application_deadline = models.DateField(_("application deadline"))
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages wanted"), blank=True, related_name="missions"
    )
    skills = models.TextField(
        _("skills wanted"), blank=True, help_text=_("One skill per line or separated by commas.")
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        default=18,
        validators=[MinValueValidator(18)],
        help_text=_("18, or the association's own minimum."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Derived columns, written only by the services (missions/services.py) from the rules
    # modules and the texts; the search and the "missions I can apply to" filter read them.
    duration_months = models.PositiveSmallIntegerField(
        _("duration in whole months"), default=0, editable=False
    )
    latest_end_on = models.DateField(
        _("latest end allowed for a contract"), null=True, editable=False
    )
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)
    search_vector = PortableSearchVectorField(null=True, editable=False)
    search_rank_vector = PortableSearchVectorField(null=True, editable=False)

    objects = MissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["start_on", "pk"]
        indexes = [
            models.Index(
                fields=["status", "application_deadline"], name="mission_status_deadline_idx"
            ),
            models.Index(fields=["start_on"], name="mission_start_idx"),
            models.Index(fields=["allowance_eur"], name="mission_allowance_idx"),
            models.Index(fields=["duration_months"], name="mission_duration_idx"),
            models.Index(fields=["-published_at"], name="mission_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")), name="mission_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(places__gte=1), name="mission_places_positive"
            ),
            models.CheckConstraint(condition=models.Q(min_age__gte=18), name="mission_min_age_18"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("missions:detail", kwargs={"slug": self.slug})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def skill_list(self) -> list[str]:
        """The skills wanted, one per line or separated by commas."""
        parts = self.skills.replace("\n", ",").split(",")
        return [part.strip() for part in parts if part.strip()]


class ApplicationQuerySet(models.QuerySet["Application"]):
    def active(self) -> ApplicationQuerySet:
        """Applications still in play: submitted or shortlisted."""
        return self.filter(status__in=Application.ACTIVE_STATUSES)

    def accepted(self) -> ApplicationQuerySet:
        return self.filter(status=Application.Status.ACCEPTED)

    def for_member(self, user) -> ApplicationQuerySet:
        """Applications to the missions of the associations the user is on the staff of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(mission__association__memberships__user=user)

    def of_user(self, user) -> ApplicationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(volunteer__user=user)


class Application(models.Model):
    """A volunteer's application to a mission, reviewed by the association's staff."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not retained")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class RejectionReason(models.TextChoices):
        PROFILE = "profile", _("The profile does not match the mission")
        LANGUAGES = "languages", _("Language skills do not match")
        AVAILABILITY = "availability", _("Availability does not match the dates")
        PLACES_FILLED = "places_filled", _("All places have been filled")
        NOT_ELIGIBLE = "not_eligible", _("The VSI conditions are not met")
        OTHER = "other", _("Other reason")

    class WithdrawalReason(models.TextChoices):
        OTHER_MISSION = "other_mission", _("I accepted another mission")
        DATES = "dates", _("The dates no longer suit me")
        PERSONAL = "personal", _("Personal or family reasons")
        EMPLOYMENT = "employment", _("I found a job")
        OTHER = "other", _("Other reason")

    ACTIVE_STATUSES = (Status.SUBMITTED, Status.SHORTLISTED)
    # The statuses of the partial unique constraint: one of them per volunteer and mission.
    OPEN_STATUSES = (Status.SUBMITTED, Status.SHORTLISTED, Status.ACCEPTED)

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.PROTECT, related_name="applications"
    )
    # Kept when the volunteer deletes their account (the association must keep
    # its records): the link is cleared and the record stays, anonymised.
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="applications",
    )
    motivation = models.TextField(_("motivation"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SUBMITTED)
    rejection_reason = models.CharField(
        _("reason for not retaining"), max_length=30, choices=RejectionReason, blank=True
    )
    withdrawal_reason = models.CharField(
        _("reason for withdrawing"), max_length=30, choices=WithdrawalReason, blank=True
    )
    message = models.TextField(_("message to the volunteer"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["mission", "status"], name="application_mission_status_idx"),
            models.Index(fields=["volunteer", "status"], name="application_volunteer_idx"),
        ]
        constraints = [
            # One application in play (or accepted) per volunteer and mission;
            # after a withdrawal or a refusal the volunteer may apply again.
            models.UniqueConstraint(
                fields=["volunteer", "mission"],
                condition=models.Q(status__in=["submitted", "shortlisted", "accepted"]),
                name="application_one_open_per_mission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.mission}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class ApplicationEvent(models.Model):
    """The history of an application: each move, who made it, when and why."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=30, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ContractQuerySet(models.QuerySet["Contract"]):
    def for_member(self, user) -> ContractQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(association__memberships__user=user)

    def of_user(self, user) -> ContractQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(volunteer__user=user)

    def running(self) -> ContractQuerySet:
        return self.filter(status__in=[Contract.Status.PLANNED, Contract.Status.ACTIVE])


class Contract(models.Model):
    """A VSI contract signed from an accepted application."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Under way")
        COMPLETED = "completed", _("Completed")
        ENDED_EARLY = "ended_early", _("Ended early")

    class EndReason(models.TextChoices):
        VOLUNTEER_HEALTH = "health", _("Health of the volunteer")
        FAMILY = "family", _("Family reasons")
        SECURITY = "security", _("Security in the host country")
        VOLUNTEER_DECISION = "volunteer", _("Decision of the volunteer")
        ASSOCIATION_DECISION = "association", _("Decision of the association")
        MUTUAL = "mutual", _("Mutual agreement")

    class CriminalRecordOutcome(models.TextChoices):
        CLEAR = "clear", _("No entry")
        ENTRIES = "entries", _("Entries recorded, reviewed")

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="contract",
    )
    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.PROTECT, related_name="contracts"
    )
    # Copied from the mission so that permissions and the reminder scans read one
    # indexed table.
    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="contracts",
    )
    country = CountryField(_("country"))
    start_on = models.DateField(_("start"), db_index=True)
    end_on = models.DateField(_("planned end"), db_index=True)
    allowance_eur = models.PositiveIntegerField(_("monthly allowance (euros)"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PLANNED, db_index=True
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Departure prerequisites (rule R12 and the association's duties).
    criminal_record_checked_on = models.DateField(
        _("criminal record checked on"), null=True, blank=True
    )
    criminal_record_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("criminal record checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    criminal_record_outcome = models.CharField(
        _("criminal record outcome"), max_length=20, choices=CriminalRecordOutcome, blank=True
    )
    social_security_affiliated_on = models.DateField(
        _("social security affiliation date"), null=True, blank=True
    )
    insurance_reference = models.CharField(
        _("insurance policy reference"), max_length=100, blank=True
    )
    training_completed_on = models.DateField(
        _("pre-departure training completed on"), null=True, blank=True
    )
    activated_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Early end (loi art. 4: at least one month's notice).
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    ended_on = models.DateField(_("actual end"), null=True, blank=True, db_index=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    end_reason = models.CharField(_("end reason"), max_length=20, choices=EndReason, blank=True)
    end_explanation = models.TextField(_("explanation"), blank=True)
    compelling_reason = models.BooleanField(
        _("compelling reason (health, family, security)"), default=False
    )
    certificate_issued_at = models.DateTimeField(_("certificate issued at"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    insertion_premium_requested_on = models.DateField(
        _("insertion premium requested on"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-start_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "end_on"], name="contract_status_end_idx"),
            models.Index(fields=["status", "start_on"], name="contract_status_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="contract_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("start_on")),
                name="contract_ended_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.mission}"

    @property
    def last_day(self):
        """The last day served: the early end if there was one, else the planned end."""
        return self.ended_on or self.end_on
