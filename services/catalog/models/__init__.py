"""Service catalog: categories and item types, guides, journeys, usefulness answers and the three lists."""

from .catalog_index import CatalogFeaturedGuide, CatalogIndexPage
from .guides import GuideFAQ, GuideForm, GuideMaterial, GuideStep, MaterialForm, ServiceGuidePage
from .journeys import StepByStepPage
from .taxonomy import ItemKind, ItemType, ServiceCategory
from .three_lists import (
    Moderation,
    Need,
    NeedCategory,
    NeedSource,
    ProgressStatus,
    Project,
    ProjectStatusChange,
    Resource,
    ResourceKind,
)
from .usefulness import UsefulnessVote

__all__ = [
    "CatalogFeaturedGuide",
    "CatalogIndexPage",
    "GuideFAQ",
    "GuideForm",
    "GuideMaterial",
    "GuideStep",
    "ItemKind",
    "ItemType",
    "MaterialForm",
    "Moderation",
    "Need",
    "NeedCategory",
    "NeedSource",
    "ProgressStatus",
    "Project",
    "ProjectStatusChange",
    "Resource",
    "ResourceKind",
    "ServiceCategory",
    "ServiceGuidePage",
    "StepByStepPage",
    "UsefulnessVote",
]
