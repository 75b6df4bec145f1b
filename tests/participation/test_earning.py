"""Points earned by the rules without staff typing them: a fulfilled micro-wish, a report closed as handled."""

import pytest

from services.feedback.models import Rating, Status, WishClaim, WishStatus
from services.feedback.workflow import perform
from services.participation import points
from services.participation.models import EarningRule, PointEntry, Resident, RuleKind
from tests.feedback.factories import CommunityFactory, make_ticket, make_wish

from .conftest import last_code

pytestmark = pytest.mark.django_db
VOLUNTEER = "13911112222"


@pytest.fixture
def rules(db):
    return {
        "wish": EarningRule.objects.create(name="认领并完成一个微心愿", kind=RuleKind.WISH, points=20),
        "report": EarningRule.objects.create(name="反映的问题经核实有效", kind=RuleKind.REPORT, points=5),
    }


@pytest.fixture
def claimed_wish(db):
    wish = make_wish(CommunityFactory(name="柳荫社区", slug="liuyin"), title="一台轮椅", status=WishStatus.CLAIMED)
    WishClaim.objects.create(wish=wish, name="刘志强", phone=VOLUNTEER)
    return wish


def fulfil_in_admin(admin_client, wish):
    response = admin_client.post(
        f"/admin/snippets/feedback/wish/edit/{wish.pk}/",
        {
            "title": wish.title,
            "beneficiary": wish.beneficiary,
            "description": wish.description,
            "community": wish.community_id,
            "status": "fulfilled",
            "moderation_note": "",
            "fulfilment_note": "志愿者送来轮椅并帮忙调试。",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_volunteer_who_fulfilled_a_wish_earns_its_points_once(
    admin_client, rules, claimed_wish, django_capture_on_commit_callbacks
):
    volunteer = Resident.objects.create(phone=VOLUNTEER)
    with django_capture_on_commit_callbacks(execute=True):
        fulfil_in_admin(admin_client, claimed_wish)
    with django_capture_on_commit_callbacks(execute=True):
        fulfil_in_admin(admin_client, claimed_wish)  # saved again: no second award
    entry = PointEntry.objects.get()
    assert (entry.resident, entry.points, entry.rule) == (volunteer, 20, rules["wish"])
    assert entry.reason == "认领并完成一个微心愿：《一台轮椅》"
    assert points.balance(volunteer) == 20


def test_the_wishs_submitter_earns_nothing_for_it(
    admin_client, rules, claimed_wish, django_capture_on_commit_callbacks
):
    submitter = Resident.objects.create(phone=claimed_wish.submitter_phone)
    with django_capture_on_commit_callbacks(execute=True):
        fulfil_in_admin(admin_client, claimed_wish)
    assert points.balance(submitter) == 0


def test_a_volunteer_not_signed_in_yet_gets_the_points_when_the_number_is_verified(
    client, home_page, rules, claimed_wish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claimed_wish.status = WishStatus.FULFILLED
        claimed_wish.save()
    assert PointEntry.objects.count() == 0
    client.post("/me/", {"step": "phone", "phone": VOLUNTEER})
    client.post("/me/", {"step": "code", "phone": VOLUNTEER, "code": last_code()})
    html = client.get("/me/").content.decode()
    assert "认领并完成一个微心愿：《一台轮椅》" in html.split("data-ledger")[1]
    assert "一台轮椅 · 已实现" in html.split("data-wishes")[1], "the claimed wish is listed among 我的微心愿"
    assert points.balance(Resident.objects.get(phone=VOLUNTEER)) == 20
    client.post("/me/sign-out/")
    client.post("/me/", {"step": "phone", "phone": VOLUNTEER})  # signing in again adds nothing
    assert PointEntry.objects.count() == 1


def report_replied(phone):
    ticket = make_ticket(phone=phone)
    ticket.status = Status.REPLIED
    ticket.save()
    return ticket


def test_a_report_closed_as_handled_earns_its_reporter_points_once(
    rules, admin_user, django_capture_on_commit_callbacks
):
    reporter = Resident.objects.create(phone="13812345678")
    ticket = report_replied(reporter.phone)
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "close", admin_user)
    entry = PointEntry.objects.get()
    assert (entry.resident, entry.points, entry.created_by) == (reporter, 5, admin_user)
    assert entry.reason == f"反映的问题经核实有效：{ticket.number}"
    # Reopened and closed again: still one award for one report.
    ticket.refresh_from_db()
    ticket.status = Status.REPLIED
    ticket.save()
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "rate", as_resident=True, rating=Rating.SATISFIED)
    assert PointEntry.objects.count() == 1 and points.balance(reporter) == 5


def test_a_report_the_resident_rates_satisfied_earns_points(rules, django_capture_on_commit_callbacks):
    reporter = Resident.objects.create(phone="13812345678")
    ticket = report_replied(reporter.phone)
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "rate", as_resident=True, rating=Rating.BASIC)
    assert points.balance(reporter) == 5 and PointEntry.objects.get().created_by is None


def test_reports_hidden_as_spam_or_rated_unsatisfied_earn_nothing(
    rules, admin_user, django_capture_on_commit_callbacks
):
    reporter = Resident.objects.create(phone="13812345678")
    spam = make_ticket(phone=reporter.phone)
    unhappy = report_replied(reporter.phone)
    with django_capture_on_commit_callbacks(execute=True):
        perform(spam, "hide", admin_user, reason="重复诉求")
        perform(unhappy, "rate", as_resident=True, rating=Rating.UNSATISFIED, comment="路灯还是不亮")
    assert PointEntry.objects.count() == 0


def test_another_numbers_report_earns_this_resident_nothing(rules, admin_user, django_capture_on_commit_callbacks):
    resident = Resident.objects.create(phone="13812345678")
    ticket = report_replied("13700000000")
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "close", admin_user)
    assert PointEntry.objects.count() == 0 and points.balance(resident) == 0


def test_no_active_rule_no_points_and_the_catch_up_awards_them_later(
    rules, admin_user, django_capture_on_commit_callbacks
):
    from services.participation.earning import award_earned

    EarningRule.objects.filter(kind=RuleKind.REPORT).update(active=False)
    reporter = Resident.objects.create(phone="13812345678")
    ticket = report_replied(reporter.phone)
    with django_capture_on_commit_callbacks(execute=True):
        perform(ticket, "close", admin_user)
    assert PointEntry.objects.count() == 0
    EarningRule.objects.filter(kind=RuleKind.REPORT).update(active=True)
    assert [e.points for e in award_earned(reporter)] == [5]
    assert award_earned(reporter) == []
    assert points.balance(reporter) == 5


def test_an_award_for_the_same_source_is_made_once(db):
    resident = Resident.objects.create(phone="13812345678")
    first = points.award(resident, 10, "参加活动", source="activity:7")
    again = points.award(resident, 10, "参加活动", source="activity:7")
    assert again.pk == first.pk and points.balance(resident) == 10
