"""Distances, bounding boxes and the GCJ-02 datum against independent references."""

import math
import random

import pytest

from portal.ground import geo


def independent_haversine(lat1, lon1, lat2, lon2, radius=6371008.8):
    """Written separately from the app (atan2 form) to check its distances."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return radius * 2 * math.atan2(math.sqrt(h), math.sqrt(1 - h))


def test_known_distance_one_degree_of_latitude():
    assert geo.haversine_m(30.0, 120.0, 31.0, 120.0) == pytest.approx(111_195, rel=1e-4)


def test_haversine_matches_an_independent_implementation():
    rnd = random.Random(7)
    for _i in range(500):
        a = (30.27 + rnd.uniform(-0.2, 0.2), 120.15 + rnd.uniform(-0.2, 0.2))
        b = (30.27 + rnd.uniform(-0.2, 0.2), 120.15 + rnd.uniform(-0.2, 0.2))
        assert geo.haversine_m(*a, *b) == pytest.approx(independent_haversine(*a, *b), abs=1e-6)


def test_bounding_box_contains_every_point_within_the_radius():
    rnd = random.Random(3)
    centre = (30.27, 120.15)
    box = geo.bounding_box(*centre, 3000)
    for _i in range(2000):
        point = (30.27 + rnd.uniform(-0.05, 0.05), 120.15 + rnd.uniform(-0.05, 0.05))
        if geo.haversine_m(*centre, *point) <= 3000:
            assert box[0] <= point[0] <= box[1] and box[2] <= point[1] <= box[3]


def test_wgs84_to_gcj02_matches_the_published_reference_point():
    # Reference output of the widely used coordtransform library for (116.404, 39.915).
    lat, lng = geo.wgs84_to_gcj02(39.915, 116.404)
    assert lat == pytest.approx(39.91640428150164, abs=1e-9)
    assert lng == pytest.approx(116.41024449916938, abs=1e-9)


def test_gcj02_to_wgs84_recovers_the_original_point_to_centimetres():
    lat, lng = geo.gcj02_to_wgs84(39.91640428150164, 116.41024449916938)
    assert geo.haversine_m(lat, lng, 39.915, 116.404) < 0.05


def test_gcj02_to_wgs84_agrees_with_the_one_step_reference_within_metres():
    # coordtransform's one-step inverse of (116.404, 39.915): accurate to a few metres only.
    lat, lng = geo.gcj02_to_wgs84(39.915, 116.404)
    assert geo.haversine_m(lat, lng, 39.91359571849836, 116.39775550083061) < 5


def test_round_trip_in_the_district_is_accurate_and_the_shift_is_hundreds_of_metres():
    rnd = random.Random(11)
    for _i in range(200):
        wgs = (30.27 + rnd.uniform(-0.1, 0.1), 120.15 + rnd.uniform(-0.1, 0.1))
        gcj = geo.wgs84_to_gcj02(*wgs)
        assert 200 < geo.haversine_m(*wgs, *gcj) < 800
        back = geo.gcj02_to_wgs84(*gcj)
        assert geo.haversine_m(*wgs, *back) < 0.01


def test_outside_china_the_datums_coincide():
    assert geo.wgs84_to_gcj02(51.5, -0.12) == (51.5, -0.12)
    assert geo.gcj02_to_wgs84(51.5, -0.12) == (51.5, -0.12)


@pytest.mark.parametrize(
    ("text", "reason"), [("30.1", "format"), ("a,b", None), ("91,120", "range"), ("nan,1", "range")]
)
def test_parse_lat_lng_refuses_bad_input(text, reason):
    with pytest.raises(ValueError) as error:
        geo.parse_lat_lng(text)
    if reason:
        assert str(error.value) == reason


def test_parse_lat_lng_accepts_a_full_width_comma():
    assert geo.parse_lat_lng(" 30.27，120.15 ") == (30.27, 120.15)
