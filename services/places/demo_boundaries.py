"""Demo outlines of 云溪区: each community is the part of the district nearer its centre than any other
community's (a Voronoi cell), and its four grids are the cell's quarters around the centre."""

DISTRICT_MARGIN = 0.008  # degrees around the outermost community centres

# The district's main roads, (name, kind, [(lat, lng), ...]); fictional, drawn for the demo.
ROADS = [
    ("柳荫路", "main", [(30.2885, 120.114), (30.2880, 120.135), (30.2895, 120.160)]),
    ("望湖路", "main", [(30.2705, 120.114), (30.2685, 120.150), (30.2670, 120.190)]),
    ("桂园路", "main", [(30.2505, 120.118), (30.2495, 120.145), (30.2500, 120.170)]),
    ("云溪大道", "main", [(30.2380, 120.1515), (30.2650, 120.1520), (30.3000, 120.1530)]),
    ("湖滨路", "main", [(30.2400, 120.1725), (30.2620, 120.1735), (30.2830, 120.1785)]),
    ("荷塘路", "street", [(30.2700, 120.1250), (30.2860, 120.1230)]),
    ("听涛路", "street", [(30.2720, 120.1810), (30.2830, 120.1870)]),
    ("站前路", "street", [(30.2625, 120.1600), (30.2575, 120.1690)]),
]


def _clip(polygon, a, b, c):
    """The part of a polygon [(x, y), ...] where a·x + b·y <= c (Sutherland–Hodgman, one half-plane)."""
    result = []
    for i, current in enumerate(polygon):
        previous = polygon[i - 1]
        inside_now = a * current[0] + b * current[1] <= c
        inside_before = a * previous[0] + b * previous[1] <= c
        if inside_now != inside_before:
            t = (c - a * previous[0] - b * previous[1]) / (
                a * (current[0] - previous[0]) + b * (current[1] - previous[1])
            )
            result.append((previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])))
        if inside_now:
            result.append(current)
    return result


def _geometry(polygon):
    ring = [[round(x, 6), round(y, 6)] for x, y in polygon]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def community_cells(centres):
    """{key: polygon [(lng, lat), ...]} for centres {key: (lat, lng)}, clipped to the district's box."""
    lngs = [lng for _lat, lng in centres.values()]
    lats = [lat for lat, _lng in centres.values()]
    box = [
        (min(lngs) - DISTRICT_MARGIN, min(lats) - DISTRICT_MARGIN),
        (max(lngs) + DISTRICT_MARGIN, min(lats) - DISTRICT_MARGIN),
        (max(lngs) + DISTRICT_MARGIN, max(lats) + DISTRICT_MARGIN),
        (min(lngs) - DISTRICT_MARGIN, max(lats) + DISTRICT_MARGIN),
    ]
    cells = {}
    for key, (lat, lng) in centres.items():
        cell = box
        for other, (olat, olng) in centres.items():
            if other == key:
                continue
            # Points nearer (lng, lat) than (olng, olat): the half-plane bounded by their bisector.
            a, b = olng - lng, olat - lat
            c = (olng**2 + olat**2 - lng**2 - lat**2) / 2
            cell = _clip(cell, a, b, c)
        cells[key] = cell
    return cells


def community_boundary(cell):
    return _geometry(cell)


def grid_boundaries(cell, centre):
    """The four quarters of a community's cell around its centre: north-west, north-east, south-west, south-east."""
    lat, lng = centre
    quarters = []
    for north in (True, False):
        for east in (False, True):
            part = _clip(cell, 0, -1 if north else 1, -lat if north else lat)
            part = _clip(part, -1 if east else 1, 0, -lng if east else lng)
            quarters.append(_geometry(part))
    return quarters


def road_geometry(points):
    return {"type": "LineString", "coordinates": [[lng, lat] for lat, lng in points]}
