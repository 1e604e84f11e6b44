"""Lists the accounts whose addresses are one once normalised (NFKC, case folding), and
those whose address the forms no longer accept."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand

from vsi_portal.accounts.selectors import email_address_problems


class Command(BaseCommand):
    help = (
        "Lists the accounts that share an e-mail address once normalised, and those whose "
        "address has a letter beyond ASCII before the @ (both left by data from before the "
        "normalisation). Changes nothing."
    )

    def handle(self, *args, **options) -> None:
        problems = email_address_problems()
        if not problems:
            self.stdout.write("No two accounts share an address; every address is accepted.")
            return
        users = [user for c in problems.collisions for user in c.users] + problems.unaccepted
        self._verified = set(
            EmailAddress.objects.filter(user__in=users, verified=True).values_list(
                "user_id", "email"
            )
        )
        for collision in problems.collisions:
            self.stdout.write(f"{collision.address}: {len(collision.users)} accounts")
            for user in collision.users:
                self.stdout.write("  " + self._describe(user))
        if problems.collisions:
            self.stdout.write(
                f"{len(problems.collisions)} shared address(es). Decide in the admin which "
                "account keeps each address; change or anonymise the others (nothing was "
                "merged)."
            )
        if problems.unaccepted:
            self.stdout.write(
                "Addresses the sign-in form refuses (a letter beyond ASCII before @):"
            )
            for user in problems.unaccepted:
                self.stdout.write("  " + self._describe(user))

    def _describe(self, user) -> str:
        facts = [
            f"id {user.pk}",
            f"stored as {user.email!r}",
            f"joined {user.date_joined:%Y-%m-%d}",
            f"last login {user.last_login:%Y-%m-%d}" if user.last_login else "never logged in",
            "verified" if (user.pk, user.email) in self._verified else "not verified",
        ]
        if user.is_staff:
            facts.append("France Volontaires staff")
        if not user.is_active:
            facts.append("inactive")
        return ", ".join(facts)
