"""Fixtures of the showcase tests: the three index pages under the home page."""

import pytest

from .factories import BrandProjectIndexPageFactory, CaseStudyIndexPageFactory, ModelCommunityIndexPageFactory


@pytest.fixture
def case_index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def brand_index(home_page):
    return BrandProjectIndexPageFactory(parent=home_page)


@pytest.fixture
def community_index(home_page):
    return ModelCommunityIndexPageFactory(parent=home_page)


def publish(page):
    """Publish a page built by a factory (with its M2M and tags) and return it fresh."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)
