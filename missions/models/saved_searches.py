"""A volunteer's saved searches and the alerts sent for them.

A ``SavedSearch`` keeps the search's filters as the normalised query string of
``/missions/`` (``missions.search_queries``), "missions I can apply to" included, and how
often its alert goes out. A ``SearchAlert`` row is the proof that the alert of one period
went: unique on (saved search, period), written in the transaction that writes the e-mail
to the outbox (``missions.services.search_alerts``).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_SAVED_SEARCHES = 20  # per volunteer (*Choice*: a list one reads at a glance)
WEEK = timedelta(days=7)


class SavedSearchQuerySet(models.QuerySet["SavedSearch"]):
    def of_volunteer(self, volunteer) -> SavedSearchQuerySet:
        if volunteer is None:
            return self.none()
        return self.filter(volunteer=volunteer)

    def alert_due(self, *, today: date) -> SavedSearchQuerySet:
        """The searches whose alert is due on ``today``: daily, none sent today; weekly,
        none in the 6 days before ``today`` either (``SavedSearch.due_q``)."""
        return self.filter(SavedSearch.due_q(today))


class SavedSearch(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week")
        NONE = "none", _("No alert")

    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(
        _("filters"),
        max_length=2000,
        blank=True,
        help_text=_("The search's filters, as the query string of the search page."),
    )
    frequency = models.CharField(
        _("alert"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    # Missions published after this instant go in the next alert: when the search was
    # saved, then the end of the window of the last alert sent.
    alerts_since = models.DateTimeField(_("new missions since"), default=timezone.now)
    last_alert_on = models.DateField(_("last alert on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "name"], name="saved_search_unique_name"),
        ]
        indexes = [
            models.Index(fields=["frequency", "last_alert_on"], name="saved_search_alert_due"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("missions:search") + (f"?{self.query}" if self.query else "")

    @property
    def alerts_on(self) -> bool:
        return self.frequency != self.Frequency.NONE

    @staticmethod
    def due_q(today: date) -> Q:
        """The condition of ``alert_due``, also the claim's (``UPDATE ... WHERE``)."""
        q = Q(pk__in=[])
        for frequency in (SavedSearch.Frequency.DAILY, SavedSearch.Frequency.WEEKLY):
            q |= Q(frequency=frequency) & (
                Q(last_alert_on__isnull=True)
                | Q(last_alert_on__lte=SavedSearch.previous_period_end(frequency, today))
            )
        return q

    @staticmethod
    def previous_period_end(frequency: str, today: date) -> date:
        """The last day on which the previous alert may have gone for one to be due today:
        the day before (daily), 7 days before (weekly: at most one alert in 7 days). A period
        starts on the day its alert goes (``SearchAlert.period_start``)."""
        if frequency == SavedSearch.Frequency.WEEKLY:
            return today - WEEK
        return today - timedelta(days=1)


class SearchAlert(models.Model):
    """The alert of one saved search for one period: sent once (see the module doc)."""

    saved_search = models.ForeignKey(
        SavedSearch,
        verbose_name=_("saved search"),
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    period_start = models.DateField(_("period"))
    since = models.DateTimeField(_("missions published after"))
    until = models.DateTimeField(_("missions published until"))
    mission_count = models.PositiveIntegerField(_("missions"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("search alert")
        verbose_name_plural = _("search alerts")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "period_start"], name="search_alert_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} – {self.period_start}"
