"""Factories for catalog tests: areas, taxonomy, guides with materials and steps, the three lists."""

import datetime

import factory
import wagtail_factories

from services.catalog.models import (
    CatalogIndexPage,
    GuideMaterial,
    GuideStep,
    ItemType,
    Need,
    Project,
    Resource,
    ServiceCategory,
    ServiceGuidePage,
    StepByStepPage,
)
from tests.places.factories import CommunityFactory, StreetFactory  # noqa: F401 - shared by catalog tests


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"分类{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    icon = "办"


class ItemTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemType
        django_get_or_create = ("kind",)

    kind = "duty"
    name = "依法履职事项"
    short_name = "依法履职事项"


class CatalogIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CatalogIndexPage

    title = "办事服务"
    slug = "services"


class ServiceGuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ServiceGuidePage

    title = factory.Sequence(lambda n: f"测试事项{n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "为居民办理的测试事项。"
    category = factory.SubFactory(ServiceCategoryFactory)
    item_type = factory.SubFactory(ItemTypeFactory)
    last_reviewed = factory.LazyFunction(datetime.date.today)


class GuideMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideMaterial

    name = factory.Sequence(lambda n: f"材料{n}")


class GuideStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideStep

    title = factory.Sequence(lambda n: f"步骤{n}")


class StepByStepPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StepByStepPage

    title = "测试一件事"
    slug = factory.Sequence(lambda n: f"journey-{n}")
    introduction = "把几件事串起来办。"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    title = factory.Sequence(lambda n: f"需求{n}")
    description = "需要志愿者上门帮助。"
    community = factory.SubFactory(CommunityFactory)
    moderation = "approved"
    contact_name = "王阿姨"
    contact_phone = "13912345678"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"资源{n}")
    description = "提供场地。"
    provider = "区人民医院"
    kind = "venue"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"项目{n}")
    summary = "需求与资源对接。"
    community = factory.SubFactory(CommunityFactory)
