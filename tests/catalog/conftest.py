"""Fixtures for catalog tests: a catalog under the home page with three item types and two categories."""

import pytest

from .factories import CatalogIndexPageFactory, ItemTypeFactory, ServiceCategoryFactory


@pytest.fixture
def item_types(db):
    return {
        "duty": ItemTypeFactory(kind="duty", name="依法履职事项", short_name="依法履职事项", sort_order=0),
        "assisted": ItemTypeFactory(kind="assisted", name="协助办理事项", short_name="协助办理事项", sort_order=1),
        "refused": ItemTypeFactory(kind="refused", name="不得出具的证明", short_name="不出具证明", sort_order=2),
    }


@pytest.fixture
def categories(db):
    return {
        "hukou": ServiceCategoryFactory(name="户籍证明", slug="hukou", icon="户", sort_order=0),
        "elderly": ServiceCategoryFactory(name="养老服务", slug="elderly", icon="老", sort_order=1),
    }


@pytest.fixture
def catalog(home_page, item_types, categories):
    page = CatalogIndexPageFactory(parent=home_page, title="办事服务", slug="services")
    page.save_revision().publish()
    return page
