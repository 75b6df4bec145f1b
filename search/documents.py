"""What the site shell's pages (home) put into search: home imports no other app, so the search app declares them."""

from home.models import NewsPage, StandardPage

from .registry import PageDocument, register


@register
class NewsDocument(PageDocument):
    """A news article: title, summary, body and tags; category and year facets."""

    model = NewsPage
    doc_type = "news"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")

    def summary(self, page):
        return page.summary or page.search_description

    def body(self, page):
        return [page.body, page.source]

    def keywords(self, page):
        return [tag.name for tag in page.tags.all()]

    def category(self, page):
        return page.category, page.get_category_display()

    def date(self, page):
        return page.date


@register
class StandardPageDocument(PageDocument):
    """A general content page (about, privacy, accessibility …)."""

    model = StandardPage
    doc_type = "page"
    boost = 0.8

    def summary(self, page):
        return page.introduction or page.search_description

    def body(self, page):
        return [page.body]
