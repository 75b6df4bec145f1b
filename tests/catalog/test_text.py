"""Line lists of the catalog's multi-line fields."""

from services.catalog.text import lines


def test_lines_drops_blank_lines_and_spaces():
    assert lines(" a \n\n b\n") == ["a", "b"]
