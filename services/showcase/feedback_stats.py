"""The tickets section of the dashboard, read from the feedback app's stats module once it exists."""

import importlib


def _stats_module():
    try:
        return importlib.import_module("services.feedback.stats")
    except ModuleNotFoundError as exc:
        if exc.name not in {"services.feedback.stats"}:
            raise
        return None


def ticket_figures():
    """A DashboardSection about tickets, or None while the feedback app has no stats module."""
    module = _stats_module()
    if module is None:
        return None
    return None
