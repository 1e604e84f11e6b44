"""The missions app's data: one module per aggregate."""

from .applications import Application, ApplicationEvent, ApplicationQuerySet
from .contracts import Contract, ContractQuerySet
from .missions import Domain, Language, Mission, MissionQuerySet

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationQuerySet",
    "Contract",
    "ContractQuerySet",
    "Domain",
    "Language",
    "Mission",
    "MissionQuerySet",
]
