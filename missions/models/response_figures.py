"""An association's response figures as of one day, recorded by the nightly job.

The figures (``missions.selectors.response``) count an association's year of applications:
tens of milliseconds for the largest ones at national scale, on every page of each of
their missions. They change once a day in substance, so the nightly job records them
(``missions.services.response_figures``) and the pages read one row.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssociationResponseDay(models.Model):
    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    counted = models.PositiveIntegerField(_("applications counted"))
    answered = models.PositiveIntegerField(_("applications answered"))
    median_days = models.PositiveIntegerField(
        _("median days to a first answer"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("response figures of a day")
        verbose_name_plural = _("response figures of a day")
        constraints = [
            models.UniqueConstraint(fields=["association", "day"], name="response_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.association_id} {self.day}"
