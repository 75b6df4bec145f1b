"""What the service catalog puts into search: service guides with their structured fields.

Owned by the search app (see search/registry.py); reads the models without changing them.
"""

from search.registry import PageDocument, register
from services.catalog.models import ServiceGuidePage


@register
class ServiceGuideDocument(PageDocument):
    """A guide: conditions, materials, steps, where and when, fee, basis, FAQ; category facet."""

    model = ServiceGuidePage
    doc_type = "guide"
    boost = 1.2

    def get_queryset(self):
        # Related rows for a whole chunk at once, not a few queries per guide during a rebuild.
        return (
            super()
            .get_queryset()
            .select_related("category", "item_type")
            .prefetch_related("materials", "steps", "faqs", "communities")
        )

    def summary(self, page):
        return page.summary

    def body(self, page):
        # The guide's own search_text() lists every structured field; the title is indexed apart.
        return page.search_text().replace(page.title, "", 1)

    def keywords(self, page):
        return [page.category.name, page.item_type.name, page.item_code, page.department]

    def category(self, page):
        return page.category.slug, page.category.name

    def community(self, page):
        names = [c.name for c in page.communities.all()[:2]]
        return names[0] if len(names) == 1 else ""

    def date(self, page):
        return page.last_reviewed
