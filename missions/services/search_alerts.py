"""The saved searches' alerts: new missions matching a search, one e-mail per volunteer.

A run (``search_alerts_send``: ``manage.py send_search_alerts``, Celery beat each morning)
walks the saved searches whose alert is due (``SavedSearch.objects.alert_due``: daily,
none sent today; weekly, none in the last 7 days) by volunteer, in keyset chunks, and for
each one asks the public search itself (``selectors.search.search_missions``, with the
volunteer's ``Candidate`` for a "missions I can apply to" search, as the rules see them on
the day of sending) for the missions published since its previous alert
(``alerts_since``) and until the run's cutoff. A search with nothing new sends nothing
and stays due: the next run looks again.

Exactly once per (saved search, period), a volunteer at a time, in one transaction:

1. claim: one conditional ``UPDATE ... RETURNING`` moves the volunteer's searches that are
   still due to ``last_alert_on = today`` and ``alerts_since = cutoff``; a second worker,
   a retried task or a repeated run waits for the first one's row locks (PostgreSQL), then
   finds them no longer due and claims nothing;
2. record: a ``SearchAlert`` per claimed search, unique on (saved search, period);
3. write one e-mail (text and HTML, in the volunteer's language, with the
   ``List-Unsubscribe`` headers of RFC 8058) to the outbox and one in-app notification.

The e-mail exists if and only if the claim committed: the outbox sends it once. Each
mission published is in one window only: the next alert starts where this one stopped.

What a run costs follows the due searches and the new missions, not the missions table:
one query a chunk says when the newest mission in the chunk's windows was published
(searches whose window is older send nothing without a query), then one query a search
with something possibly new, 3 a chunk for the volunteers' histories, and a few a
volunteer who gets an e-mail.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.notices import notification_create
from volunteers.models import Volunteer
from vsi_portal.db import update_returning_pks
from vsi_portal.outbox.services import Email, outbox_write, render_email

from ..alert_links import unsubscribe_path
from ..models import Mission, SavedSearch, SearchAlert
from ..search_queries import read_query
from ..selectors.candidates import candidate_for, volunteers_with_history
from ..selectors.search import CARD_FIELDS, search_missions

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500  # saved searches read together
# Volunteers claimed and written together, in one transaction (one claim, one insert of
# their alerts, of their e-mails); a batch that fails is tried again one volunteer at a time.
SEND_BATCH = 50
MAX_LISTED = 10  # missions listed per search in an e-mail; more: "see them all"
NOTIFICATION_KIND = "search_alert"
FREQUENCIES = (SavedSearch.Frequency.DAILY, SavedSearch.Frequency.WEEKLY)


@dataclass
class FrequencyCount:
    due: int = 0  # searches whose alert was due
    alerted: int = 0  # searches with new missions, sent (or that would be, in a dry run)
    missions: int = 0  # missions listed


@dataclass
class AlertRun:
    today: date
    cutoff: datetime
    dry_run: bool = False
    counts: dict[str, FrequencyCount] = field(
        default_factory=lambda: {frequency: FrequencyCount() for frequency in FREQUENCIES}
    )
    sent: int = 0  # e-mails written (one per volunteer)
    failed: int = 0
    would_send: list[tuple[str, str, int]] = field(default_factory=list)  # dry run
    # A mission's lines in an e-mail, rendered once per language in a run (most e-mails
    # list the same new missions).
    lines: dict[tuple[str, int], dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Found:
    """A due search and the new missions it matches (at most MAX_LISTED + 1 read)."""

    saved_search: SavedSearch
    missions: list[Mission]

    @property
    def more(self) -> bool:
        return len(self.missions) > MAX_LISTED

    @property
    def listed(self) -> list[Mission]:
        return self.missions[:MAX_LISTED]


def cutoff_for(today: date, now: datetime) -> datetime:
    """Missions published until this instant go in ``today``'s alerts: now, or the end of
    ``today`` when the run is for a past day (``--date``)."""
    end_of_day = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    return min(now, end_of_day)


def _chunks(today: date):
    """The due searches by volunteer then primary key, CHUNK_SIZE at a time (keyset)."""
    searches = (
        SavedSearch.objects.alert_due(today=today)
        .select_related("volunteer__user")
        .order_by("volunteer_id", "pk")
    )
    after = None
    while True:
        page = searches
        if after is not None:
            volunteer_id, pk = after
            page = page.filter(
                Q(volunteer_id__gt=volunteer_id) | Q(volunteer_id=volunteer_id, pk__gt=pk)
            )
        rows = list(page[:CHUNK_SIZE])
        if rows:
            yield rows
        if len(rows) < CHUNK_SIZE:
            return
        after = (rows[-1].volunteer_id, rows[-1].pk)


def search_alerts_send(
    *, today: date | None = None, now: datetime | None = None, dry_run: bool = False
) -> AlertRun:
    """Sends the alerts due on ``today`` (see the module doc); ``dry_run`` writes nothing."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    run = AlertRun(today=today, cutoff=cutoff_for(today, now), dry_run=dry_run)
    batch: list[list[Found]] = []  # volunteers, each with their searches with news
    waiting: list[Found] = []  # the current volunteer's (a volunteer may span chunks)
    for chunk in _chunks(today):
        for found in _found_in(chunk, run):
            if waiting and waiting[0].saved_search.volunteer_id != found.saved_search.volunteer_id:
                batch.append(waiting)
                waiting = []
                if len(batch) >= SEND_BATCH:
                    _alert(batch, run)
                    batch = []
            waiting.append(found)
    if waiting:
        batch.append(waiting)
    if batch:
        _alert(batch, run)
    return run


