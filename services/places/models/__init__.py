"""Places: streets, communities, grids (and, in later modules, grid workers and stations)."""

from .areas import Community, Grid, Street

__all__ = ["Community", "Grid", "Street"]
