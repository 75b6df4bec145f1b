"""Public views that are not pages: the grid-worker finder and community pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from portal.ground.caching import per_version
from portal.ground.qr import qr_response
from portal.ground.text import compact
from services.places.caching import local_minute
from services.places.ical import station_calendar_response
from services.places.models import (
    Community,
    Grid,
    GridRatingLevel,
    StationKind,
    StationPage,
    Street,
    chairs_by_month,
)
from services.places.models.committee import this_month
from services.places.models.organisation import roster_groups
from services.places.ratings import latest_ratings

MAX_QUERY_LENGTH = 40


def grids_matching(query):
    """Grids whose compounds, name or community match what a resident typed (Traditional folds)."""
    needle = compact(query)
    if not needle:
        return []
    grids = Grid.objects.select_related("community__street").order_by(
        "community__street__sort_order", "community__sort_order", "sort_order", "code"
    )
    matches = []
    for grid in grids:
        compounds = [c for c in grid.compound_list() if needle in compact(c)]
        if compounds or needle in compact(grid.name) or needle in compact(grid.community.name):
            matches.append({"grid": grid, "compounds": compounds})
    return matches


def service_centre(community):
    """The community's party-and-masses service centre page, if published."""
    return (
        StationPage.objects.live()
        .public()
        .filter(community=community, kind=StationKind.CENTRE)
        .order_by("title")
        .first()
    )


@require_GET
def grid_worker_finder(request):
    """找网格员: drill down street → community → grid, or type a residential compound's name."""
    context = {"query": request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]}
    grid_id = request.GET.get("grid", "")
    if grid_id:
        grid = Grid.objects.select_related("community__street").filter(pk=grid_id if grid_id.isdigit() else 0).first()
        if grid is None:
            context["error"] = True
        else:
            workers = list(grid.workers.select_related("photo").order_by("sort_order"))
            context.update(
                grid=grid,
                community=grid.community,
                street=grid.community.street,
                workers=workers,
                roster=roster_groups(workers),
                ratings=list(grid.ratings.select_related("level").order_by("-year", "-quarter")),
                rating_levels=list(GridRatingLevel.objects.all()),
                centre=service_centre(grid.community),
            )
    elif context["query"]:
        context["matches"] = grids_matching(context["query"])
    elif request.GET.get("community"):
        slug = request.GET["community"][:MAX_QUERY_LENGTH]
        community = Community.objects.select_related("street").filter(slug=slug).first()
        if community is None:
            # A stale or mangled link: show the page with nothing found and a way to choose again.
            context.update(not_found="community", streets=Street.objects.all())
        else:
            context.update(community=community, street=community.street, grids=community.grids.all())
    elif request.GET.get("street"):
        street = Street.objects.filter(slug=request.GET["street"][:MAX_QUERY_LENGTH]).first()
        if street is None:
            context.update(not_found="street", streets=Street.objects.all())
        else:
            context.update(street=street, communities=street.communities.all())
    else:
        context["streets"] = Street.objects.all()
    status = 404 if context.get("error") else 200
    return render(request, "places/grid_worker_finder.html", context, status=status)


def _public_station(page_id):
    return get_object_or_404(StationPage.objects.live().public(), pk=page_id)


@require_GET
def station_ical(request, page_id):
    """A station's activities as an iCalendar feed residents can subscribe to."""
    return station_calendar_response(_public_station(page_id), request)


@require_GET
def station_qr(request, page_id):
    """A QR code (SVG) of the station page's address, for posters at the door."""
    station = _public_station(page_id)
    return qr_response(request.build_absolute_uri(station.url), scale=4, border=2)


@require_GET
def community_detail(request, slug):
    """A community: figures, stations, grids and grid workers, and its four-level party structure.

    The community is read once per content version; the rest is lazy and rendered in fragments cached
    per content version (and per minute for the stations' opening statuses).
    """
    community = per_version(
        request,
        f"places:community:{slug}",
        lambda: Community.objects.select_related("street").filter(slug=slug).first() or False,
    )
    if not community:
        raise Http404
    return render(request, "places/community_detail.html", community_context(request, community))


def community_context(request, community):
    def grids():
        found = list(community.grids.prefetch_related("workers__photo", "party_groups__households"))
        ratings = latest_ratings(found)
        for grid in found:
            grid.roster = roster_groups(grid.workers.all())
            grid.latest_rating = ratings.get(grid.pk)
        return found

    def committee():
        chairs, current = chairs_by_month(community)
        members = list(community.committee_members.select_related("photo"))
        return {"members": members, "chairs": chairs, "current_chair": current}

    def counts():
        found = context["grids"]
        return {
            "grids": len(found),
            "branches": sum(1 for g in found if g.party_branch),
            "groups": sum(len(g.party_groups.all()) for g in found),
            "households": sum(len(pg.households.all()) for g in found for pg in g.party_groups.all()),
        }

    context = {
        "community": community,
        "grids": SimpleLazyObject(grids),
        "stations": SimpleLazyObject(
            lambda: list(StationPage.objects.live().public().filter(community=community).order_by("kind", "title"))
        ),
        "centre": SimpleLazyObject(lambda: service_centre(community)),
        "counts": SimpleLazyObject(counts),
        "committee": SimpleLazyObject(committee),
        "rating_levels": SimpleLazyObject(lambda: list(GridRatingLevel.objects.all())),
        "local_minute": local_minute(),
        # The current month's rotating chair changes with the month: part of the fragment's cache key.
        "this_month": "{}-{:02d}".format(*this_month()),
    }
    return context