def _found_in(chunk: list[SavedSearch], run: AlertRun) -> list[Found]:
    """The chunk's searches, each with its new matching missions (searches with nothing
    new are counted as due and left out)."""
    for search in chunk:
        run.counts[search.frequency].due += 1
    earliest = min(search.alerts_since for search in chunk)
    newest = Mission.objects.filter(
        published_at__gt=earliest, published_at__lte=run.cutoff
    ).aggregate(newest=Max("published_at"))["newest"]
    if newest is None:
        return []
    live = [search for search in chunk if search.alerts_since < newest]
    queries = {search.pk: read_query(search.query) for search in live}
    needs_rules = {search.volunteer_id for search in live if queries[search.pk].eligible}
    candidates = {}
    if needs_rules:
        for volunteer in volunteers_with_history(Volunteer.objects.filter(pk__in=needs_rules)):
            candidates[volunteer.pk] = candidate_for(volunteer)
    shared: dict[tuple, list[Mission]] = {}  # the same filters and window: asked once
    found = []
    for search in live:
        saved = queries[search.pk]
        candidate = candidates.get(search.volunteer_id) if saved.eligible else None
        if saved.eligible and candidate is None:
            continue  # the profile lacks a fact: nobody can say what they can apply to
        key = (search.query, search.alerts_since)
        if candidate is None and key in shared:
            missions = shared[key]
        else:
            missions = _new_missions(saved.filters, search.alerts_since, run, candidate)
            if candidate is None:
                shared[key] = missions
        if missions:
            found.append(Found(search, missions))
    return found


def _new_missions(filters, since: datetime, run: AlertRun, candidate) -> list[Mission]:
    missions, _sort = search_missions(filters, today=run.today, candidate=candidate)
    missions = (
        missions.filter(published_at__gt=since, published_at__lte=run.cutoff)
        .only(*CARD_FIELDS, "end_on")
        .order_by("-published_at", "-pk")
    )
    return list(missions[: MAX_LISTED + 1])


def _alert(batch: list[list[Found]], run: AlertRun) -> None:
    """The e-mails of a batch of volunteers (see the module doc)."""
    batch = [found for found in batch if _reachable(found[0].saved_search.volunteer.user)]
    if run.dry_run:
        for found in batch:
            for item in found:
                _count(run, item)
                email = item.saved_search.volunteer.user.email
                run.would_send.append((email, item.saved_search.name, len(item.listed)))
        return
    try:
        _sent(_claim_and_write(batch, run), run)
        return
    except Exception:  # one volunteer's failure must not stop the others'
        if len(batch) == 1:
            logger.exception("The search alert of volunteer %s failed", _volunteer_id(batch[0]))
            run.failed += 1
            return
    for found in batch:
        try:
            _sent(_claim_and_write([found], run), run)
        except Exception:
            logger.exception("The search alert of volunteer %s failed", _volunteer_id(found))
            run.failed += 1


def _reachable(user) -> bool:
    return user.is_active and bool(user.email)


def _volunteer_id(found: list[Found]) -> int:
    return found[0].saved_search.volunteer_id


def _sent(batch: list[list[Found]], run: AlertRun) -> None:
    run.sent += len(batch)
    for found in batch:
        for item in found:
            _count(run, item)


