"""Demo associations: approved ones with their teams, and one in each other state.

The rows are written directly (seed data, like the test factories) so that loading
the demo sends no e-mail; each association still gets the decision history the
services would have recorded. Idempotent: everything is found by its slug or e-mail.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from vsi_portal.demo import DemoReport, demo_user
from vsi_portal.entitlements import add_months

from .models import Association, AssociationDecision, Membership

Status = Association.Status
Action = AssociationDecision.Action

ASSOCIATIONS = [
    {
        "slug": "solidarite-sahel",
        "name": "Solidarité Sahel",
        "kind": Association.Kind.ASSOCIATION,
        "legal_identifier": "77200000100002",
        "address": "12 rue des Tanneurs\n69001 Lyon",
        "website": "https://solidarite-sahel.example.org",
        "contact_email": "contact@solidarite-sahel.example.org",
        "description": (
            "Solidarité Sahel accompagne depuis 1998 des écoles, des centres de santé et des "
            "coopératives agricoles au Sénégal, au Burkina Faso et au Niger. Nos volontaires "
            "travaillent aux côtés des équipes locales, pour des missions d'un à deux ans."
        ),
        "min_volunteer_age": 18,
        "status": Status.APPROVED,
        "approval_reference": "VSI-2023-0412",
        # Expires within 90 days: shows the "approval expiring" filter in the admin.
        "expires_in_days": 30,
        "admin": ("staff@solidarite-sahel.example.org", "Claire Diallo", "fr"),
        "editor": ("editor@solidarite-sahel.example.org", "Tom Baker", "en"),
    },
    {
        "slug": "education-sans-frontieres-andes",
        "name": "Éducation Sans Frontières Andes",
        "kind": Association.Kind.ASSOCIATION,
        "legal_identifier": "W751234567",
        "address": "8 boulevard Voltaire\n75011 Paris",
        "website": "https://esf-andes.example.org",
        "contact_email": "bonjour@esf-andes.example.org",
        "description": (
            "Nous soutenons l'éducation des enfants des communautés rurales du Pérou et de la "
            "Bolivie : formation des enseignants, bibliothèques, soutien scolaire. Nos missions "
            "demandent une grande autonomie : nous accueillons des volontaires de 21 ans et plus."
        ),
        "min_volunteer_age": 21,
        "status": Status.APPROVED,
        "approval_reference": "VSI-2024-0088",
        "expires_in_months": 30,
        "admin": ("staff@esf-andes.example.org", "Emily Carter", "en"),
        "editor": ("editor@esf-andes.example.org", "Lucas Moreau", "fr"),
    },
    {
        "slug": "gip-sante-ocean-indien",
        "name": "GIP Coopération Santé Océan Indien",
        "kind": Association.Kind.PUBLIC_INTEREST_GROUP,
        "legal_identifier": "41800000200000",
        "address": "3 rue de la Compagnie\n97400 Saint-Denis",
        "website": "https://gip-sante-oi.example.org",
        "contact_email": "cooperation@gip-sante-oi.example.org",
        "description": (
            "Groupement d'intérêt public réunissant hôpitaux et collectivités de La Réunion "
            "pour la coopération sanitaire avec Madagascar, les Comores et Maurice : "
            "prévention, formation des soignants, équipement des dispensaires."
        ),
        "min_volunteer_age": 18,
        "status": Status.APPROVED,
        "approval_reference": "VSI-GIP-2022-0015",
        "expires_in_months": 14,
        "admin": ("staff@gip-sante-oi.example.org", "Nadia Rakoto", "fr"),
        "editor": ("editor@gip-sante-oi.example.org", "James Wilson", "en"),
    },
    {
        "slug": "jardins-du-mekong",
        "name": "Les Jardins du Mékong",
        "kind": Association.Kind.ASSOCIATION,
        "legal_identifier": "35200000300009",
        "address": "5 quai de la Fosse\n44000 Nantes",
        "website": "",
        "contact_email": "contact@jardins-mekong.example.org",
        "description": (
            "Agroécologie et sécurité alimentaire au Cambodge et au Laos : jardins scolaires, "
            "formation des maraîchers, circuits courts."
        ),
        "min_volunteer_age": 18,
        "status": Status.PENDING,
        "admin": ("staff@jardins-mekong.example.org", "Hélène Vong", "fr"),
    },
    {
        "slug": "horizons-partages",
        "name": "Horizons Partagés",
        "kind": Association.Kind.ASSOCIATION,
        "legal_identifier": "W133000111",
        "address": "27 rue Paradis\n13001 Marseille",
        "website": "",
        "contact_email": "horizons.partages@example.org",
        "description": "Échanges culturels et chantiers de jeunes en Afrique de l'Ouest.",
        "min_volunteer_age": 18,
        "status": Status.REJECTED,
        "reason": (
            "Le numéro d'agrément ministériel n'est pas joint au dossier et les statuts "
            "fournis ne mentionnent pas la solidarité internationale. Complétez le dossier "
            "puis soumettez-le à nouveau."
        ),
        "admin": ("staff@horizons-partages.example.org", "Olivia Green", "en"),
    },
    {
        "slug": "aide-rurale-andine",
        "name": "Aide Rurale Andine",
        "kind": Association.Kind.ASSOCIATION,
        "legal_identifier": "51200000400006",
        "address": "40 allées Jean-Jaurès\n31000 Toulouse",
        "website": "https://aide-rurale-andine.example.org",
        "contact_email": "contact@aide-rurale-andine.example.org",
        "description": "Accès à l'eau et irrigation dans les villages de l'Équateur.",
        "min_volunteer_age": 18,
        "status": Status.SUSPENDED,
        "approval_reference": "VSI-2022-0301",
        "expires_in_months": 10,
        "reason": (
            "Les attestations d'assurance des volontaires en poste n'ont pas été transmises "
            "malgré deux relances. La suspension sera levée à réception des documents."
        ),
        "admin": ("staff@aide-rurale-andine.example.org", "Marc Lefèvre", "fr"),
    },
]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _history(association: Association, spec: dict, *, today: date, fv_admin) -> None:
    """The decisions the services would have recorded, oldest first."""
    registered = today - timedelta(days=400)
    steps = [(Action.REGISTER, "", Status.PENDING, association.created_by, "", registered)]
    if spec["status"] in (Status.APPROVED, Status.SUSPENDED):
        steps.append(
            (
                Action.APPROVE,
                Status.PENDING,
                Status.APPROVED,
                fv_admin,
                "",
                registered + timedelta(days=20),
            )
        )
    if spec["status"] == Status.SUSPENDED:
        steps.append(
            (
                Action.SUSPEND,
                Status.APPROVED,
                Status.SUSPENDED,
                fv_admin,
                spec["reason"],
                today - timedelta(days=12),
            )
        )
    if spec["status"] == Status.REJECTED:
        steps.append(
            (
                Action.REJECT,
                Status.PENDING,
                Status.REJECTED,
                fv_admin,
                spec["reason"],
                today - timedelta(days=5),
            )
        )
    for action, from_status, to_status, by, reason, day in steps:
        AssociationDecision.objects.create(
            association=association,
            action=action,
            from_status=from_status,
            to_status=to_status,
            decided_by=by,
            decided_at=_at(day),
            reason=reason,
            approval_reference=association.approval_reference if to_status != "pending" else "",
            approval_expires_on=association.approval_expires_on if to_status != "pending" else None,
        )


def load(*, today: date, report: DemoReport) -> None:
    from vsi_portal.accounts.models import User

    fv_admin = User.objects.filter(email="admin@vsi-portal.fr").first()
    for spec in ASSOCIATIONS:
        email, full_name, language = spec["admin"]
        admin = demo_user(email=email, full_name=full_name, language=language)
        expires_on = None
        if "expires_in_days" in spec:
            expires_on = today + timedelta(days=spec["expires_in_days"])
        elif "expires_in_months" in spec:
            expires_on = add_months(today, spec["expires_in_months"])
        association, created = Association.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "kind": spec["kind"],
                "legal_identifier": spec["legal_identifier"],
                "address": spec["address"],
                "country": "FR",
                "website": spec["website"],
                "contact_email": spec["contact_email"],
                "description": spec["description"],
                "min_volunteer_age": spec["min_volunteer_age"],
                "status": spec["status"],
                "approval_reference": spec.get("approval_reference", ""),
                "approval_expires_on": expires_on,
                "created_by": admin,
            },
        )
        if created:
            _history(association, spec, today=today, fv_admin=fv_admin)
        Membership.objects.get_or_create(
            user=admin, association=association, defaults={"role": Membership.Role.ADMIN}
        )
        report.login(
            f"Association admin ({spec['status']})",
            email,
            f"{spec['name']} – {language}",
        )
        if "editor" in spec:
            email, full_name, language = spec["editor"]
            editor = demo_user(email=email, full_name=full_name, language=language)
            Membership.objects.get_or_create(
                user=editor, association=association, defaults={"role": Membership.Role.EDITOR}
            )
            report.login("Association editor", email, f"{spec['name']} – {language}")
