"""The catalog's filters and counts: one small class composing filter methods over live guides."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from services.catalog.models.guides import ServiceGuidePage
from services.catalog.models.taxonomy import ItemType, ServiceCategory
from services.places.models import Community

SORTS = ("pinyin", "category", "reviewed")


def applicable_to(queryset, community):
    """Guides handled in ``community``: those listing it, plus those with no community (district-wide)."""
    through = ServiceGuidePage.communities.through
    restricted = through.objects.values("serviceguidepage_id")
    listed = through.objects.filter(community=community).values("serviceguidepage_id")
    return queryset.filter(Q(pk__in=listed) | ~Q(pk__in=restricted))


@dataclass
class CatalogQuery:
    """Filters from a query string (category, type, community, sort) applied to the guides under a catalog."""

    catalog: object
    params: dict
    category: ServiceCategory | None = None
    item_type: ItemType | None = None
    community: Community | None = None
    sort: str = "pinyin"
    active: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def __post_init__(self):
        self.category = self._lookup("category", ServiceCategory.objects.all(), "slug", _("No such category."))
        self.item_type = self._lookup("type", ItemType.objects.all(), "kind", _("No such item type."))
        self.community = self._lookup("community", Community.objects.all(), "slug", _("No such community."))
        sort = str(self.params.get("sort", "") or "")
        self.sort = sort if sort in SORTS else "pinyin"

    def _lookup(self, name, queryset, key, problem):
        value = str(self.params.get(name, "") or "").strip()[:60]
        if not value:
            return None
        self.active[name] = value
        found = queryset.filter(**{key: value}).first()
        if found is None:
            self.problems.append(problem)
        return found

    def base(self):
        """Live, public guides of this catalog."""
        return ServiceGuidePage.objects.live().public().descendant_of(self.catalog)

    def in_community(self, queryset):
        return applicable_to(queryset, self.community) if self.community else queryset

    def guides(self):
        """The guides matching every filter, sorted; empty when a filter names something unknown."""
        if self.problems:
            return self.base().none()
        queryset = self.in_community(self.base())
        if self.category:
            queryset = queryset.filter(category=self.category)
        if self.item_type:
            queryset = queryset.filter(item_type=self.item_type)
        order = {
            "pinyin": ["pinyin_key"],
            "category": ["category__sort_order", "pinyin_key"],
            "reviewed": ["-last_reviewed", "pinyin_key"],
        }[self.sort]
        return queryset.select_related("category", "item_type").order_by(*order)

    def category_counts(self):
        """Every category with the number of matching guides (within the community and type filters)."""
        queryset = self.in_community(self.base())
        if self.item_type:
            queryset = queryset.filter(item_type=self.item_type)
        counts = dict(queryset.order_by().values_list("category_id").annotate(n=Count("pk")))
        return [(category, counts.get(category.pk, 0)) for category in ServiceCategory.objects.all()]

    def type_counts(self, community=None):
        """(item type, count) for every type, within ``community`` if given (else the chosen one)."""
        community = community or self.community
        queryset = applicable_to(self.base(), community) if community else self.base()
        counts = dict(queryset.order_by().values_list("item_type_id").annotate(n=Count("pk")))
        return [(item_type, counts.get(item_type.pk, 0)) for item_type in ItemType.objects.all()]

    def community_table(self):
        """For every community, the count of each item type: two queries, counted in Python."""
        guides = list(self.base().values_list("pk", "item_type_id"))
        through = ServiceGuidePage.communities.through
        listed = {}
        for guide_id, community_id in through.objects.values_list("serviceguidepage_id", "community_id"):
            listed.setdefault(guide_id, set()).add(community_id)
        types = list(ItemType.objects.all())
        rows = []
        for community in Community.objects.select_related("street"):
            counts = dict.fromkeys((t.pk for t in types), 0)
            for guide_id, type_id in guides:
                if guide_id not in listed or community.pk in listed[guide_id]:
                    counts[type_id] += 1
            rows.append({"community": community, "counts": [(t, counts[t.pk]) for t in types]})
        return rows

    def summary(self):
        """JSON-friendly figures for the API: categories and type counts."""
        return {
            "categories": [
                {"name": c.name, "slug": c.slug, "icon": c.icon, "count": n} for c, n in self.category_counts()
            ],
            "item_types": [
                {"kind": t.kind, "name": t.name, "short_name": t.short_name, "count": n} for t, n in self.type_counts()
            ],
        }
