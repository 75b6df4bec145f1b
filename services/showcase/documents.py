"""What the showcase puts into search: case studies, brand projects and model communities.

Owned by the search app (see search/registry.py); reads the models without changing them.
"""

from search.registry import PageDocument, register
from services.showcase.models import BrandProjectPage, CaseStudyPage, ModelCommunityPage


def _first_community(page):
    names = [c.name for c in page.communities.all()[:1]]
    return names[0] if names else ""


@register
class CaseStudyDocument(PageDocument):
    """A case study: background, practice, results and lessons; themes as keywords."""

    model = CaseStudyPage
    doc_type = "case"

    def get_queryset(self):
        return super().get_queryset().select_related("street").prefetch_related("tags", "related_brands", "communities")

    def summary(self, page):
        return page.summary or page.search_description

    def body(self, page):
        return [page.body, page.source]

    def keywords(self, page):
        words = [tag.name for tag in page.tags.all()]
        words += [brand.title for brand in page.related_brands.all()]
        words += [c.name for c in page.communities.all()]
        if page.street_id:
            words.append(page.street.name)
        return words

    def category(self, page):
        return (page.street.slug, page.street.name) if page.street_id else None

    def community(self, page):
        return _first_community(page)

    def date(self, page):
        return page.date


@register
class BrandProjectDocument(PageDocument):
    """A party-building brand: slogan, owner, highlights and the communities involved."""

    model = BrandProjectPage
    doc_type = "brand"
    boost = 1.1

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags", "communities")

    def summary(self, page):
        return page.introduction or page.slogan

    def body(self, page):
        return [page.slogan, page.owner_organisation, page.introduction, page.highlights, page.contact_name]

    def keywords(self, page):
        return [tag.name for tag in page.tags.all()] + [c.name for c in page.communities.all()]

    def community(self, page):
        return _first_community(page)

    def date(self, page):
        published = page.first_published_at
        return published.date() if published else None


@register
class ModelCommunityDocument(PageDocument):
    """A model community page: introduction, body, organisation levels and honours."""

    model = ModelCommunityPage
    doc_type = "community"
    boost = 1.1

    def get_queryset(self):
        return super().get_queryset().select_related("community").prefetch_related("brands")

    def summary(self, page):
        return page.introduction

    def body(self, page):
        return [page.introduction, page.body, page.structure, page.honours]

    def keywords(self, page):
        words = [str(page.get_kind_display())] + [brand.title for brand in page.brands.all()]
        if page.community_id:
            words.append(page.community.name)
        return words

    def category(self, page):
        return page.kind, page.get_kind_display()

    def community(self, page):
        return page.community.name if page.community_id else ""
