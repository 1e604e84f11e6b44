"""Who may make a contract's moves: an association's administrators, not its editors.

Editors publish missions and review applications, and read the contracts; what binds the
association (signing, starting, ending, completing a contract) and the departure checklist
with its criminal record check are for administrators (docs/security.md, the role matrix).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from associations.models import Association

from ..errors import ContractError
from .missions import require_member


def require_contract_admin(association: Association, by) -> None:
    """Refuse (ContractError) anyone but an administrator of the association."""
    require_member(association, by, ContractError)
    if not Association.objects.administered_by(by).filter(pk=association.pk).exists():
        raise ContractError(
            _(
                "Only an administrator of the association can sign, start or end a contract, "
                "or record its departure checklist."
            )
        )
