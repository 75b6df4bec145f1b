"""The FeatureCollection behind GET /api/v1/boundaries.geojson: areas, their labels, and the main roads."""

from django.core.exceptions import ValidationError

from services.places.boundaries import clean_area, clean_line, label_point
from services.places.models import Community, Grid, GridWorker, Road


def _area_feature(kind, obj, geometry, properties):
    """The feature of an area, normalised (an outline saved without the admin's checks is closed here)."""
    try:
        geometry = clean_area(geometry)
    except ValidationError:
        return None
    return {
        "type": "Feature",
        "id": f"{kind}-{obj.pk}",
        "geometry": geometry,
        "properties": {"kind": kind, "name": obj.name, "label_point": label_point(geometry), **properties},
    }


def boundaries_collection():
    """Communities, then grids (drawn on top), then roads; each feature says its ``kind``."""
    features = []
    communities = Community.objects.exclude(boundary=None).select_related("street")
    for community in communities:
        features.append(
            _area_feature(
                "community",
                community,
                community.boundary,
                {"slug": community.slug, "street": community.street.name, "url": community.get_absolute_url()},
            )
        )
    grids = list(Grid.objects.exclude(boundary=None).select_related("community"))
    workers = {}
    for worker in GridWorker.objects.filter(grid__in=grids, role=GridWorker.Role.GRID_WORKER).order_by("sort_order"):
        workers.setdefault(worker.grid_id, worker.name)
    for grid in grids:
        features.append(
            _area_feature(
                "grid",
                grid,
                grid.boundary,
                {
                    "code": grid.code,
                    "community": grid.community.name,
                    "url": grid.get_section_url(),
                    "grid_worker": workers.get(grid.pk, ""),
                    "grid_worker_url": grid.get_absolute_url(),
                },
            )
        )
    for road in Road.objects.all():
        try:
            path = clean_line(road.path)
        except ValidationError:
            continue
        features.append(
            {
                "type": "Feature",
                "id": f"road-{road.pk}",
                "geometry": path,
                "properties": {"kind": "road", "name": road.name, "road_kind": road.kind},
            }
        )
    return {"type": "FeatureCollection", "features": [f for f in features if f is not None]}
