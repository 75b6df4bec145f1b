"""Every page type of the site, in one list that the site-wide browser checks share (CSP, ...).

A new page type joins by adding one ``PageType`` here. ``path`` is a callable run against the demo
content (so it can look up a real guide or station); admin pages are visited signed in as a superuser.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str
    path: Callable[[], str]
    admin: bool = False


def _first_live(model):
    page = model.objects.live().public().order_by("path").first()
    assert page is not None, f"the demo has no live {model.__name__}"
    return page.url


def _fixed(path):
    return lambda: path


def _guide():
    from services.catalog.models import ServiceGuidePage

    return _first_live(ServiceGuidePage)


def _station():
    from services.places.models import StationPage

    return _first_live(StationPage)


def _news_article():
    from home.models import NewsPage

    return _first_live(NewsPage)


def _case():
    from services.showcase.models import CaseStudyPage

    return _first_live(CaseStudyPage)


def _brand():
    from services.showcase.models import BrandProjectPage

    return _first_live(BrandProjectPage)


def _model_community():
    from services.showcase.models import ModelCommunityPage

    return _first_live(ModelCommunityPage)


def _grid():
    from services.places.models import Grid

    return f"/grid-worker/?grid={Grid.objects.order_by('community__sort_order', 'sort_order').first().pk}"


def _edit_guide():
    from services.catalog.models import ServiceGuidePage

    return f"/admin/pages/{ServiceGuidePage.objects.order_by('path').first().pk}/edit/"


def _book_room():
    from services.bookings.models import Room

    room = Room.objects.filter(active=True, station__live=True).order_by("pk").first()
    assert room is not None, "the demo has no room to book"
    return f"/stations/{room.station_id}/book/"


def _activity_sign_up():
    from services.bookings.views import open_activities

    activity = open_activities().first()
    assert activity is not None, "the demo has no activity open for sign-up"
    return activity.get_absolute_url()


PAGE_TYPES = [
    PageType("home", _fixed("/")),
    PageType("services", _fixed("/services/")),
    PageType("guide", _guide),
    PageType("stations", _fixed("/stations/")),
    PageType("station", _station),
    PageType("report form", _fixed("/feedback/")),
    PageType("track", _fixed("/feedback/track/")),
    PageType("public tickets", _fixed("/feedback/public/")),
    PageType("wishes", _fixed("/wishes/")),
    PageType("news list", _fixed("/news/")),
    PageType("news article", _news_article),
    PageType("cases", _fixed("/cases/")),
    PageType("case", _case),
    PageType("brands", _fixed("/brands/")),
    PageType("brand", _brand),
    PageType("communities", _fixed("/communities/")),
    PageType("model community", _model_community),
    PageType("search", _fixed("/search/?q=党群服务")),
    PageType("figures", _fixed("/figures/")),
    PageType("department league table", _fixed("/figures/departments/")),
    PageType("community league table", _fixed("/figures/communities/?period=2026-Q1")),
    PageType("grid worker finder", _fixed("/grid-worker/")),
    PageType("grid with its roster and ratings", _grid),
    PageType("community with grid rosters and its joint committee", _fixed("/community/liuyin/")),
    PageType("sign in", _fixed("/me/")),
    PageType("points", _fixed("/points/")),
    PageType("book a room", _book_room),
    PageType("activities open for sign-up", _fixed("/activities/")),
    PageType("activity sign-up", _activity_sign_up),
    PageType("party members' check-in", _fixed("/party/report-in/")),
    PageType("my bookings and sign-ups", _fixed("/me/bookings/")),
    PageType("not found", _fixed("/no-such-page/")),
    PageType("admin login", _fixed("/admin/login/")),
    PageType("admin dashboard", _fixed("/admin/"), admin=True),
    PageType("home with the editor's userbar", _fixed("/"), admin=True),
    PageType("admin page edit", _edit_guide, admin=True),
    PageType("admin tickets", _fixed("/admin/feedback/tickets/"), admin=True),
    PageType("admin sign-in protection", _fixed("/admin/security/sign-in/"), admin=True),
    PageType("admin points exchange", _fixed("/admin/points/redemptions/"), admin=True),
    PageType("admin award points", _fixed("/admin/points/award/"), admin=True),
    PageType("admin account", _fixed("/admin/account/"), admin=True),
    PageType("admin sites", _fixed("/admin/sites/"), admin=True),
    PageType("admin points ledger", _fixed("/admin/points/ledger/"), admin=True),
    PageType("admin points balances", _fixed("/admin/points/balances/"), admin=True),
    PageType("admin party members' check-in", _fixed("/admin/party/"), admin=True),
    PageType("admin room bookings", _fixed("/admin/bookings/"), admin=True),
    PageType("admin sign-ups and check-in", _fixed("/admin/bookings/activities/"), admin=True),
]
