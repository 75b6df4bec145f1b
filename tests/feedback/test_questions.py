"""A category's extra questions on the web form: shown for every category, checked for the chosen one only,
stored with the ticket, shown on the tracking page and in the admin; the same checks for Open311."""

import pytest

from services.feedback.models import CategoryQuestion, Open311Key, Ticket

from .factories import CategoryFactory
from .test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def elevator(dept_a):
    category = CategoryFactory(name="电梯故障", code="elevator", sort_order=1)
    CategoryQuestion.objects.create(
        category=category,
        code="trapped",
        question="是否有人被困？",
        datatype="singlevaluelist",
        required=True,
        choices="yes|有人被困\nno|无人被困",
        sort_order=1,
    )
    CategoryQuestion.objects.create(
        category=category, code="floor", question="停在几楼？", datatype="number", required=False, sort_order=2
    )
    return category


@pytest.fixture
def parking_question(category):
    return CategoryQuestion.objects.create(category=category, code="plate", question="车牌号（如知道）")


def test_every_categorys_questions_are_in_the_page_without_javascript(
    client, home_page, category, elevator, parking_question, community
):
    html = client.get("/feedback/").content.decode()
    assert f'data-category="{elevator.pk}"' in html and f'data-category="{category.pk}"' in html
    assert "关于“电梯故障”" in html and "是否有人被困？（必填）" in html and "车牌号（如知道）" in html
    assert "有人被困" in html and 'inputmode="decimal"' in html
    # Nothing is hidden by the server: the script hides the other categories' questions.
    fieldset = html.split(f'data-category="{elevator.pk}"')[0].rsplit("<fieldset", 1)[1]
    assert "hidden" not in fieldset


def test_answers_are_stored_and_shown_to_the_resident_and_staff(client, home_page, elevator, community, centre_user):
    data = form_data(
        elevator, community, **{f"answer_{elevator.pk}_trapped": "yes", f"answer_{elevator.pk}_floor": "１２"}
    )
    response = client.post("/feedback/", data)
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.attributes == {"trapped": "yes", "floor": "12"}
    tracking = client.get(response["Location"]).content.decode()
    answers = tracking.split("data-answers")[1].split("</dl>")[0]
    assert "是否有人被困？" in answers and "有人被困" in answers and "停在几楼？" in answers and "12" in answers
    client.force_login(centre_user)
    admin = client.get(f"/admin/feedback/tickets/{ticket.pk}/").content.decode()
    assert "是否有人被困？" in admin and "有人被困" in admin


def test_a_required_answer_is_asked_for_and_the_rest_is_kept(client, home_page, elevator, community):
    data = form_data(elevator, community, **{f"answer_{elevator.pk}_floor": "7"})
    response = client.post("/feedback/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "请回答：是否有人被困？" in html
    assert "楼下消防通道每天晚上都停满私家车。" in html and 'value="7"' in html
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("floor", "三楼", "“停在几楼？”请填写数字"),
        ("trapped", "maybe", "请从列出的选项中选择“是否有人被困？”的回答"),
    ],
)
def test_bad_answers_are_refused_and_kept(client, home_page, elevator, community, field, value, message):
    answers = {f"answer_{elevator.pk}_trapped": "no", f"answer_{elevator.pk}_{field}": value}
    response = client.post("/feedback/", form_data(elevator, community, **answers))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    if field == "floor":
        assert 'value="三楼"' in html
    assert Ticket.objects.count() == 0


def test_only_the_chosen_categorys_questions_count(client, home_page, category, elevator, community):
    # The elevator's required question is unanswered and a stray bad number sits in its fieldset:
    # a parking report is not held up by it, and nothing of it is stored.
    data = form_data(category, community, **{f"answer_{elevator.pk}_floor": "abc"})
    assert client.post("/feedback/", data).status_code == 302
    assert Ticket.objects.get().attributes == {}


def test_a_changed_category_is_checked_with_its_own_questions(client, home_page, category, elevator, community):
    """Answers typed for another category stay in the page when the report fails for another reason."""
    data = form_data(category, community, phone="1", **{f"answer_{elevator.pk}_floor": "5"})
    html = client.post("/feedback/", data).content.decode()
    assert 'value="5"' in html


def test_open311_checks_numbers_the_same_way(client, elevator):
    _key, raw = Open311Key.issue("12345热线")
    base = {"api_key": raw, "service_code": "elevator", "lat": "30.27", "long": "120.15", "description": "电梯停运"}
    bad = client.post("/open311/v2/requests.json", {**base, "attribute[trapped]": "no", "attribute[floor]": "三"})
    assert bad.status_code == 400 and "attribute[floor]" in bad.json()[0]["description"]
    ok = client.post("/open311/v2/requests.json", {**base, "attribute[trapped]": "no", "attribute[floor]": "3"})
    assert ok.status_code == 201
    assert Ticket.objects.get().attributes == {"trapped": "no", "floor": "3"}
