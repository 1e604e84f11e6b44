from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from vsi_portal.db import FieldCheckConstraint

# A phone number as people write it: digits, spaces, "+", dots, dashes, parentheses, 6 to 30
# characters (no format is imposed: the numbers of the whole world are welcome).
phone_validator = RegexValidator(
    r"^[0-9+ .()\-]{6,30}$",
    _(
        "Write a phone number with digits, spaces, “+”, dots, dashes or parentheses "
        "(6 to 30 characters)."
    ),
    code="invalid_phone",
)


class Volunteer(models.Model):
    """The facts about a person that the VSI rules need, and what they look for."""

    class LeaveKind(models.TextChoices):
        NONE = "", _("No leave")
        SABBATICAL = "sabbatical", _("Sabbatical leave")
        SOLIDARITY = "solidarity", _("International solidarity leave")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="volunteer",
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    nationalities = CountryField(_("nationalities"), multiple=True, blank=True)
    residence = CountryField(_("country of residence"), blank=True)
    employed = models.BooleanField(
        _("bound by an employment contract"),
        default=False,
        help_text=_("Tick if you have an employment contract, even if you are on leave."),
    )
    leave_kind = models.CharField(
        _("leave"), max_length=20, choices=LeaveKind, default=LeaveKind.NONE, blank=True
    )
    leave_start = models.DateField(_("leave starts on"), null=True, blank=True)
    leave_end = models.DateField(_("leave ends on"), null=True, blank=True)
    other_activity = models.BooleanField(_("keeps another professional activity"), default=False)
    public_official = models.BooleanField(_("public official"), default=False)
    languages = models.ManyToManyField(
        "missions.Language", verbose_name=_("languages spoken"), blank=True, related_name="+"
    )
    skills = models.TextField(_("skills"), blank=True)
    # A list of Domain values: a handful of codes, read whole with the profile.
    domains_of_interest = models.JSONField(_("domains of interest"), default=list, blank=True)
    countries_of_interest = CountryField(_("countries of interest"), multiple=True, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    presentation = models.TextField(_("short presentation"), blank=True)
    # Shown to the staff of the associations the volunteer applies to, with their e-mail.
    phone = models.CharField(
        _("phone number"), max_length=30, blank=True, validators=[phone_validator]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            FieldCheckConstraint(
                field="leave_end",
                condition=models.Q(leave_end__isnull=True)
                | models.Q(leave_start__isnull=True)
                | models.Q(leave_end__gte=models.F("leave_start")),
                name="volunteer_leave_end_after_start",
                violation_error_message=_("The leave must end on or after the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class PriorMission(models.Model):
    """A VSI mission served before, with any association (counts toward the 6-year cap)."""

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="prior_missions",
    )
    association_name = models.CharField(_("association"), max_length=200)
    country = CountryField(_("country"))
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"))

    class Meta:
        verbose_name = _("prior VSI mission")
        verbose_name_plural = _("prior VSI missions")
        ordering = ["start_on"]
        constraints = [
            FieldCheckConstraint(
                field="end_on",
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="prior_mission_end_after_start",
                violation_error_message=_("The mission must end on or after the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association_name} ({self.start_on} – {self.end_on})"


class SavedMission(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="saved"
    )
    mission = models.ForeignKey(
        "missions.Mission", verbose_name=_("mission"), on_delete=models.CASCADE, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved mission")
        verbose_name_plural = _("saved missions")
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "mission"], name="saved_mission_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.mission_id}"


def document_upload_to(instance: Document, filename: str) -> str:
    """A random name in a folder per kind: the person's file name never reaches the disk.

    The services pass a name made of the validated extension only (e.g. ``upload.pdf``);
    whatever it is, only its extension survives.
    """
    extension = PurePosixPath(filename).suffix.lower()
    return f"documents/{instance.kind}/{uuid.uuid4().hex}{extension}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def for_volunteer(self, volunteer: Volunteer) -> DocumentQuerySet:
        return self.filter(volunteer=volunteer)


class Document(models.Model):
    """A volunteer's CV or criminal record extract, kept in the private storage.

    One document of each kind per volunteer: uploading again replaces it (and its file).
    Once staff record a criminal record extract as checked, its file is deleted and only
    who checked it, when, and the outcome remain.
    """

    class Kind(models.TextChoices):
        CV = "cv", _("CV")
        CRIMINAL_RECORD = "criminal_record", _("Criminal record extract")

    class Outcome(models.TextChoices):
        CLEAR = "clear", _("No entry")
        ENTRIES_RECORDED = "entries_recorded", _("Entries recorded")

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "kind"], name="document_one_per_kind"),
            FieldCheckConstraint(
                field="outcome",
                condition=models.Q(checked_at__isnull=True)
                | models.Q(kind="criminal_record", outcome__in=["clear", "entries_recorded"]),
                name="document_only_criminal_record_checked",
                violation_error_message=_(
                    "Only a criminal record extract is checked, and its check records whether "
                    "it holds entries."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.volunteer}"

    @property
    def is_checked(self) -> bool:
        return self.checked_at is not None

    @property
    def has_file(self) -> bool:
        return bool(self.file)
