"""Showcase models: case studies, brand projects, model communities, their indexes and article imports."""

from .brands import BrandProjectIndexPage, BrandProjectPage, BrandProjectTag
from .cases import CaseStudyIndexPage, CaseStudyPage, CaseStudyTag
from .communities import CommunityKind, ModelCommunityIndexPage, ModelCommunityPage
from .imports import ImportedArticle

__all__ = [
    "BrandProjectIndexPage",
    "BrandProjectPage",
    "BrandProjectTag",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyTag",
    "CommunityKind",
    "ImportedArticle",
    "ModelCommunityIndexPage",
    "ModelCommunityPage",
]
