"""Arithmetic of before/after figures such as "“三无”小区 23 → 4，下降 82.6%"."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _


def format_number(value):
    """A Decimal (or int/float/str) without trailing zeros: 23, 87.5, 0.25."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):f}"
    return f"{number.normalize():f}"


# Units of a length of time, whose changes read 缩短 / 延长.
DURATION_UNITS = {"秒", "分钟", "小时", "天", "日", "个工作日", "工作日", "周", "个月", "年"}


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
    def is_duration(self):
        """True when the unit is a length of time: a change is then 缩短 / 延长 rather than 下降 / 增长."""
        return self.unit.strip() in DURATION_UNITS

    @property
    def verb(self):
        """下降 / 增长 / 持平 (缩短 / 延长 for lengths of time)."""
        if self.is_duration and self.direction != "same":
            return {"up": _("longer"), "down": _("shorter")}[self.direction]
        return {"up": _("up"), "down": _("down"), "same": _("unchanged")}[self.direction]

    @property
    def arrow_text(self):
        """'23 → 4' (the unit is shown by the caller); rates carry their sign: '41.3% → 92.6%'."""
        if self.is_rate:
            return f"{format_number(self.before)}% → {format_number(self.after)}%"
        return f"{format_number(self.before)} → {format_number(self.after)}"

    @property
    def change_text(self):
        """How a person writes the change: '下降 87.5%', '增长 24.2%', '增长 1.2 倍', '新增 36个', '缩短 68%'.

        Rates change in percentage points; a rise of 100% or more is given in 倍 (times the base, as Chinese
        reports write it); from nothing, the number that is new.
        """
        if self.direction == "same":
            return self.verb
        if self.is_rate:
            points = format_number(abs(self.delta))
            if self.direction == "up":
                return _("up %(points)s percentage points") % {"points": points}
            return _("down %(points)s percentage points") % {"points": points}
        if self.before == 0 and self.direction == "up":
            return _("%(number)s new") % {"number": f"{format_number(self.delta)}{self.unit}"}
        if self.percent is None:
            return f"{self.verb} {format_number(abs(self.delta))}{self.unit}"
        if self.direction == "up" and self.percent >= 100:
            times = (abs(self.delta) / abs(self.before)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            return _("%(verb)s %(times)s times") % {"verb": self.verb, "times": format_number(times)}
        return f"{self.verb} {format_number(self.percent)}%"

    @property
    def text(self):
        """The whole sentence: '23 → 4，下降 82.6%'."""
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
