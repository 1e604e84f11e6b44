"""The benchmark's seeding and results writer, on a tiny dataset (no timings: the bench is
the measure, these tests only prove it writes what it claims)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import F

from associations.models import Association, Membership
from bench import rows as bench_rows
from bench import seed as bench_seed
from bench.measure import percentile
from bench.results import Metric, all_passed, format_table, write_results
from bench.run import BUDGETS
from missions.models import Application, Contract, Mission
from missions.search import search_terms, searchable_text
from volunteers.models import Volunteer
from vsi_portal.accounts.models import User
from vsi_portal.entitlements import contract_last_day, whole_months

TODAY = date(2026, 11, 23)
TINY = bench_rows.TINY


def _seed(method: str) -> bench_seed.SeedReport:
    return bench_seed.seed(size=TINY, today=TODAY, method=method)


@pytest.mark.django_db
def test_the_portable_writer_seeds_every_table_with_the_promised_counts():
    report = _seed("batched")
    assert report.method == "batched"
    assert Association.objects.count() == TINY.associations
    assert Mission.objects.count() == TINY.missions
    assert Volunteer.objects.count() == TINY.volunteers
    assert Application.objects.count() == TINY.applications
    assert Contract.objects.count() == TINY.contracts
    assert User.objects.count() == TINY.volunteers + 2 + TINY.associations + 3
    assert Membership.objects.filter(role="admin").count() == TINY.associations
    assert set(report.timings) >= {"users", "missions", "applications", "contracts"}


@pytest.mark.django_db
def test_the_writer_of_this_database_seeds_the_same_rows():
    """COPY on PostgreSQL (CI), batched INSERTs elsewhere: the rows are the same."""
    report = _seed(bench_seed.default_method())
    assert report.method == ("copy" if connection.vendor == "postgresql" else "batched")
    assert Mission.objects.count() == TINY.missions
    assert Contract.objects.count() == TINY.contracts
    mission = Mission.objects.select_related("association").order_by("pk").first()
    assert mission.title and mission.slug.endswith("-1")


@pytest.mark.django_db
def test_seeded_missions_carry_the_derived_columns_the_services_write():
    _seed(bench_seed.default_method())
    for mission in Mission.objects.select_related("association"):
        assert mission.duration_months == whole_months(mission.start_on, mission.end_on)
        assert mission.latest_end_on == contract_last_day(mission.start_on)
        assert mission.search_terms == search_terms(
            place=mission.place, country=mission.country, domain=mission.domain
        )
        assert mission.search_text == searchable_text(
            title=mission.title,
            summary=mission.summary,
            description=mission.description,
            skills=mission.skills,
            association=mission.association.name,
            terms=mission.search_terms,
        )
    if connection.vendor == "postgresql":
        assert not Mission.objects.filter(search_vector__isnull=True).exists()
    # About 30% published, none past the two-year limit.
    published = Mission.objects.filter(status="published").count()
    assert published == TINY.missions * 3 // 10
    assert not Mission.objects.filter(end_on__gt=F("latest_end_on")).exists()


@pytest.mark.django_db
def test_seeded_applications_respect_one_open_application_per_mission():
    _seed("batched")
    pairs = list(
        Application.objects.filter(status__in=["submitted", "shortlisted", "accepted"]).values_list(
            "volunteer_id", "mission_id"
        )
    )
    assert len(pairs) == len(set(pairs))
    assert not Application.objects.filter(mission__status="draft").exists()
    for contract in Contract.objects.select_related("application", "mission"):
        assert contract.application.status == "accepted"
        assert contract.volunteer_id == contract.application.volunteer_id
        assert contract.association_id == contract.mission.association_id


@pytest.mark.django_db
def test_exactly_the_promised_mission_ending_reminders_fall_due_on_the_scan_day():
    _seed("batched")
    gen = bench_rows.RowGenerator(TINY, TODAY)
    windows = bench_rows.ending_windows(TODAY)
    in_window = Contract.objects.filter(status="active").select_related("volunteer__user")
    due = [c for c in in_window if any(lo <= c.end_on <= hi for lo, hi in windows)]
    assert due
    assert all(c.end_on == TODAY + timedelta(days=60) for c in due)
    recipients = sum(gen.recipients(c.association_id, c.volunteer_id) for c in due)
    assert recipients == TINY.due


@pytest.mark.django_db
def test_the_measured_volunteer_has_a_complete_profile():
    from missions.selectors.candidates import candidate_for

    _seed("batched")
    volunteer = Volunteer.objects.get(pk=bench_rows.MEASURED_VOLUNTEER_ID)
    assert volunteer.birth_date == bench_rows.MEASURED_BIRTH_DATE
    assert candidate_for(volunteer) is not None


@pytest.mark.django_db
def test_seeding_twice_is_refused_by_the_database_not_silently_doubled():
    from django.db import IntegrityError, transaction

    _seed("batched")
    with pytest.raises(IntegrityError), transaction.atomic():
        _seed("batched")
    assert Mission.objects.count() == TINY.missions


def test_results_json_has_the_shape_the_issue_fixes(tmp_path):
    dataset = TINY.counts()
    metrics = [
        Metric("search_p95_ms", 12.5, "ms", *BUDGETS["search_p95_ms"]),
        Metric("search_rps", 80.0, "requests/s", *BUDGETS["search_rps"]),
        Metric("search_no_filter_p50_ms", 4.0, "ms"),
    ]
    path = tmp_path / "results.json"
    write_results(dataset, metrics, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert set(document) == {"dataset", "metrics"}
    assert document["dataset"] == {
        "associations": 5,
        "missions": 50,
        "volunteers": 100,
        "applications": 200,
        "contracts": 30,
    }
    assert document["metrics"][0] == {
        "name": "search_p95_ms",
        "value": 12.5,
        "unit": "ms",
        "budget": 60,
        "better": "lower",
    }
    assert document["metrics"][1]["better"] == "higher"
    assert document["metrics"][2]["budget"] is None


def test_the_table_says_pass_or_fail_per_budget():
    metrics = [
        Metric("search_p95_ms", 12.5, "ms", 60, "lower"),
        Metric("search_rps", 80.0, "requests/s", 120, "higher"),
        Metric("detail_p50_ms", 3.0, "ms"),
    ]
    lines = format_table(metrics).splitlines()
    assert "PASS" in next(line for line in lines if line.startswith("search_p95_ms"))
    assert "FAIL" in next(line for line in lines if line.startswith("search_rps"))
    info = next(line for line in lines if line.startswith("detail_p50_ms"))
    assert "PASS" not in info and "FAIL" not in info
    assert not all_passed(metrics)
    assert all_passed(metrics[:1] + metrics[2:])


def test_every_budget_of_the_issue_is_checked():
    assert {
        "search_p95_ms": (60, "lower"),
        "search_queries": (8, "lower"),
        "search_vs_raw_sql_ratio": (4, "lower"),
        "search_rps": (120, "higher"),
        "detail_p95_ms": (20, "lower"),
        "reminder_scan_s": (60, "lower"),
        "reminder_scan_growth_ratio": (1.5, "lower"),
        "reminder_peak_rss_mb": (300, "lower"),
        "eligibility_checks_per_s": (50_000, "higher"),
        "programme_dashboard_p95_ms": (200, "lower"),
        "association_dashboard_p95_ms": (100, "lower"),
    }.items() <= BUDGETS.items()


def test_p95_is_the_nearest_rank():
    values = [float(v) for v in range(1, 201)]
    assert percentile(values, 0.95) == 190.0
    assert percentile(values, 0.5) == 100.0


def test_the_bench_never_writes_into_the_portal_database():
    from bench.db import main_url, small_url

    url = main_url({"DATABASE_URL": "postgres://u:p@db.example:5433/vsi_portal"})
    assert url == "postgres://u:p@db.example:5433/vsi_bench"
    assert small_url(url) == "postgres://u:p@db.example:5433/vsi_bench_50k"
    assert main_url({"DATABASE_URL": "sqlite:///db.sqlite3"}).endswith("127.0.0.1:5432/vsi_bench")


@pytest.mark.django_db
def test_the_alerts_scenario_runs_the_portal_s_alerts_and_puts_the_missions_back():
    """On the tiny dataset: the searches are written, due, alerted, then removed, and the
    missions dated new for the run get their publication times back."""
    from bench.alerts import PREFIX, measure_alerts
    from missions.models import SavedSearch
    from vsi_portal.outbox.models import OutboxMessage

    _seed(bench_seed.default_method())
    before = dict(Mission.objects.values_list("pk", "published_at"))
    figures = measure_alerts(today=TODAY, searches=20, new_missions=10)
    assert figures["searches"] == 20
    assert 0 < figures["new_missions"] <= 10
    assert figures["sent"] == figures["alerted"] > 0  # one search per volunteer
    assert figures["wall_s"] > 0 and figures["queries"] > 0
    assert dict(Mission.objects.values_list("pk", "published_at")) == before
    assert not SavedSearch.objects.filter(name__startswith=PREFIX).exists()
    assert not OutboxMessage.objects.filter(kind="missions.search_alert").exists()


@pytest.mark.django_db
def test_the_export_scenario_builds_the_portal_s_file_of_the_first_contracts_then_removes_it():
    """On the tiny dataset: France Volontaires' export of the first 5 contracts is built by
    the portal's service, measured, then deleted with its audit event and notification."""
    from bench.exports import EMAIL, measure_export
    from missions.models import Export
    from vsi_portal.security.models import AuditEvent

    _seed(bench_seed.default_method())
    figures = measure_export(rows=5, file_format="xlsx")
    assert (figures["status"], figures["rows"]) == ("ready", 5)
    assert figures["wall_s"] > 0 and figures["queries"] > 0 and figures["peak_rss_mb"] > 0
    assert not Export.objects.exists()
    assert not AuditEvent.objects.filter(actor__email=EMAIL).exists()


def test_the_export_budgets_of_the_issue_are_checked():
    assert {
        "export_100k_contracts_s": (30, "lower"),
        "export_peak_rss_mb": (300, "lower"),
    }.items() <= BUDGETS.items()
