"""The values a search returns (hits, facets, a page of results): shared by the engines and the promotions."""

import math
from dataclasses import dataclass, field

from search import registry

PER_PAGE = 10


@dataclass
class Hit:
    """One result, ready to render."""

    key: str
    doc_type: str
    title: str
    url: str
    score: float
    snippet: str = ""
    title_html: str = ""
    summary: str = ""
    date: object = None
    category_label: str = ""
    community: str = ""
    distance_km: float | None = None
    promoted: bool = False  # an editors' promoted result (search.promotions)

    @property
    def type_label(self):
        return registry.TYPES.get(self.doc_type, registry.TYPES["page"])


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    """A page of results with the total, facet counts and timing."""

    query: object
    hits: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    facets: dict = field(default_factory=dict)
    took_ms: float = 0.0
    relaxed: bool = False
    capped: bool = False  # more documents matched than were ranked (a one-character query)
    # Counted from a sample of the matches (very many matched, see the PostgreSQL engine): the total
    # and the number of pages are estimates (``total_estimated``), and so are the facet counts.
    total_estimated: bool = False
    facets_estimated: bool = False
    fallback: bool = False  # answered by the embedded engine while Elasticsearch was unavailable

    @property
    def total_text(self):
        """The total with thousands separators (27,000)."""
        return f"{self.total:,}"

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def start_index(self):
        """Number of the first hit on this page (for an ordered list)."""
        return (self.page - 1) * self.per_page + 1

    @property
    def has_next(self):
        # With an estimated total a full page may be followed by more results past the estimate.
        return self.page < self.num_pages or (self.total_estimated and len(self.hits) == self.per_page)

    @property
    def has_previous(self):
        return self.page > 1
