"""Text helpers for the catalog's multi-line fields."""


def lines(text):
    """The non-empty, stripped lines of a multi-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
