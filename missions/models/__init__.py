"""The missions app's data: one module per aggregate."""

from .applications import Application, ApplicationEvent, ApplicationQuerySet
from .contract_versions import ContractVersion
from .contracts import Contract, ContractQuerySet
from .conversations import ApplicationMessage, ConversationRead, MessageReport
from .exports import Export, ExportQuerySet
from .missions import DOMAIN_WORDS, Domain, Language, Mission, MissionQuerySet, Paused
from .response_figures import AssociationResponseDay
from .saved_searches import SavedSearch, SearchAlert

__all__ = [
    "DOMAIN_WORDS",
    "Application",
    "ApplicationEvent",
    "ApplicationMessage",
    "ApplicationQuerySet",
    "AssociationResponseDay",
    "Contract",
    "ContractQuerySet",
    "ContractVersion",
    "ConversationRead",
    "Domain",
    "Export",
    "ExportQuerySet",
    "Language",
    "MessageReport",
    "Mission",
    "MissionQuerySet",
    "Paused",
    "SavedSearch",
    "SearchAlert",
]
