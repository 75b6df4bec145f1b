"""The page cache in nginx: kept until a publish, purged on it, never for anything personal."""

import time

import pytest

from home.models import SiteContactSettings
from portal.ground import page_cache
from services.places.models.map_settings import MapSettings
from tests.home.factories import StandardPageFactory
from tests.support.http import Resident


@pytest.fixture
def about(home_page):
    # The site settings a page reads are created (a content change: purge everything) when first read. Create
    # them here, so that the live server's first page does not send a purge into the middle of a test.
    SiteContactSettings.for_site(home_page.get_site())
    MapSettings.for_site(home_page.get_site())
    page = StandardPageFactory(parent=home_page, title="关于本站", introduction="本站由云溪区委组织部主办。")
    page.save_revision().publish()
    page_cache.flush()  # the publish's purge has run: it cannot land in the middle of a test
    return page


def cache_status(response):
    return response.headers.get("X-Cache-Status")


def first_fresh(resident, path, text, **headers):
    """The purge runs in the background within a second of the publish: poll for at most one second."""
    deadline = time.monotonic() + 1.0
    while True:
        response = resident.get(path, **headers)
        if text in response.text or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def test_a_page_is_served_from_the_cache_until_a_publish_and_fresh_right_after(behind_nginx, about):
    resident = Resident(behind_nginx)
    first = resident.get("/about/")
    assert first.status == 200 and "云溪区委组织部主办" in first.text
    again = resident.get("/about/")
    assert cache_status(again) == "HIT" and "云溪区委组织部主办" in again.text
    assert cache_status(resident.get("/")) in {"MISS", "EXPIRED"}
    assert cache_status(resident.get("/")) == "HIT"

    about.introduction = "本站由云溪区政务服务中心维护。"
    about.save_revision().publish()

    after = first_fresh(resident, "/about/", "云溪区政务服务中心维护")
    assert "云溪区政务服务中心维护" in after.text and cache_status(after) != "HIT"
    assert cache_status(resident.get("/")) != "HIT", "the home page (it lists the sections) is purged too"
    time.sleep(0.5)  # the publish's last purge has run: the new version is cached again
    resident.get("/about/")
    fresh = resident.get("/about/")
    assert cache_status(fresh) == "HIT" and "云溪区政务服务中心维护" in fresh.text


def test_the_elderly_mode_has_its_own_cache_entry(behind_nginx, about):
    resident = Resident(behind_nginx)
    resident.get("/about/")
    plain = resident.get("/about/")
    elder = resident.get("/about/", Cookie="elder_mode=1")
    assert cache_status(plain) == "HIT" and cache_status(elder) != "HIT"
    assert plain.text != elder.text
    assert cache_status(resident.get("/about/", Cookie="elder_mode=1")) == "HIT"
    about.introduction = "长辈模式也要看到新内容。"
    about.save_revision().publish()
    assert (
        "长辈模式也要看到新内容"
        in first_fresh(resident, "/about/", "长辈模式也要看到新内容", Cookie="elder_mode=1").text
    )


def test_responses_marked_for_the_cache_carry_no_cookie_and_browsers_revalidate(behind_nginx, about):
    response = Resident(behind_nginx).get("/about/")
    assert "Set-Cookie" not in response.headers
    assert "no-cache" in response.headers["Cache-Control"]
    assert "X-Accel-Expires" not in response.headers


@pytest.mark.parametrize("path", ["/feedback/", "/feedback/track/", "/wishes/new/"])
def test_forms_with_a_csrf_token_are_never_cached(behind_nginx, home_page, path):
    resident = Resident(behind_nginx)
    for _ in range(2):
        response = resident.get(path)
        assert response.status in {200, 302}
        assert cache_status(response) != "HIT"
        assert "no-store" in response.headers["Cache-Control"]


def test_a_session_a_query_string_or_a_message_bypass_the_cache(behind_nginx, about):
    resident = Resident(behind_nginx)
    resident.get("/about/")
    assert cache_status(resident.get("/about/")) == "HIT"
    assert cache_status(resident.get("/about/", Cookie="sessionid=abc")) == "BYPASS"
    assert cache_status(resident.get("/about/", Cookie="messages=abc")) == "BYPASS"
    assert cache_status(resident.get("/about/?utm=1")) == "BYPASS"


def test_a_signed_in_editor_never_gets_or_leaves_a_cached_page(behind_nginx, about, admin_client, admin_user):
    """The editor's page shows the Wagtail user bar; it must not reach the cache for residents."""
    editor = Resident(behind_nginx)
    admin_client.get("/")  # creates the session
    editor.cookies["sessionid"] = admin_client.cookies["sessionid"].value
    seen = editor.get("/about/")
    assert cache_status(seen) == "BYPASS" and "private" in seen.headers["Cache-Control"]
    resident = Resident(behind_nginx)
    assert "wagtail-userbar" not in resident.get("/about/").text


def test_a_burst_of_changes_is_purged_once(behind_nginx, about, monkeypatch):
    """An import saving hundreds of pages must not send hundreds of purges of everything."""
    from portal.ground import page_cache
    from portal.ground.signals import content_changed

    batches = []
    monkeypatch.setattr(page_cache, "urls_to_purge", lambda pages, purge_all: batches.append(purge_all) or _Nothing())
    for _ in range(200):
        content_changed.send(sender=None, instance=None, pages=[about], purge_all=True)
    time.sleep(page_cache.FLUSH_DELAY * 5)
    assert batches == [True]


class _Nothing:
    def purge(self):
        pass


def test_purge_all_clears_every_public_page(behind_nginx, about):
    from portal.ground import page_cache
    from portal.ground.signals import content_changed

    resident = Resident(behind_nginx)
    for _ in range(2):
        resident.get("/about/")
        resident.get("/")
    content_changed.send(sender=None, instance=None, pages=[], purge_all=True)
    page_cache.flush()
    assert cache_status(resident.get("/about/")) != "HIT"
    assert cache_status(resident.get("/")) != "HIT"
