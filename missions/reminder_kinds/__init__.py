"""Reminder kinds about applications and VSI contracts, one module each.

Registered with the notifications engine (notifications/reminders.py), which
inserts each (kind, contract, due date, recipient) row exactly once, claims,
sends the e-mail and the in-app notification, and retries. Each kind here only
says what falls due and how it reads:

- departure_prerequisites (essential): 30 days before `start_on` of a planned
  contract whose departure checklist is incomplete; to the volunteer and staff.
- mission_ending (can be muted): 60 and 14 days before `end_on` of an active
  contract; to the volunteer and staff.
- certificate_due (essential): the day after the last day, then every 7 days
  while no certificate is issued; to staff.
- end_of_mission_aids (essential): the day after the last day; to the volunteer.
- insertion_premium_deadline (essential): 60 and 14 days before the premium's
  deadline, unless the volunteer marked it requested; to the volunteer.
- applications_waiting (can be muted): weekly (the week's Monday), the association's
  applications waiting more than 7 days, one digest per association; to staff.
- application_expiry_warning (can be muted): the day a submitted application is 23 days
  old, "it closes in 7 days", one per association and day; to staff.
- application_expiry (essential): closes the applications still submitted on their 30th
  day (its `act`; the move writes the volunteer's e-mail and both sides' notifications).

"Staff" are the association's administrators and editors (active accounts).
Every `due` filters on indexed date columns (`start_on`, `end_on`,
`ended_on`, and the status indexes) and walks the result in primary-key
chunks; a chunk's staff come in one query, so a scan's cost follows the number
of contracts due, not the size of the table. What the kinds share is in `common`.
"""

# Importing a kind's module registers it (the notifications app imports this package when
# it is ready). The order is the order of a contract's life, the order in which the
# settings page and `send_due_reminders` list the kinds: keep it.
# isort: off
from . import departure_prerequisites  # noqa: F401
from . import mission_ending  # noqa: F401
from . import certificate_due  # noqa: F401
from . import end_of_mission_aids  # noqa: F401
from . import insertion_premium_deadline  # noqa: F401
from . import applications_waiting  # noqa: F401
from . import application_expiry  # noqa: F401

# isort: on
