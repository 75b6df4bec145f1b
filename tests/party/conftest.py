import pytest


@pytest.fixture
def community(db):
    from tests.places.factories import CommunityFactory

    return CommunityFactory(name="柳荫社区", slug="liuyin", party_organisation="中共柳荫社区委员会")


@pytest.fixture
def other_community(db):
    from tests.places.factories import CommunityFactory

    return CommunityFactory(name="望湖社区", slug="wanghu")


@pytest.fixture
def resident(db):
    from services.participation.models import Resident

    return Resident.objects.create(phone="13912345678", display_name="王建华")


@pytest.fixture
def service_rule(db):
    from services.participation.models import EarningRule, RuleKind

    return EarningRule.objects.create(name="志愿服务每满1小时", kind=RuleKind.SERVICE, points=10)


def signed_in(client, resident):
    session = client.session
    session["resident_id"] = resident.pk
    session.save()
    return client


def declaration(home_community, **changes):
    data = {"name": "王建华", "work_unit": "区卫生健康局", "branch": "区卫生健康局机关第一党支部"}
    data.update(community=home_community.pk, confirm="on")
    data.update(changes)
    return data


@pytest.fixture
def member(resident, community):
    """A confirmed member of 柳荫社区."""
    from services.party import service

    registration = service.declare(
        resident, {"name": "王建华", "work_unit": "区卫生健康局", "branch": "机关第一党支部", "community": community}
    )
    service.confirm_registration(registration, None)
    registration.refresh_from_db()
    return registration
