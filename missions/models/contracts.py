"""The VSI contract signed from an accepted application, and the facts derived from it.

The facts a contract's own fields decide (has it ended, what has it served, what does
its departure checklist lack) are defined here once, as methods and as QuerySet filters
that say the same thing in SQL; services, selectors, reminder kinds and views read them.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from vsi_portal.db import DateRange, FieldCheckConstraint, PostgresExclusionConstraint
from vsi_portal.eligibility import Period
from vsi_portal.entitlements import leave_days

from .applications import Application
from .missions import Mission


class ContractQuerySet(models.QuerySet["Contract"]):
    def for_member(self, user) -> ContractQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(association__memberships__user=user)

    def of_user(self, user) -> ContractQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(volunteer__user=user)

    def binding(self) -> ContractQuerySet:
        """Contracts the volunteer has signed (awaiting the association's signature or
        signed by both): they hold their days; drafts, offers and declined ones do not."""
        return self.filter(status__in=Contract.BINDING_STATUSES)

    def signed(self) -> ContractQuerySet:
        """Contracts signed by both sides: planned, under way or over."""
        return self.filter(status__in=Contract.SIGNED_STATUSES)

    def running(self) -> ContractQuerySet:
        return self.filter(status__in=[Contract.Status.PLANNED, Contract.Status.ACTIVE])

    def served(self) -> ContractQuerySet:
        """Contracts that have served days: under way, completed or ended early.

        An active contract past its planned end has ended too (staff have not recorded the
        completion yet): the end-of-mission reminders read this set.
        """
        return self.filter(status__in=Contract.SERVED_STATUSES)

    def checklist_incomplete(self) -> ContractQuerySet:
        """Contracts whose departure checklist lacks something (``missing_prerequisites``)."""
        return self.filter(checklist_incomplete())

    def certificate_due(self, *, today: date) -> ContractQuerySet:
        """Contracts over (their last day before ``today``) whose certificate of completion
        is not issued yet: what the certificate-due reminder recalls."""
        return self.filter(certificate_due(today))

    def sharing_days_with(self, start: date, last_day: date) -> ContractQuerySet:
        """Contracts whose committed period (start to last day) shares a day with start..last_day.

        What the exclusion constraint ``contract_no_overlap_per_volunteer`` forbids for one
        volunteer, said in SQL that every database runs.
        """
        return self.filter(start_on__lte=last_day).filter(
            models.Q(ended_on__gte=start) | models.Q(ended_on__isnull=True, end_on__gte=start)
        )

    def last_day_between(self, start: date, end: date) -> ContractQuerySet:
        """Contracts whose last day (the early end, else the planned end) is in start..end."""
        return self.filter(last_day_between(start, end))


def checklist_incomplete() -> models.Q:
    """The departure checklist lacks something, as a condition (``missing_prerequisites``)."""
    return (
        models.Q(criminal_record_checked_on__isnull=True)
        | models.Q(social_security_affiliated_on__isnull=True)
        | models.Q(social_security_affiliated_on__gt=models.F("start_on"))
        | models.Q(insurance_reference="")
        | models.Q(training_completed_on__isnull=True)
    )


def certificate_due(today: date) -> models.Q:
    """Served (under way, completed or ended early once under way), over by ``today`` (the
    last day is behind it) and no certificate issued: as a condition, so that a count can
    use it. A contract ended early before its departure served nothing: no certificate is
    issued for it (``contract_ends.has_served``), so none is due."""
    yesterday = today - timedelta(days=1)
    over = models.Q(ended_on__lte=yesterday) | models.Q(
        ended_on__isnull=True, end_on__lte=yesterday
    )
    never_started = models.Q(status=Contract.Status.ENDED_EARLY, activated_at__isnull=True)
    return (
        models.Q(status__in=Contract.SERVED_STATUSES, certificate_issued_at__isnull=True)
        & ~never_started
        & over
    )


def last_day_between(start: date, end: date) -> models.Q:
    """``Contract.last_day`` in start..end, as a condition on two indexed columns.

    A condition rather than a filter, so that a scan can OR several windows together.
    """
    return models.Q(ended_on__range=(start, end)) | models.Q(
        ended_on__isnull=True, end_on__range=(start, end)
    )


OVERLAP_MESSAGE = _(
    "The volunteer already has a contract on some of these days: a volunteer serves one "
    "contract at a time."
)


class Contract(models.Model):
    """A VSI contract prepared from an accepted application and signed by both sides.

    Its dates and allowance are those of its signed version (``ContractVersion``); before
    the first signatures, those of the draft or offer. An amendment in progress is a
    later version the contract takes on once both sides have signed it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OFFERED = "offered", _("Waiting for the volunteer's signature")
        VOLUNTEER_SIGNED = "volunteer_signed", _("Waiting for the association's signature")
        DECLINED = "declined", _("Declined by the volunteer")
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

    class Side(models.TextChoices):
        VOLUNTEER = "volunteer", _("the volunteer")
        ASSOCIATION = "association", _("the association")

    class CriminalRecordOutcome(models.TextChoices):
        CLEAR = "clear", _("No entry")
        ENTRIES = "entries", _("Entries recorded, reviewed")

    # Contracts that have served (or are serving) days of VSI.
    SERVED_STATUSES = (Status.ACTIVE, Status.COMPLETED, Status.ENDED_EARLY)
    # Signed by both sides.
    SIGNED_STATUSES = (Status.PLANNED, *SERVED_STATUSES)
    # Signed by the volunteer at least: the days they hold are taken (one contract at a time).
    BINDING_STATUSES = (Status.VOLUNTEER_SIGNED, *SIGNED_STATUSES)
    # Not yet signed by both sides, still in play.
    UNSIGNED_STATUSES = (Status.DRAFT, Status.OFFERED, Status.VOLUNTEER_SIGNED)
    COMPELLING_END_REASONS = frozenset(
        {EndReason.VOLUNTEER_HEALTH, EndReason.FAMILY, EndReason.SECURITY}
    )

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
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    # When both sides had signed (the association's signature, which comes last), and who
    # signed for the association; each version keeps its own signatures.
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed for the association by"),
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
    notice_side = models.CharField(_("notice given by"), max_length=20, choices=Side, blank=True)
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
    certificate_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("certificate issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    certificate_place = models.CharField(_("certificate made at"), max_length=100, blank=True)
    certificate_signatory_name = models.CharField(
        _("certificate signed by"), max_length=150, blank=True
    )
    certificate_signatory_role = models.CharField(_("signatory's role"), max_length=150, blank=True)
    # The volunteer's name as printed on the certificate: the verification page shows it,
    # not the account's name of the day (which may change).
    certificate_volunteer_name = models.CharField(
        _("name on the certificate"), max_length=150, blank=True
    )
    # Printed on the certificate; anyone holding it checks it on the public verification
    # page. Random (never derived from the contract), so that none can be guessed.
    certificate_code = models.CharField(
        _("verification code"), max_length=20, unique=True, null=True, blank=True
    )
    # Days of leave the volunteer has taken (R14), recorded by the association's staff; never
    # more than the contract gives (the service checks, the constraint keeps it positive).
    leave_days_taken = models.PositiveSmallIntegerField(_("days of leave taken"), default=0)
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
            # An association's dashboard counts its contracts (running, served this year,
            # deadlines, the checklist) from this index alone: one association's contracts
            # lie on as many table pages as there are contracts (PostgreSQL's index-only
            # scan; SQLite keeps the two columns).
            models.Index(
                fields=["association", "status"],
                include=[
                    "id",
                    "application",
                    "mission",
                    "country",
                    "start_on",
                    "end_on",
                    "ended_on",
                    "activated_at",
                    "certificate_issued_at",
                    "criminal_record_checked_on",
                    "social_security_affiliated_on",
                    "insurance_reference",
                    "training_completed_on",
                ],
                name="contract_association_cover_idx",
            ),
        ]
        constraints = [
            FieldCheckConstraint(
                field="end_on",
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="contract_end_after_start",
                violation_error_message=_("The contract cannot end before it starts."),
            ),
            FieldCheckConstraint(
                field="ended_on",
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("start_on")),
                name="contract_ended_after_start",
                violation_error_message=_("The contract cannot end before it starts."),
            ),
            # No two binding contracts of one volunteer (signed by the volunteer at least)
            # share a day of their committed periods (start to last day, as the rules count
            # them: ``committed_period``). PostgreSQL; SQLite has triggers (migrations);
            # the signing services also lock the volunteer.
            PostgresExclusionConstraint(
                name="contract_no_overlap_per_volunteer",
                condition=models.Q(
                    status__in=["volunteer_signed", "planned", "active", "completed", "ended_early"]
                ),
                expressions=[
                    ("volunteer", RangeOperators.EQUAL),
                    (
                        DateRange(
                            "start_on",
                            Coalesce("ended_on", "end_on"),
                            RangeBoundary(inclusive_lower=True, inclusive_upper=True),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message=OVERLAP_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.mission}"

    @property
    def last_day(self) -> date:
        """The last day served: the early end if there was one, else the planned end."""
        return self.ended_on or self.end_on

    def has_ended(self, today: date) -> bool:
        """Whether the contract's last day has passed.

        Completed: it has. Under way or ended early: once its last day (the planned end, or
        the last day a notice set) is behind ``today``; a notice keeps the contract under way
        until then, and the daily job (``contracts_end_due``) marks it ended early the day
        after. A planned contract has not started, so it has not ended.
        """
        if self.status == self.Status.COMPLETED:
            return True
        if self.status in (self.Status.ACTIVE, self.Status.ENDED_EARLY):
            return self.last_day < today
        return False

    def served_period(self, *, today: date | None = None) -> Period | None:
        """The days of VSI this contract has served by ``today``, or None if none yet.

        Under way: its start to today, or to its last day if that came first (the planned
        end, or the last day a notice set); completed: its start to its planned end; ended
        early: its start to its last day. A planned contract has served nothing, nor has one
        ended early before it ever got under way (cancelled by a notice before the departure:
        it was never activated).
        """
        today = today or timezone.localdate()
        if self.status == self.Status.ENDED_EARLY and self.activated_at is None:
            return None
        if self.status in (self.Status.ACTIVE, self.Status.ENDED_EARLY):
            end = min(today, self.last_day)
        elif self.status == self.Status.COMPLETED:
            end = self.end_on
        else:
            return None
        if end < self.start_on:
            return None
        return Period(self.start_on, end)

    @property
    def committed_period(self) -> Period:
        """The days the contract holds, served or to come: its start to its last day (a
        notice running shortens it to the last day the notice set)."""
        return Period(self.start_on, self.last_day)

    @property
    def planned_period(self) -> Period:
        """Its start to its planned end, whatever a notice changed: its planned length."""
        return Period(self.start_on, self.end_on)

    def days_served(self, *, today: date | None = None) -> int:
        """The days ``served_period`` holds, 0 when none."""
        served = self.served_period(today=today)
        return (served.end - served.start).days + 1 if served else 0

    @property
    def leave_entitlement(self) -> int:
        """The days of leave the contract gives (R14), over its start to its last day: an
        early end gives the leave of the months it lasted."""
        return leave_days(self.start_on, self.last_day)

    @property
    def leave_days_left(self) -> int:
        """The days of leave still to take (never below zero, should the entitlement shrink
        after an early end)."""
        return max(0, self.leave_entitlement - self.leave_days_taken)

    def missing_prerequisites(self) -> list[str]:
        """The departure prerequisites still missing (R12), as sentences; empty when complete.

        The same rule as ``ContractQuerySet.checklist_incomplete``, which says it in SQL.
        """
        missing = []
        if self.criminal_record_checked_on is None:
            missing.append(str(_("The criminal record extract has not been checked.")))
        if self.social_security_affiliated_on is None:
            missing.append(str(_("The social security affiliation date is not recorded.")))
        elif self.social_security_affiliated_on > self.start_on:
            missing.append(
                str(_("The social security affiliation must date from the start at the latest."))
            )
        if not self.insurance_reference.strip():
            missing.append(str(_("The insurance policy reference is not recorded.")))
        if self.training_completed_on is None:
            missing.append(str(_("The pre-departure training is not recorded.")))
        return missing

    @property
    def broken_without_compelling_reason(self) -> bool:
        """Whether the volunteer broke the contract without a compelling reason (R19).

        *Choice*: only an early end at the volunteer's own decision counts as the volunteer
        breaking the contract; an end decided by the association, by mutual agreement or for
        health, family or security does not, and a compelling reason always keeps the
        premium. A notice counts from the day it is given (the contract runs until its last
        day, then is marked ended early; a withdrawal clears its reason), so the premium
        never reads "kept" in between.
        """
        return (
            self.status in (self.Status.PLANNED, self.Status.ACTIVE, self.Status.ENDED_EARLY)
            and self.end_reason == self.EndReason.VOLUNTEER_DECISION
            and not self.compelling_reason
        )
