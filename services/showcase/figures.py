"""Arithmetic of before/after figures such as "三无小区 526 → 66，下降 87.5%"."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _


def format_number(value):
    """A Decimal (or int/float/str) without trailing zeros: 526, 87.5, 0.25."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):f}"
    return f"{number.normalize():f}"


@dataclass(frozen=True)
class FigureChange:
    """The change between two values; ``percent`` is None when it cannot be computed (before = 0)."""

    before: Decimal
    after: Decimal
    delta: Decimal
    percent: Decimal | None
    unit: str = ""

    @property
    def is_rate(self):
        """True when the unit is a percentage: the change is then given in percentage points."""
        return self.unit.strip() in ("%", "％")

    @property
    def direction(self):
        """'up', 'down' or 'same'."""
        if self.delta > 0:
            return "up"
        if self.delta < 0:
            return "down"
        return "same"

    @property
    def verb(self):
        """下降 / 增长 / 持平."""
        return {"up": _("up"), "down": _("down"), "same": _("unchanged")}[self.direction]

    @property
    def arrow_text(self):
        """'526 → 66' (the unit is shown by the caller); rates carry their sign: '41.3% → 92.6%'."""
        if self.is_rate:
            return f"{format_number(self.before)}% → {format_number(self.after)}%"
        return f"{format_number(self.before)} → {format_number(self.after)}"

    @property
    def change_text(self):
        """'下降 87.5%'; without a base value the absolute change: '增长 12 个'."""
        if self.direction == "same":
            return self.verb
        if self.is_rate:
            points = format_number(abs(self.delta))
            if self.direction == "up":
                return _("up %(points)s percentage points") % {"points": points}
            return _("down %(points)s percentage points") % {"points": points}
        if self.percent is not None:
            return f"{self.verb} {format_number(self.percent)}%"
        return f"{self.verb} {format_number(abs(self.delta))}{self.unit}"

    @property
    def text(self):
        """The whole sentence: '526 → 66，下降 87.5%'."""
        return f"{self.arrow_text}，{self.change_text}"


def compute_change(before, after, unit=""):
    """The change from ``before`` to ``after``, with a percentage only when ``before`` is not zero."""
    before = Decimal(str(before))
    after = Decimal(str(after))
    delta = after - before
    percent = None
    if before != 0:
        percent = (abs(delta) / abs(before) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return FigureChange(before=before, after=after, delta=delta, percent=percent, unit=unit or "")
