"""What taking part puts into search: the items residents can exchange points for (type ``item``)."""

from search.registry import SearchDocument, register

from .models import ExchangeItem


@register
class ExchangeItemDocument(SearchDocument):
    """An exchange item: its name, description and station; found under 积分兑换 in search."""

    model = ExchangeItem
    doc_type = "item"

    def get_queryset(self):
        return ExchangeItem.objects.select_related("station__community")

    def is_public(self, item):
        return item.active and item.station.live

    def title(self, item):
        return item.name

    def url(self, item):
        return f"/points/#item-{item.pk}"

    def summary(self, item):
        return f"{item.points}积分 · {item.station.title}"

    def body(self, item):
        return [item.description, item.station.title, "积分兑换 积分超市 志愿积分"]

    def community(self, item):
        community = getattr(item.station, "community", None)
        return community.name if community else ""
