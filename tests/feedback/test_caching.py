"""The report form's choices are cached per content version; nothing of a visitor's own ever is."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from services.feedback.models import CategoryQuestion

from .factories import CategoryFactory
from .test_views import form_data

pytestmark = pytest.mark.django_db


def csrf_token_in(html):
    return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def idempotency_key_in(html):
    return html.split('name="idempotency_key" value="')[1].split('"')[0]


def test_a_second_visit_reads_the_choices_from_the_cache(client, home_page, category, grid):
    with CaptureQueriesContext(connection) as first:
        client.get("/feedback/")
    with CaptureQueriesContext(connection) as second:
        response = client.get("/feedback/")
    assert len(second) <= 2 < len(first)
    html = response.content.decode()
    assert "乱停车" in html and "柳荫社区 · 第一网格" in html


def test_new_categories_questions_and_grids_show_on_the_next_request(
    client, home_page, category, grid, django_capture_on_commit_callbacks
):
    from tests.places.factories import GridFactory

    assert "电梯故障" not in client.get("/feedback/").content.decode()  # fills the caches
    with django_capture_on_commit_callbacks(execute=True):
        lift = CategoryFactory(name="电梯故障", code="lift")
    assert "电梯故障" in client.get("/feedback/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        CategoryQuestion.objects.create(category=lift, code="floor", question="电梯停在几楼？", datatype="number")
    assert "电梯停在几楼？" in client.get("/feedback/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        GridFactory(community=grid.community, name="第二网格", code="LY-02")
    assert "柳荫社区 · 第二网格" in client.get("/feedback/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        lift.active = False
        lift.save()
    html = client.get("/feedback/").content.decode()
    assert "电梯故障" not in html and "电梯停在几楼？" not in html


def test_a_new_grid_can_be_chosen_at_once(client, home_page, category, grid, django_capture_on_commit_callbacks):
    from tests.places.factories import GridFactory

    client.get("/feedback/")  # fills the caches
    with django_capture_on_commit_callbacks(execute=True):
        second = GridFactory(community=grid.community, name="第二网格", code="LY-02")
    response = client.post("/feedback/", form_data(category, grid.community, grid=second.pk))
    assert response.status_code == 302


def test_another_visitor_never_sees_someone_elses_token_or_typed_values(client, home_page, category, community):
    first_html = client.get("/feedback/").content.decode()  # fills the caches
    typed = form_data(category, community, description="我家楼下井盖松动了，很危险。", name="李秀英", phone="12")
    bad = client.post("/feedback/", typed)
    assert bad.status_code == 400
    bad_html = bad.content.decode()
    assert "井盖松动" in bad_html and "李秀英" in bad_html, "the visitor's own input is kept for them"

    other_visitor = Client()
    html = other_visitor.get("/feedback/").content.decode()
    assert "井盖松动" not in html and "李秀英" not in html and 'class="errorlist"' not in html
    assert csrf_token_in(html) != csrf_token_in(first_html)
    assert idempotency_key_in(html) != idempotency_key_in(first_html)
    assert "乱停车" in html


def test_a_station_prefilled_form_is_not_shared(client, home_page, category, community):
    from services.places.models import StationIndexPage
    from tests.places.factories import make_station

    index = StationIndexPage(title="服务站点", slug="stations")
    home_page.add_child(instance=index)
    station = make_station(index, title="柳荫骑手驿站", community=community)
    assert "柳荫骑手驿站" in client.get(f"/feedback/?station={station.pk}").content.decode()
    assert "柳荫骑手驿站" not in Client().get("/feedback/").content.decode()
    assert "柳荫骑手驿站" in Client().get(f"/feedback/?station={station.pk}").content.decode()
