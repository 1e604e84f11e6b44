"""Factories shared by the whole suite (factory_boy)."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from missions.languages import LANGUAGES
from missions.models import Contract, ContractVersion, Language
from vsi_portal.accounts.models import User
from vsi_portal.entitlements import add_months

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "fr"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class AssociationFactory(factory.django.DjangoModelFactory):
    """An approved association (pass status=... for another state)."""

    class Meta:
        model = "associations.Association"

    name = factory.Sequence(lambda n: f"Solidarité Sans Frontières {n}")
    slug = factory.Sequence(lambda n: f"solidarite-{n}")
    kind = "association"
    legal_identifier = factory.Sequence(lambda n: f"W{n:09d}")
    approval_reference = factory.Sequence(lambda n: f"VSI-2025-{n:04d}")
    approval_expires_on = factory.LazyFunction(lambda: date.today() + timedelta(days=3 * 365))
    country = "FR"
    contact_email = factory.Sequence(lambda n: f"contact{n}@association.example.org")
    description = "Une association de solidarité internationale."
    status = "approved"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "associations.Membership"

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)
    role = "admin"


class MissionFactory(factory.django.DjangoModelFactory):
    """A published one-year mission in Senegal starting in three months."""

    class Meta:
        model = "missions.Mission"

    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Enseignant en école primaire {n}")
    slug = factory.Sequence(lambda n: f"mission-{n}")
    summary = "Appui pédagogique dans une école primaire."
    description = "Vous accompagnez l'équipe enseignante dans ses projets."
    domain = "teaching"
    country = "SN"
    place = "Dakar"
    start_on = factory.LazyFunction(lambda: date.today() + timedelta(days=90))
    # One year date to date (12 whole months, whatever 29 February falls in it).
    end_on = factory.LazyAttribute(lambda m: add_months(m.start_on, 12) - timedelta(days=1))
    allowance_eur = 600
    places = 1
    application_deadline = factory.LazyAttribute(lambda m: m.start_on - timedelta(days=30))
    min_age = 18
    status = "published"


class VolunteerFactory(factory.django.DjangoModelFactory):
    """A volunteer with a complete profile: French, living in France, not employed."""

    class Meta:
        model = "volunteers.Volunteer"

    user = factory.SubFactory(UserFactory)
    birth_date = date(1995, 5, 10)
    nationalities = ["FR"]
    residence = "FR"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application of a complete-profile volunteer to a published mission."""

    class Meta:
        model = "missions.Application"

    mission = factory.SubFactory(MissionFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    motivation = "Je souhaite mettre mes compétences au service de ce projet."
    status = "submitted"


class ContractFactory(factory.django.DjangoModelFactory):
    """A planned contract from an accepted application, with the mission's facts."""

    class Meta:
        model = "missions.Contract"
        skip_postgeneration_save = True

    application = factory.SubFactory(ApplicationFactory, status="accepted")
    mission = factory.LazyAttribute(lambda c: c.application.mission)
    association = factory.LazyAttribute(lambda c: c.application.mission.association)
    volunteer = factory.LazyAttribute(lambda c: c.application.volunteer)
    country = factory.LazyAttribute(lambda c: c.application.mission.country)
    start_on = factory.LazyAttribute(lambda c: c.application.mission.start_on)
    end_on = factory.LazyAttribute(lambda c: c.application.mission.end_on)
    allowance_eur = factory.LazyAttribute(lambda c: c.application.mission.allowance_eur)
    status = "planned"
    signed_at = factory.LazyFunction(timezone.now)
    # A contract under way or over got under way (pass activated_at=None for one ended
    # before it ever started).
    activated_at = factory.LazyAttribute(
        lambda c: timezone.now() if c.status in Contract.SERVED_STATUSES else None
    )

    @factory.post_generation
    def version(contract, create, extracted, **kwargs):
        """Its version 1, in the state the contract's status implies (signed by both sides
        once the contract is planned or later)."""
        if not create:
            return
        status = {
            Contract.Status.DRAFT: ContractVersion.Status.DRAFT,
            Contract.Status.OFFERED: ContractVersion.Status.OFFERED,
            Contract.Status.VOLUNTEER_SIGNED: ContractVersion.Status.VOLUNTEER_SIGNED,
            Contract.Status.DECLINED: ContractVersion.Status.DECLINED,
        }.get(contract.status, ContractVersion.Status.SIGNED)
        ContractVersion.objects.create(
            contract=contract,
            number=1,
            status=status,
            start_on=contract.start_on,
            end_on=contract.end_on,
            allowance_eur=contract.allowance_eur,
            association_signed_at=contract.signed_at
            if status == ContractVersion.Status.SIGNED
            else None,
        )


def otp_verify(client, user):
    """Logs `user` in on a test client with a session verified by two-factor authentication.

    The Django admin requires it of France Volontaires staff (vsi_portal/security). Creates
    a confirmed TOTP device for the user when they have none; returns the device.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from vsi_portal.security.selectors import TWO_FACTOR_SESSION_KEY

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[TWO_FACTOR_SESSION_KEY] = True
    session.save()
    return device


def reference_languages() -> None:
    """The languages migration 0002 loads, again: transactional tests flush every table,
    the reference data included."""
    for code, name_en, name_fr in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name_en": name_en, "name_fr": name_fr})
