"""Wagtail API v2 representations of the catalog's related values, as plain JSON for mini-programs."""

from rest_framework import serializers

from services.catalog.text import lines


class CategorySerializer(serializers.Field):
    """A category as {name, slug, icon}."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"name": value.name, "slug": value.slug, "icon": value.icon}


class ItemTypeSerializer(serializers.Field):
    """An item type as {kind, name, short_name}."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"kind": value.kind, "name": value.name, "short_name": value.short_name}


class CommunityListSerializer(serializers.Field):
    """Communities as a list of {name, slug}; an empty list means every community."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [{"name": c.name, "slug": c.slug} for c in value.all()]


class LineListSerializer(serializers.Field):
    """A one-item-per-line text field as a list of strings."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return lines(value)


class PlainDataSerializer(serializers.Field):
    """A method's return value (already JSON-friendly), passed through."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value() if callable(value) else value


class StationListSerializer(serializers.Field):
    """Linked live stations as {id, title, address, phone, latitude, longitude, url}."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [
            {
                "id": s.pk,
                "title": s.title,
                "address": s.address,
                "phone": s.phone,
                "latitude": s.latitude,
                "longitude": s.longitude,
                "url": s.url,
            }
            for s in value.live().public().order_by("title")
        ]
