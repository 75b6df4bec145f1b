"""Fixtures of the feedback tests: a centre user, department users, a category with a department."""

import pytest
from django.contrib.auth.models import Group, Permission

from .factories import CategoryFactory, CommunityFactory, DepartmentFactory, GridFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def community(db):
    return CommunityFactory(name="柳荫社区", slug="liuyin")


@pytest.fixture
def grid(community):
    return GridFactory(community=community, name="第一网格", code="LY-01")


@pytest.fixture
def dept_a(db):
    return DepartmentFactory(name="城管执法中队", code="cgzf", email="cg@example.cn")


@pytest.fixture
def dept_b(db):
    return DepartmentFactory(name="住建局物业科", code="wyk", email="wy@example.cn")


@pytest.fixture
def category(dept_a):
    return CategoryFactory(name="乱停车", code="parking", deadline_days=5, default_department=dept_a)


@pytest.fixture
def centre_user(db, django_user_model):
    group, _ = Group.objects.get_or_create(name="受理中心")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_tickets"),
    )
    user = django_user_model.objects.create_user("centre", password="pw-centre-123", first_name="受理员")
    user.groups.add(group)
    return user


@pytest.fixture
def user_a(dept_a, django_user_model):
    user = django_user_model.objects.create_user("staff_a", password="pw-a-123")
    user.groups.add(dept_a.group)
    return user


@pytest.fixture
def user_b(dept_b, django_user_model):
    user = django_user_model.objects.create_user("staff_b", password="pw-b-123")
    user.groups.add(dept_b.group)
    return user
