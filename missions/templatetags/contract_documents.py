"""``{% contract_document_versions contract side as versions %}``: the versions of a contract
whose document (PDF) one side may download, for ``missions/_contract_documents.html``."""

from __future__ import annotations

from django import template

from missions.selectors.contract_documents import versions_for_owner, versions_for_staff

register = template.Library()


@register.simple_tag
def contract_document_versions(contract, side: str) -> list:
    """Every version for ``side="staff"``; those offered to the volunteer for ``"volunteer"``."""
    if side == "staff":
        return list(versions_for_staff(contract))
    return list(versions_for_owner(contract))
