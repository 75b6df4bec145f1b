"""One block of the figures dashboard (a chart with its numbers and headline totals)."""

from dataclasses import dataclass, field

from .charts import bar_chart


@dataclass
class DashboardSection:
    """One block of the dashboard: a chart with its numbers, and headline totals."""

    key: str
    title: str
    unit: str
    rows: list = field(default_factory=list)  # (label, value)
    totals: list = field(default_factory=list)  # (label, value, unit)
    note: str = ""

    @property
    def chart(self):
        return bar_chart(self.rows, self.unit)
