"""The demo check-ins: members with posts from the three lists and confirmed hours that agree with the ledger."""

from decimal import Decimal

import pytest

from services.catalog.models import Moderation, Need, Project
from services.participation import demo as participation_demo
from services.participation import points
from services.participation.models import EarningRule, PointEntry, Resident
from services.party import demo, service
from services.party.models import PostClaim, Registration, ServiceRecord, Status

pytestmark = pytest.mark.django_db


def test_demo_members_hours_and_points_agree(home_page, community, other_community):
    Need.objects.create(title="独居老人定期探访", description="每周一次。", community=community,
                        moderation=Moderation.APPROVED)  # fmt: skip
    Project.objects.create(title="四点半课堂", summary="放学后辅导作业。", community=other_community)
    participation_demo.load(home_page)  # the earning rules (ORDER 40 comes first)
    assert demo.ORDER > participation_demo.ORDER
    demo.load(home_page)
    demo.load(home_page)  # idempotent
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 4
    assert Registration.objects.filter(status=Status.PENDING).count() == 1
    assert PostClaim.objects.count() == 4 and ServiceRecord.objects.filter(status=Status.PENDING).count() == 1
    rule = EarningRule.objects.get(name="志愿服务每满1小时")
    zhou = Resident.objects.get(phone="13900002002")
    # 4 hours and 2.5 hours at 10 points per full hour.
    assert points.balance(zhou) == 4 * rule.points + 2 * rule.points
    assert PointEntry.objects.filter(rule=rule, resident__party_registration__isnull=False).count() == 7
    counts = service.community_counts()
    assert sum(members for _name, members, _hours in counts) == 4
    assert sum(hours for _name, _members, hours in counts) == Decimal("18.5")
