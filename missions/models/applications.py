"""A volunteer's application to a mission, and its history."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .missions import Mission


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
        # Still submitted NO_ANSWER_DAYS after the day it was sent: closed by the daily
        # scan (missions/services/application_expiry.py), with the reason NO_ANSWER.
        EXPIRED = "expired", _("Closed without an answer")

    class RejectionReason(models.TextChoices):
        PROFILE = "profile", _("The profile does not match the mission")
        LANGUAGES = "languages", _("Language skills do not match")
        AVAILABILITY = "availability", _("Availability does not match the dates")
        PLACES_FILLED = "places_filled", _("All places have been filled")
        NOT_ELIGIBLE = "not_eligible", _("The VSI conditions are not met")
        OTHER = "other", _("Other reason")

    class WithdrawalReason(models.TextChoices):
        OTHER_MISSION = "other_mission", _("I accepted another mission")
        TERMS = "terms", _("The terms of the contract do not suit me")
        DATES = "dates", _("The dates no longer suit me")
        PERSONAL = "personal", _("Personal or family reasons")
        EMPLOYMENT = "employment", _("I found a job")
        OTHER = "other", _("Other reason")

    ACTIVE_STATUSES = (Status.SUBMITTED, Status.SHORTLISTED)
    # An application still submitted on the day it was sent + NO_ANSWER_DAYS (in the
    # portal's time zone) is closed on that day, with the coded reason NO_ANSWER; the
    # staff are warned NO_ANSWER_WARNING_DAYS before. A shortlisted one never closes.
    NO_ANSWER_DAYS = 30
    NO_ANSWER_WARNING_DAYS = 7
    NO_ANSWER = "no_answer"
    # The statuses of the partial unique constraint: one of them per volunteer and mission.
    OPEN_STATUSES = (Status.SUBMITTED, Status.SHORTLISTED, Status.ACCEPTED)
    # The moves that answer an application: only the association's staff make them.
    ANSWER_STATUSES = (Status.SHORTLISTED, Status.ACCEPTED, Status.REJECTED)

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
    # The dates of the moves that the figures count (the dashboards' funnel, the time to a
    # first answer), written with each move (``note_move``) from the same moment as its
    # event, so that the figures read them from an index instead of the events of every
    # application. The events stay the history.
    answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    shortlisted_at = models.DateTimeField(_("shortlisted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["mission", "status"], name="application_mission_status_idx"),
            models.Index(fields=["volunteer", "status"], name="application_volunteer_idx"),
            # The dashboards and the response figures count an association's applications
            # of the last 12 months, their answers and steps, from this index alone
            # (missions/selectors/dashboards.py, response.py): no row is read from the
            # table (PostgreSQL's index-only scan; SQLite keeps the two columns).
            models.Index(
                fields=["mission", "submitted_at"],
                include=["status", "id", "answered_at", "shortlisted_at", "accepted_at"],
                name="application_answers_idx",
            ),
            # The daily no-answer scans walk the submitted applications by their date.
            models.Index(
                fields=["submitted_at"],
                condition=models.Q(status="submitted"),
                name="application_submitted_idx",
            ),
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

    def note_move(self, to_status: str, *, at: datetime) -> list[str]:
        """Notes the date of a move to ``to_status`` made at ``at`` in the fields the
        figures read (each keeps its first move); the names of the fields it changed."""
        changed = []
        if to_status in self.ANSWER_STATUSES and self.answered_at is None:
            self.answered_at = at
            changed.append("answered_at")
        if to_status == self.Status.SHORTLISTED and self.shortlisted_at is None:
            self.shortlisted_at = at
            changed.append("shortlisted_at")
        if to_status == self.Status.ACCEPTED and self.accepted_at is None:
            self.accepted_at = at
            changed.append("accepted_at")
        return changed

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def submitted_on(self) -> date:
        """The day it was sent, in the portal's time zone."""
        return timezone.localdate(self.submitted_at)

    def closes_on(self) -> date | None:
        """The day a submitted application closes if nobody answers it; None otherwise."""
        if self.status != self.Status.SUBMITTED:
            return None
        return self.submitted_on + timedelta(days=self.NO_ANSWER_DAYS)

    def days_left_to_answer(self, today: date) -> int | None:
        """Days until ``closes_on`` (0: it closes today), or None."""
        closes_on = self.closes_on()
        return None if closes_on is None else max((closes_on - today).days, 0)


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
