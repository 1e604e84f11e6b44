"""The missions app's data: one module per aggregate."""

from .applications import Application, ApplicationEvent, ApplicationQuerySet
from .contract_versions import ContractVersion
from .contracts import Contract, ContractQuerySet
from .missions import Domain, Language, Mission, MissionQuerySet, Paused
from .saved_searches import SavedSearch, SearchAlert

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationQuerySet",
    "Contract",
    "ContractQuerySet",
    "ContractVersion",
    "Domain",
    "Language",
    "Mission",
    "MissionQuerySet",
    "Paused",
    "SavedSearch",
    "SearchAlert",
]
