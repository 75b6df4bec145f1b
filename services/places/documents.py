"""What places put into search: stations (with coordinates for geo filtering) and communities.

Owned by the search app (see search/registry.py); reads the models without changing them.
"""

from search.registry import PageDocument, SearchDocument, register
from services.places.models import Community, StationPage
from services.places.models.stations import Facility


@register
class StationDocument(PageDocument):
    """A station: address, operator, services, facilities and activities; kind facet; coordinates."""

    model = StationPage
    doc_type = "station"

    def get_queryset(self):
        # Related rows for a whole chunk at once, not a few queries per station during a rebuild.
        return super().get_queryset().select_related("community__street").prefetch_related("services", "activities")

    def summary(self, page):
        return page.introduction or page.address

    def body(self, page):
        services = [f"{s.name} {s.description}" for s in page.services.all()]
        activities = [f"{a.title} {a.audience} {a.description}" for a in page.activities.all()]
        return [page.introduction, page.address, page.operator, page.hours_note, *services, *activities]

    def keywords(self, page):
        labels = dict(Facility.choices)
        words = [str(page.get_kind_display())]
        words += [str(labels.get(code, "")) for code in page.facilities or []]
        if page.community_id:
            words += [page.community.name, page.community.street.name]
        return words

    def category(self, page):
        return page.kind, page.get_kind_display()

    def community(self, page):
        return page.community.name if page.community_id else ""

    def location(self, page):
        return (page.latitude, page.longitude) if page.latitude is not None else None


@register
class CommunityDocument(SearchDocument):
    """A community: its street, party organisation, grids and residential compounds."""

    model = Community
    doc_type = "community"
    boost = 1.1

    def get_queryset(self):
        return Community.objects.select_related("street").prefetch_related("grids")

    def title(self, community):
        return community.name

    def url(self, community):
        return community.get_absolute_url()

    def summary(self, community):
        parts = [community.street.name, community.party_organisation]
        if community.households:
            parts.append(f"{community.households}户")
        return " · ".join(p for p in parts if p)

    def body(self, community):
        grids = [f"{g.name} {g.party_branch} {g.compounds}" for g in community.grids.all()]
        return [community.party_organisation, community.address, community.street.name, *grids]

    def category(self, community):
        return community.street.slug, community.street.name

    def community(self, community):
        return community.name

    def location(self, community):
        return (community.latitude, community.longitude) if community.latitude is not None else None
