"""The bench's sizes and its deterministic row generators (a seeded ``random.Random``).

Rows carry explicit primary keys, so that every foreign key is known without a lookup;
``seed.py`` writes them. Contracts are placed so that one day's "mission ending" scan has
exactly ``size.due`` reminders due on ``today`` (``ending_windows``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils.text import slugify

from vsi_portal.entitlements import contract_last_day, whole_months

from . import words

ENDING_OFFSETS = (60, 14)  # the mission-ending reminder: days before the planned end
LOOKBACK_DAYS = 7  # notifications.services.DEFAULT_LOOKBACK_DAYS
UNUSABLE_PASSWORD = "!bench-seeded-account"  # noqa: S105 - starts with "!": never matches


@dataclass(frozen=True)
class Size:
    name: str
    associations: int
    missions: int
    volunteers: int
    applications: int
    contracts: int
    due: int  # mission-ending reminders (volunteer and staff) due on the scan day

    def __post_init__(self) -> None:
        if not (self.contracts <= self.applications <= 3 * self.volunteers):
            raise ValueError("need contracts <= applications <= 3 x volunteers")
        if self.due > self.contracts:
            raise ValueError("more due reminders than contracts")

    def counts(self) -> dict[str, int]:
        return {
            "associations": self.associations,
            "missions": self.missions,
            "volunteers": self.volunteers,
            "applications": self.applications,
            "contracts": self.contracts,
        }


NATIONAL = Size("national", 2_000, 100_000, 1_000_000, 3_000_000, 500_000, 10_000)
# The reminder-scan growth check: a tenth of the portal, the same 10,000 due.
SCAN_50K = Size("scan50k", 200, 10_000, 100_000, 300_000, 50_000, 10_000)
TINY = Size("tiny", 5, 50, 100, 200, 30, 5)
SIZES = {size.name: size for size in (NATIONAL, SCAN_50K, TINY)}

# The volunteer the "missions I can apply to" search signs in as: a complete profile.
MEASURED_VOLUNTEER_ID = 1
MEASURED_BIRTH_DATE = date(1995, 5, 10)


def _weighted(pairs) -> tuple[list, list[int]]:
    values = [value for value, _weight in pairs]
    cumulative, total = [], 0
    for _value, weight in pairs:
        total += weight
        cumulative.append(total)
    return values, cumulative


class RowGenerator:
    """Deterministic row generators for one size and one day."""

    def __init__(self, size: Size, today: date, seed: int = 2026) -> None:
        self.size = size
        self.today = today
        self.rng = random.Random(seed)  # noqa: S311 - data, not secrets
        self.now = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=8)
        self.countries, self.country_cum = _weighted(words.COUNTRIES)
        self.domains, self.domain_cum = _weighted(list(words.DOMAIN_WEIGHTS.items()))
        self.fv_admins = 2  # France Volontaires admins (is_staff), users 1 and 2
        # Staff: an admin per association, an editor for every other one.
        self.staff_users = size.associations + (size.associations + 1) // 2
        self.first_volunteer_user = self.fv_admins + self.staff_users + 1
        self.association_status: list[str] = []
        self.association_expiry: list[date | None] = []
        self.association_names: list[str] = []
        self.missions: list[tuple] = []  # (association_id, country, domain, start, end, allowance)
        self.non_draft: list[int] = []

    def country(self) -> str:
        return self.rng.choices(self.countries, cum_weights=self.country_cum)[0]

    def domain(self) -> str:
        return self.rng.choices(self.domains, cum_weights=self.domain_cum)[0]

    # users ---------------------------------------------------------------------
    USER_FIELDS = [
        "id", "password", "email", "full_name", "preferred_language", "is_staff",
        "is_superuser", "is_active", "date_joined",
    ]  # fmt: skip

    def users(self) -> Iterator[tuple]:
        rng, now = self.rng, self.now
        first, last = words.FIRST_NAMES, words.LAST_NAMES
        for pk in range(1, self.fv_admins + 1):
            yield (pk, UNUSABLE_PASSWORD, f"admin{pk}@france-volontaires.bench.test",
                   f"Admin {pk} France Volontaires", "fr", True, False, True, now)  # fmt: skip
        for n in range(1, self.staff_users + 1):
            pk = self.fv_admins + n
            yield (pk, UNUSABLE_PASSWORD, f"staff{n}@associations.bench.test",
                   f"{rng.choice(first)} {rng.choice(last)}", "fr", False, False, True,
                   now - timedelta(days=rng.randrange(2000)))  # fmt: skip
        for v in range(1, self.size.volunteers + 1):
            pk = self.first_volunteer_user + v - 1
            language = "en" if v % 5 == 0 else "fr"
            yield (pk, UNUSABLE_PASSWORD, f"volunteer{v}@people.bench.test",
                   f"{first[v % len(first)]} {last[(v * 7) % len(last)]}", language,
                   False, False, v % 97 != 0, now - timedelta(minutes=v % 1_500_000))  # fmt: skip

    # associations -----------------------------------------------------------------
    ASSOCIATION_FIELDS = [
        "id", "name", "slug", "kind", "legal_identifier", "approval_reference",
        "approval_expires_on", "address", "country", "contact_email", "description",
        "min_volunteer_age", "status", "created_by_id", "created_at", "updated_at",
    ]  # fmt: skip

    def associations(self) -> Iterator[tuple]:
        rng, today = self.rng, self.today
        for pk in range(1, self.size.associations + 1):
            name = (
                f"{words.ASSOCIATION_HEADS[pk % len(words.ASSOCIATION_HEADS)]} "
                f"{words.ASSOCIATION_TAILS[(pk // 15) % len(words.ASSOCIATION_TAILS)]} {pk}"
            )
            roll = pk % 50
            status = (
                "pending"
                if roll == 1
                else "suspended"
                if roll == 2
                else "rejected"
                if roll == 3
                else "approved"
            )
            expires = (
                today + timedelta(days=rng.randrange(30, 4 * 365))
                if status in ("approved", "suspended")
                else None
            )
            self.association_status.append(status)
            self.association_expiry.append(expires)
            self.association_names.append(name)
            yield (
                pk, name, slugify(name), "gip" if pk % 40 == 0 else "association",
                f"W{pk:09d}", f"VSI-{2020 + pk % 6}-{pk:05d}" if expires else "", expires,
                f"{pk} rue de la Solidarité, 75011 Paris", "FR",
                f"contact{pk}@associations.bench.test",
                "Association de solidarité internationale agréée VSI.",
                21 if pk % 10 == 0 else 18, status, self.fv_admins + pk, self.now, self.now,
            )  # fmt: skip

    MEMBERSHIP_FIELDS = ["id", "user_id", "association_id", "role", "created_at"]

    def memberships(self) -> Iterator[tuple]:
        pk = 0
        for a in range(1, self.size.associations + 1):
            pk += 1
            yield (pk, self.fv_admins + a, a, "admin", self.now)
            if a % 2 == 1:
                pk += 1
                editor = self.fv_admins + self.size.associations + (a + 1) // 2
                yield (pk, editor, a, "editor", self.now)

    # missions -------------------------------------------------------------------------
    MISSION_FIELDS = [
        "id", "association_id", "title", "slug", "summary", "description", "domain",
        "country", "place", "start_on", "end_on", "allowance_eur", "places",
        "application_deadline", "skills", "min_age", "status", "created_by_id",
        "created_at", "updated_at", "published_at", "closed_at", "duration_months",
        "latest_end_on", "search_terms", "search_text",
    ]  # fmt: skip

    def _association_for_mission(self) -> int:
        """Skewed: a few large associations publish many missions, most publish a few."""
        n = self.size.associations
        while True:
            a = int(n * self.rng.random() ** 2) + 1
            if self.association_status[a - 1] == "approved" or self.rng.random() < 0.05:
                return a

    def mission_rows(self) -> Iterator[tuple]:
        from missions.search import search_terms, searchable_text

        rng, today, now = self.rng, self.today, self.now
        for pk in range(1, self.size.missions + 1):
            association = self._association_for_mission()
            domain, country = self.domain(), self.country()
            roll = pk % 10
            status = "published" if roll < 3 else "draft" if roll == 3 else "closed"
            months = rng.choice((6, 6, 9, 12, 12, 12, 12, 18, 24, 24))
            if status == "closed":
                start = today - timedelta(days=rng.randrange(30, 5 * 365))
            else:
                start = today + timedelta(days=rng.randrange(20, 400))
            end = contract_last_day(start) if months == 24 else (
                start + timedelta(days=round(months * 30.4) - 1)
            )  # fmt: skip
            if status == "published":
                # Most deadlines are ahead; a few passed and await the nightly close.
                deadline = (
                    today - timedelta(days=rng.randrange(1, 10))
                    if pk % 23 == 0
                    else min(
                        start - timedelta(days=7), today + timedelta(days=rng.randrange(7, 200))
                    )
                )
            else:
                deadline = start - timedelta(days=rng.randrange(7, 60))
            deadline = max(deadline, today - timedelta(days=3000))
            allowance = 150 + 10 * rng.randrange(0, 56)
            french = pk % 10 < 7
            role, fr_acts, en_acts = words.DOMAIN_TEXTS[domain]
            acts = fr_acts if french else en_acts
            a1, a2, a3 = rng.sample(acts, 3)
            place = rng.choice(words.PLACES.get(country, ("",)))
            title = f"{role[0] if french else role[1]} – {a1}"
            if place:
                title += f" ({place})" if french else f" in {place}"
            sentences = words.FR_SENTENCES if french else words.EN_SENTENCES
            description = "\n\n".join(
                s.format(a1=a1, a2=a2, a3=a3) for s in rng.sample(sentences, rng.randrange(3, 6))
            )
            summary = (
                f"{a1.capitalize()} et {a2} avec une association partenaire locale."
                if french
                else f"{a1.capitalize()} and {a2} with a local partner organisation."
            )
            skills = ", ".join(rng.sample(words.SKILLS, 3))
            association_name = self.association_names[association - 1]
            terms = search_terms(place=place, country=country, domain=domain)
            published_at = (
                now - timedelta(days=rng.randrange(0, 120)) if status != "draft" else None
            )
            closed_at = (
                datetime.combine(deadline, datetime.min.time(), tzinfo=UTC)
                if status == "closed"
                else None
            )
            min_age = 21 if association % 10 == 0 else 18
            self.missions.append((association, country, domain, start, end, allowance))
            if status != "draft":
                self.non_draft.append(pk)
            yield (
                pk, association, title[:200], f"{slugify(title)[:200]}-{pk}", summary[:300],
                description, domain, country, place, start, end, allowance,
                1 + pk % 3, deadline, skills, min_age, status, self.fv_admins + association,
                now, now, published_at, closed_at, whole_months(start, end),
                contract_last_day(start), terms,
                searchable_text(title=title, summary=summary, description=description,
                                skills=skills, association=association_name, terms=terms),
            )  # fmt: skip

    MISSION_LANGUAGE_FIELDS = ["id", "mission_id", "language_id"]

    def mission_languages(self) -> Iterator[tuple]:
        pk = 0
        for mission in range(1, self.size.missions + 1):
            wanted = ["fr"] if mission % 10 < 7 else ["en"]
            if mission % 4 == 0:
                wanted.append(("es", "pt", "en", "mg", "sw")[mission % 5])
            for code in dict.fromkeys(wanted):
                pk += 1
                yield (pk, mission, code)

    # volunteers -----------------------------------------------------------------------
    VOLUNTEER_FIELDS = [
        "id", "user_id", "birth_date", "nationalities", "residence", "employed",
        "leave_kind", "leave_start", "leave_end", "other_activity", "public_official",
        "skills", "domains_of_interest", "countries_of_interest", "available_from",
        "presentation", "updated_at",
    ]  # fmt: skip

    def volunteers(self) -> Iterator[tuple]:
        rng, today, now = self.rng, self.today, self.now
        domains = list(words.DOMAIN_WEIGHTS)
        countries = self.countries
        for v in range(1, self.size.volunteers + 1):
            user = self.first_volunteer_user + v - 1
            if v == MEASURED_VOLUNTEER_ID:
                yield (v, user, MEASURED_BIRTH_DATE, "FR", "FR", False, "", None, None, False,
                       False, "pédagogie, anglais courant", '["teaching", "health"]', "SN,MG",
                       today, "Volontaire de référence du banc d'essai.", now)  # fmt: skip
                continue
            r = v % 20
            nationalities = "FR" if r < 16 else ("BE", "FR,SN", "DE", "FR,MA")[r - 16]
            residence = "FR" if r < 18 else ("BE", "SN")[r - 18]
            employed = v % 9 == 0
            leave_kind, leave_start, leave_end = "", None, None
            if employed and v % 2 == 0:
                leave_kind = "solidarity" if v % 4 == 0 else "sabbatical"
                leave_start = today + timedelta(days=rng.randrange(30, 200))
                leave_end = leave_start + timedelta(days=rng.randrange(180, 720))
            incomplete = v % 31 == 0  # signed up, never finished the profile
            yield (
                v, user,
                None if incomplete else date(1965 + v % 41, 1 + v % 12, 1 + v % 28),
                "" if incomplete else nationalities,
                "" if incomplete else residence,
                employed, leave_kind, leave_start, leave_end, v % 53 == 0, v % 41 == 0,
                rng.choice(words.SKILLS),
                json.dumps(rng.sample(domains, 2)),
                ",".join(sorted(set(rng.sample(countries, 2)))),
                today + timedelta(days=v % 365), "", now,
            )  # fmt: skip

    PRIOR_MISSION_FIELDS = ["id", "volunteer_id", "association_name", "country", "start_on",
                            "end_on"]  # fmt: skip

    def prior_missions(self) -> Iterator[tuple]:
        for pk, v in enumerate(range(2, self.size.volunteers + 1, 20), start=1):
            start = self.today - timedelta(days=400 + v % 2000)
            yield (pk, v, self.association_names[v % self.size.associations], self.countries[
                v % len(self.countries)], start, start + timedelta(days=364))  # fmt: skip

    # applications and contracts ------------------------------------------------------------
    APPLICATION_FIELDS = [
        "id", "mission_id", "volunteer_id", "motivation", "status", "rejection_reason",
        "withdrawal_reason", "message", "submitted_at", "decided_at", "answered_at",
        "shortlisted_at", "accepted_at", "updated_at",
    ]  # fmt: skip

    def _per_volunteer(self) -> int:
        return -(-self.size.applications // self.size.volunteers)

    def _application_mission(self, j: int) -> int:
        """Distinct missions for one volunteer's applications (the open-one constraint)."""
        volunteers, missions = self.size.volunteers, self.non_draft
        v, k = j % volunteers, j // volunteers
        offset = k * (len(missions) // self._per_volunteer())
        return missions[(v * 7919 + offset) % len(missions)]

    def _accepted(self, j: int) -> bool:
        step = self.size.applications // self.size.contracts
        return j % step == 0 and j // step < self.size.contracts

    def applications(self) -> Iterator[tuple]:
        rng, now = self.rng, self.now
        motivations = (
            "Je souhaite mettre mes compétences au service de ce projet.",
            "I would like to put my skills to work for this project.",
            "Cette mission correspond à mon parcours et à mon projet professionnel.",
        )
        statuses = ("submitted", "submitted", "shortlisted", "rejected", "withdrawn")
        for j in range(self.size.applications):
            submitted = now - timedelta(minutes=rng.randrange(0, 3 * 365 * 1440))
            status = "accepted" if self._accepted(j) else statuses[j % 5]
            decided = submitted + timedelta(days=12) if status in ("accepted", "rejected") else None
            # Shortlisted 2 days in: the shortlisted, the accepted and one rejected in two
            # (the events the seed writes: seed.APPLICATION_EVENTS_SQL).
            shortlisted = (
                submitted + timedelta(days=2)
                if status in ("shortlisted", "accepted") or (status == "rejected" and j % 2)
                else None
            )
            yield (
                j + 1, self._application_mission(j), j % self.size.volunteers + 1,
                motivations[j % 3], status, "profile" if status == "rejected" else "",
                "dates" if status == "withdrawn" else "", "", submitted, decided,
                shortlisted or decided, shortlisted,
                decided if status == "accepted" else None, now,
            )  # fmt: skip

    CONTRACT_FIELDS = [
        "id", "application_id", "mission_id", "association_id", "volunteer_id", "country",
        "start_on", "end_on", "allowance_eur", "status", "signed_at", "signed_by_id",
        "criminal_record_checked_on", "criminal_record_outcome",
        "social_security_affiliated_on", "insurance_reference", "training_completed_on",
        "activated_at", "notice_given_on", "ended_on", "end_reason", "certificate_issued_at",
        "certificate_number", "created_at", "updated_at",
    ]  # fmt: skip

    def recipients(self, association: int, volunteer: int) -> int:
        """Who a contract's mission-ending reminder goes to: the volunteer and the staff."""
        return (volunteer % 97 != 0) + 1 + (association % 2 == 1)

    def contract_dates(self, c: int, *, due: bool) -> tuple[str, date, date]:
        """Status, start and planned end of contract ``c`` (0-based), see ``ending_windows``."""
        rng, today = self.rng, self.today
        if due:
            end = today + timedelta(days=ENDING_OFFSETS[0])
            return "active", end - timedelta(days=rng.randrange(180, 700)), end
        roll = c % 20
        if roll < 12:  # completed, ended within the last six years
            end = today - timedelta(days=rng.randrange(LOOKBACK_DAYS + 30, 6 * 365))
            return "completed", end - timedelta(days=rng.randrange(180, 700)), end
        if roll == 12:  # ended early: the planned end is past too
            end = today - timedelta(days=rng.randrange(LOOKBACK_DAYS + 30, 3 * 365))
            return "ended_early", end - timedelta(days=rng.randrange(200, 700)), end
        if roll < 17:  # under way, ending outside the windows of the scan day
            while True:
                end = today + timedelta(days=rng.randrange(1, 700))
                if not any(lo <= end <= hi for lo, hi in ending_windows(today)):
                    break
            start = min(today, end - timedelta(days=180)) - timedelta(days=rng.randrange(0, 300))
            return "active", start, end
        start = today + timedelta(days=rng.randrange(31, 240))  # planned
        return "planned", start, start + timedelta(days=rng.randrange(180, 700))

    def contracts(self) -> Iterator[tuple]:
        now, today = self.now, self.today
        step = self.size.applications // self.size.contracts
        due_left = self.size.due
        for c in range(self.size.contracts):
            j = c * step
            mission = self._application_mission(j)
            association, country, _domain, _s, _e, allowance = self.missions[mission - 1]
            recipients = self.recipients(association, j % self.size.volunteers + 1)
            due = 0 < recipients <= due_left
            due_left -= recipients if due else 0
            status, start, end = self.contract_dates(c, due=due)
            started = status != "planned"
            checked = start - timedelta(days=45) if started else None
            ended_on = end - timedelta(days=90) if status == "ended_early" else None
            ended_on = max(ended_on, start) if ended_on else None
            certificate = (
                datetime.combine(end, datetime.min.time(), tzinfo=UTC) + timedelta(days=3)
                if status == "completed" and c % 3 else None
            )  # fmt: skip
            yield (
                c + 1, j + 1, mission, association, j % self.size.volunteers + 1, country,
                start, end, allowance, status, now - timedelta(days=(today - start).days + 60),
                self.fv_admins + association, checked, "clear" if checked else "",
                start - timedelta(days=10) if started else None,
                f"INS-{c:07d}" if started else "", start - timedelta(days=20) if started else None,
                datetime.combine(start, datetime.min.time(), tzinfo=UTC) if started else None,
                ended_on - timedelta(days=31) if ended_on else None, ended_on,
                "mutual" if ended_on else "", certificate,
                f"VSI-{c:08d}" if certificate else "", now, now,
            )  # fmt: skip


def ending_windows(today: date) -> list[tuple[date, date]]:
    """Planned ends whose mission-ending reminder falls due in the scan of ``today``."""
    return [
        (today + timedelta(days=offset - LOOKBACK_DAYS), today + timedelta(days=offset))
        for offset in ENDING_OFFSETS
    ]
