"""Demo conversations (``data/conversations.toml``) on the demo applications: a question
answered, a message the volunteer has not read, one on a contract under way waiting for
the staff, one read-only on an application not retained.

Messages of an open conversation go through the service (``message_post`` with ``now=``,
which also writes the in-app notices, dated back here, and the e-mails the load deletes);
those of a closed one took place before the decision, so they are written as past rows.
Runs after the applications and the contracts. Idempotent: a conversation with messages
is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from missions.models import Application, ApplicationMessage
from missions.models.conversations import Side
from missions.services.conversations import conversation_mark_read, message_post

from .associations import association_admin
from .content import at, backdate_notices, read


def _author(application: Application, side: str):
    if side == Side.VOLUNTEER:
        return application.volunteer.user
    return association_admin(application.mission.association)


def load(*, today: date) -> None:
    for spec in read("conversations")["conversation"]:
        application = (
            Application.objects.filter(
                volunteer__user__email=spec["volunteer"], mission__slug=spec["mission"]
            )
            .select_related("mission__association", "volunteer__user")
            .order_by("-submitted_at")
            .first()
        )
        if application is None or application.messages.exists():
            continue
        last = None
        for item in spec["messages"]:
            day = today - timedelta(days=item["days_ago"])
            when = at(day, item["hour"])
            author = _author(application, item["side"])
            if spec.get("closed"):
                ApplicationMessage.objects.create(
                    application=application,
                    author=author,
                    side=item["side"],
                    body=item["body"].strip(),
                    created_at=when,
                )
            else:
                since = timezone.now()
                message_post(application=application, body=item["body"], by=author, now=when)
                backdate_notices(since=since, day=day, hour=item["hour"])
            last = when
        for side in spec["read_by"]:
            conversation_mark_read(application=application, by=_author(application, side), now=last)