@transaction.atomic
def _claim_and_write(batch: list[list[Found]], run: AlertRun) -> list[list[Found]]:
    """Claims the batch's searches still due, records their alerts, writes each volunteer's
    e-mail and notification; returns what was claimed (and so sent)."""
    pks = [item.saved_search.pk for found in batch for item in found]
    claimed = update_returning_pks(
        SavedSearch.objects.filter(pk__in=pks).alert_due(today=run.today),
        last_alert_on=run.today,
        alerts_since=run.cutoff,
    )
    batch = [
        kept
        for kept in ([item for item in found if item.saved_search.pk in claimed] for found in batch)
        if kept
    ]
    if not batch:
        return []
    SearchAlert.objects.bulk_create(
        [
            SearchAlert(
                saved_search=item.saved_search,
                period_start=run.today,
                since=item.saved_search.alerts_since,
                until=run.cutoff,
                mission_count=len(item.missions),
            )
            for found in batch
            for item in found
        ]
    )
    emails, notices = [], []
    for found in batch:
        user = found[0].saved_search.volunteer.user
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            email, title, summary = alert_email(found, user=user, language=language, run=run)
        emails.append(email)
        notices.append((user, title, summary))
    outbox_write(emails=emails)
    for user, title, summary in notices:
        notification_create(
            recipient=user,
            kind=NOTIFICATION_KIND,
            title=title,
            body=summary,
            link=reverse("missions:saved_searches"),
        )
    return batch


def _count(run: AlertRun, item: Found) -> None:
    count = run.counts[item.saved_search.frequency]
    count.alerted += 1
    count.missions += len(item.listed)


def _mission_lines(mission: Mission, run: AlertRun | None) -> dict:
    """A mission's lines in an alert (text and HTML: country, dates, allowance, link), in
    the active language; rendered once a run for each language."""
    key = (translation.get_language() or settings.LANGUAGE_CODE, mission.pk)
    if run is not None and key in run.lines:
        return run.lines[key]
    context = {"mission": mission, "url": settings.SITE_URL + mission.get_absolute_url()}
    lines = {
        "text": render_to_string("missions/emails/_search_alert_mission.txt", context),
        "html": render_to_string("missions/emails/_search_alert_mission.html", context),
    }
    if run is not None:
        run.lines[key] = lines
    return lines


def alert_email(
    found: list[Found], *, user, language: str, run: AlertRun | None = None
) -> tuple[Email, str, str]:
    """The e-mail of one run to one volunteer, its title and the notification's text, in
    the active language."""
    site = settings.SITE_URL
    volunteer_id = found[0].saved_search.volunteer_id
    searches = [
        {
            "name": item.saved_search.name,
            "url": site + item.saved_search.get_absolute_url(),
            "missions": [_mission_lines(mission, run) for mission in item.listed],
            "more": item.more,
            "unsubscribe_url": site
            + unsubscribe_path(volunteer_id=volunteer_id, saved_search_ids=[item.saved_search.pk]),
        }
        for item in found
    ]
    all_ids = [item.saved_search.pk for item in found]
    unsubscribe_all = site + unsubscribe_path(volunteer_id=volunteer_id, saved_search_ids=all_ids)
    count = sum(len(item.listed) for item in found)
    if len(found) == 1:
        title = ngettext(
            "%(count)s new mission for your search “%(name)s”",
            "%(count)s new missions for your search “%(name)s”",
            count,
        ) % {"count": count, "name": found[0].saved_search.name}
    else:
        title = ngettext(
            "%(count)s new mission for your saved searches",
            "%(count)s new missions for your saved searches",
            count,
        ) % {"count": count}
    summary = "; ".join(
        _("%(name)s: %(titles)s")
        % {"name": item.saved_search.name, "titles": ", ".join(m.title for m in item.listed)}
        for item in found
    )
    context = {
        "user": user,
        "title": title,
        "searches": searches,
        "manage_url": site + reverse("missions:saved_searches"),
        "unsubscribe_url": unsubscribe_all,
    }
    subject, text, html = render_email("missions/emails/search_alert", context)
    email = Email(
        to=user.email,
        subject=subject,
        text=text,
        html=html,
        language=language,
        kind="missions.search_alert",
        link=reverse("missions:saved_searches"),
        headers={
            "List-Unsubscribe": f"<{unsubscribe_all}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return email, title, summary
