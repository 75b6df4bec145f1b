"""Factories for showcase tests: places areas and the showcase pages."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from services.showcase.models import (
    BrandProjectIndexPage,
    BrandProjectPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    ModelCommunityIndexPage,
    ModelCommunityPage,
)
from tests.places import factories as places_factories
from tests.places.factories import StreetFactory  # noqa: F401 - shared by showcase tests


class CommunityFactory(places_factories.CommunityFactory):
    """A community with the figures the showcase pages read."""

    households = 2400
    population = 6800
    party_members = 310


class GridFactory(places_factories.GridFactory):
    community = factory.SubFactory(CommunityFactory)
    households = 300


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "典型案例"
    slug = "cases"


class BrandProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BrandProjectIndexPage

    title = "党建品牌"
    slug = "brands"


class ModelCommunityIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModelCommunityIndexPage

    title = "示范社区"
    slug = "communities"


def figures(*rows, title=""):
    """A ChangeFiguresBlock value from (label, before, after, unit, year) rows."""
    return {
        "title": title,
        "figures": [
            {"label": label, "before": Decimal(str(b)), "after": Decimal(str(a)), "unit": unit, "year": year}
            for label, b, a, unit, year in rows
        ],
    }


def section(kind, *texts, figure_rows=(), heading=""):
    content = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]
    if figure_rows:
        content.append({"type": "figures", "value": figures(*figure_rows)})
    return {"type": "section", "value": {"kind": kind, "heading": heading, "content": content}}


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"测试案例{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    date = datetime.date(2024, 6, 18)
    source = "云溪区委组织部"
    summary = "三年时间“三无”小区大幅减少。"
    body = factory.LazyFunction(
        lambda: [
            section("background", "老旧小区没有物业。"),
            section("results", "成效明显。", figure_rows=[("“三无”小区", 526, 66, "个", 2024)]),
        ]
    )


class BrandProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BrandProjectPage

    title = factory.Sequence(lambda n: f"测试品牌{n}")
    slug = factory.Sequence(lambda n: f"brand-{n}")
    owner_organisation = "中共柳荫街道工作委员会"
    slogan = "服务温暖到家"
    launch_year = 2022


class ModelCommunityPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModelCommunityPage

    title = factory.Sequence(lambda n: f"示范社区{n}")
    slug = factory.Sequence(lambda n: f"model-{n}")
    designated_year = 2023
