"""Factories for places: streets, communities, grids, grid workers and station pages."""

import factory

from services.places.hours_text import parse_weekly_text
from services.places.models import Community, Grid, GridWorker, Street
from services.places.stations import upsert_station


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Street
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"测试{n}街道")
    slug = factory.Sequence(lambda n: f"street-{n}")
    sort_order = factory.Sequence(lambda n: n)


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community
        django_get_or_create = ("slug",)

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"测试{n}社区")
    slug = factory.Sequence(lambda n: f"community-{n}")
    latitude = 30.27
    longitude = 120.15
    party_organisation = factory.LazyAttribute(lambda o: f"中共{o.name}委员会")


class GridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grid

    community = factory.SubFactory(CommunityFactory)
    code = factory.Sequence(lambda n: f"G-{n:04d}")
    name = factory.Sequence(lambda n: f"第{n}网格")
    compounds = "柳荫花园1—6幢\n锦绣苑"
    party_branch = factory.LazyAttribute(lambda o: f"{o.name}党支部")


class GridWorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GridWorker

    grid = factory.SubFactory(GridFactory)
    name = "王丽萍"
    work_phone = "0571-86901234"


_codes = iter(range(1, 10**6))


def make_station(index, title="测试驿站", hours="24小时", code=None, **fields):
    """A published station under ``index`` with the given text hours (see services.places.hours)."""
    values = {
        "title": title,
        "kind": "rider",
        "address": "云溪区测试路1号",
        "latitude": 30.27,
        "longitude": 120.15,
        "facilities": ["water"],
        "holiday_policy": "regular",
    }
    values.update(fields)
    page, _created = upsert_station(code or f"T-{next(_codes):05d}", values, parse_weekly_text(hours), index=index)
    return page
