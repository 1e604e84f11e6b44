"""Missions and the reference data they are described with (languages, domains)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from associations.models import MAX_MIN_VOLUNTEER_AGE, MIN_AGE_OUT_OF_RANGE, Association
from vsi_portal.db import FieldCheckConstraint
from vsi_portal.formats import fill_lazily, format_euros

from ..fields import PortableSearchVectorField

# Sanity bounds, not rules (*Choice*): beyond them a value is taken for a typo.
MAX_PLACES = 100
"""The most places one mission offers; more volunteers mean several missions."""
PLACES_OUT_OF_RANGE = fill_lazily(
    _("Offer between %(lowest)s and %(highest)s places: for more, publish several missions."),
    lowest=1,
    highest=MAX_PLACES,
)
MAX_ALLOWANCE_EUR = 10_000
"""The highest monthly allowance typed: R13 bounds it in France (800 to 1600 euros) and only
from below abroad (150 euros), so above this an amount is taken for a typo."""
ALLOWANCE_TOO_HIGH = fill_lazily(
    _("The monthly allowance is at most %(highest)s: check the amount, in whole euros per month."),
    highest=lambda: format_euros(MAX_ALLOWANCE_EUR),
)
END_BEFORE_START = _("The mission cannot end before it starts.")


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


# The words people search a domain by, beyond its French and English labels: a small,
# hand-kept synonym table, in both languages, written as people type them (accents are
# folded by the search). A mission of a domain is found by any of its words
# (``missions.search.search_terms`` puts them in its search columns); a word belongs to
# one domain only, and is specific enough not to match half the portal ("projet", "aide"
# are not here). After a change, ``manage.py missions_reindex`` (or a migration) rebuilds
# the stored columns.
DOMAIN_WORDS: dict[str, tuple[str, ...]] = {
    Domain.TEACHING: (
        "enseignement", "enseignant", "enseignante", "professeur", "instituteur", "école",
        "éducation", "alphabétisation", "pédagogie",
        "teacher", "teaching", "school", "education", "literacy", "tutor",
    ),
    Domain.DEVELOPMENT: (
        "urbanisme", "aménagement du territoire", "infrastructures", "habitat", "logement",
        "collectivités", "urban planning", "housing", "infrastructure", "town planning",
    ),
    Domain.HEALTH: (
        "santé", "médecin", "médecine", "médical", "infirmier", "infirmière", "soins",
        "hôpital", "dispensaire", "maternité", "pharmacie", "nutrition",
        "health", "doctor", "nurse", "medical", "medicine", "hospital", "midwife", "clinic",
    ),
    Domain.EMERGENCY: (
        "urgence", "humanitaire", "réfugiés", "déplacés", "catastrophe", "crise", "secours",
        "emergency", "humanitarian", "refugees", "disaster", "relief", "crisis",
    ),
    Domain.AGRICULTURE: (
        "agriculture", "agronomie", "agronome", "maraîchage", "élevage", "paysans",
        "alimentation", "semences", "vivrier", "pêche",
        "farming", "farmers", "agronomy", "livestock", "food", "crops",
    ),
    Domain.ENVIRONMENT: (
        "environnement", "climat", "biodiversité", "forêt", "reboisement", "déchets",
        "énergie", "solaire", "écologie",
        "environment", "climate", "biodiversity", "forest", "waste", "energy", "solar",
    ),
    Domain.WATER: (
        "eau", "assainissement", "hygiène", "puits", "forage", "irrigation", "latrines",
        "water", "sanitation", "hygiene", "wells", "wash",
    ),
    Domain.CHILDHOOD: (
        "enfance", "enfants", "jeunesse", "jeunes", "orphelinat", "animation", "périscolaire",
        "childhood", "children", "youth", "orphanage", "kids",
    ),
    Domain.SOCIAL: (
        "social", "inclusion", "insertion", "handicap", "précarité", "femmes", "genre",
        "social work", "disability", "women", "gender", "poverty",
    ),
    Domain.HUMAN_RIGHTS: (
        "droits", "droits humains", "démocratie", "citoyenneté", "plaidoyer", "justice",
        "gouvernance", "rights", "human rights", "democracy", "advocacy", "governance",
    ),
    Domain.ECONOMY: (
        "économie", "microfinance", "microcrédit", "entrepreneuriat", "commerce équitable",
        "coopératives", "emploi", "economy", "entrepreneurship", "fair trade",
        "cooperatives", "business", "jobs",
    ),
    Domain.CULTURE: (
        "patrimoine", "musée", "artistique", "artistes", "musique", "théâtre", "sport",
        "sportif", "heritage", "museum", "artists", "music", "theatre", "sports",
    ),
    Domain.PROJECT_MANAGEMENT: (
        "gestion de projet", "coordination", "partenariats", "suivi-évaluation", "logistique",
        "administration", "project management", "partnerships", "monitoring", "evaluation",
        "logistics", "fundraising",
    ),
    Domain.COMMUNICATION: (
        "communication", "numérique", "informatique", "journalisme", "médias", "vidéo",
        "digital", "computing", "journalism", "media", "website", "video",
    ),
}  # fmt: skip


class Paused(models.TextChoices):
    """Why a mission takes no application today (``Mission.applications_paused``); the
    label completes "Not open to applications: ...". Their sentences, with the dates:
    ``missions.selectors.approval.paused_text``."""

    NOT_PUBLISHED = "not_published", _("not published yet")
    CLOSED = "closed", _("closed")
    PLACES_FILLED = "places_filled", _("every place is filled")
    DEADLINE_PASSED = "deadline_passed", _("the application deadline has passed")
    ASSOCIATION_NOT_APPROVED = "association_not_approved", _("the association is suspended")
    APPROVAL_ENDS_BEFORE_START = (
        "approval_ends_before_start",
        _("the association's approval ends before the mission starts"),
    )


class MissionQuerySet(models.QuerySet["Mission"]):
    def published(self) -> MissionQuerySet:
        """Missions the public sees: published, by an association approved now."""
        return self.filter(
            status=Mission.Status.PUBLISHED, association__status=Association.Status.APPROVED
        )

    def for_member(self, user) -> MissionQuerySet:
        """Every mission of the associations the user is on the staff of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(association__memberships__user=user)

    def approval_ends_before_start(self) -> MissionQuerySet:
        """Missions whose association's ministry approval ends before they start: nobody can
        sign their contract (rule R5), so nobody may apply to them."""
        return self.filter(association__approval_expires_on__lt=models.F("start_on"))

    def open_for_applications(self, *, today: date) -> MissionQuerySet:
        """What anyone eligible may apply to today: ``Mission.applications_paused`` is None.

        Published, by an association approved now whose approval still runs on the
        mission's start (rule R5), and the deadline not passed. The daily job closes
        missions past their deadline, but the public queries do not wait for it: a mission
        leaves the search the day after its deadline. Places need no count here: the
        services close a mission once its accepted applications fill them
        (``mission_close_if_full``, on accepting and on editing the places).
        """
        return (
            self.published()
            .filter(application_deadline__gte=today)
            .filter(
                models.Q(association__approval_expires_on__isnull=True)
                | models.Q(association__approval_expires_on__gte=models.F("start_on"))
            )
        )

    def readable_by_link(self) -> MissionQuerySet:
        """What anyone may open by its address: open missions, and closed ones (marked so)."""
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
        validators=[MaxValueValidator(MAX_ALLOWANCE_EUR, message=ALLOWANCE_TOO_HIGH)],
    )
    places = models.PositiveSmallIntegerField(
        _("places"),
        default=1,
        validators=[
            MinValueValidator(1, message=PLACES_OUT_OF_RANGE),
            MaxValueValidator(MAX_PLACES, message=PLACES_OUT_OF_RANGE),
        ],
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
        validators=[
            MinValueValidator(18, message=MIN_AGE_OUT_OF_RANGE),
            MaxValueValidator(MAX_MIN_VOLUNTEER_AGE, message=MIN_AGE_OUT_OF_RANGE),
        ],
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

    # Derived columns, written only by the services (missions/services/search.py) from the rules
    # modules and the texts; the search and the "missions I can apply to" filter read them.
    duration_months = models.PositiveSmallIntegerField(
        _("duration in whole months"), default=0, editable=False
    )
    latest_end_on = models.DateField(
        _("latest end allowed for a contract"), null=True, editable=False
    )
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)
    # The words a mission is found by besides its own texts: city, country and continent in
    # French and English, domain labels and synonyms (``missions.search.search_terms``).
    search_terms = models.TextField(_("search terms"), blank=True, default="", editable=False)
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
            FieldCheckConstraint(
                field="end_on",
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="mission_end_after_start",
                violation_error_message=END_BEFORE_START,
            ),
            FieldCheckConstraint(
                field="places",
                condition=models.Q(places__gte=1),
                name="mission_places_positive",
                violation_error_message=PLACES_OUT_OF_RANGE,
            ),
            FieldCheckConstraint(
                field="min_age",
                condition=models.Q(min_age__gte=18),
                name="mission_min_age_18",
                violation_error_message=MIN_AGE_OUT_OF_RANGE,
            ),
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

    def applications_paused(self, *, today: date, accepted: int | None = None) -> Paused | None:
        """Why nobody can apply to the mission today, or None when it takes applications.

        The one home of the question: ``MissionQuerySet.open_for_applications`` is its
        query (a mission is in it exactly when this gives None). Reads the association
        (select it with the mission). ``accepted``, the accepted applications when the
        caller counted them, tells a mission closed because full from one closed by hand.
        """
        filled = accepted is not None and accepted >= self.places
        if self.is_draft:
            return Paused.NOT_PUBLISHED
        if self.is_closed:
            if filled:
                return Paused.PLACES_FILLED
            if self.application_deadline < today:
                return Paused.DEADLINE_PASSED
            return Paused.CLOSED
        if self.application_deadline < today:
            return Paused.DEADLINE_PASSED
        if filled:
            return Paused.PLACES_FILLED
        if not self.association.is_approved:
            return Paused.ASSOCIATION_NOT_APPROVED
        if not self.association.is_approved_on(self.start_on):
            return Paused.APPROVAL_ENDS_BEFORE_START
        return None

    def skill_list(self) -> list[str]:
        """The skills wanted, one per line or separated by commas."""
        parts = self.skills.replace("\n", ",").split(",")
        return [part.strip() for part in parts if part.strip()]
