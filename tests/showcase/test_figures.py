"""Before/after figure arithmetic: '526 → 66，下降 87.5%', and before = 0 without a percentage."""

from decimal import Decimal

from django.utils import translation

from services.showcase.figures import compute_change, format_number


def zh(func):
    with translation.override("zh-hans"):
        return func()


def test_decrease_shows_arrow_and_percentage():
    change = compute_change(526, 66)
    assert change.percent == Decimal("87.5")
    assert change.direction == "down"
    assert zh(lambda: change.text) == "526 → 66，下降 87.5%"


def test_increase_with_decimals():
    change = compute_change("41.30", "52.60", "户")
    assert zh(lambda: change.text) == "41.3 → 52.6，增长 27.4%"


def test_a_rise_of_100_percent_or_more_reads_in_times_as_reports_write_it():
    # "增长 1116.7%" is how a calculator writes it; a report says 增长 11.2 倍.
    assert zh(lambda: compute_change(12, 146, "项").text) == "12 → 146，增长 11.2 倍"
    assert zh(lambda: compute_change(320, 2860, "人次").change_text) == "增长 7.9 倍"
    assert zh(lambda: compute_change(30, 60, "人").change_text) == "增长 1 倍"
    assert zh(lambda: compute_change(30, 59, "人").change_text) == "增长 96.7%"


def test_lengths_of_time_are_shortened_not_decreased():
    assert zh(lambda: compute_change(25, 8, "分钟").text) == "25 → 8，缩短 68%"
    assert zh(lambda: compute_change("5.6", "1.8", "天").change_text) == "缩短 67.9%"
    assert zh(lambda: compute_change(2, 3, "个工作日").change_text) == "延长 50%"


def test_rate_changes_in_percentage_points():
    change = compute_change("41.30", "92.60", "%")
    assert zh(lambda: change.text) == "41.3% → 92.6%，提高 51.3 个百分点"


def test_rate_decrease_and_full_width_percent_sign():
    change = compute_change("12.5", "4", "％")
    assert zh(lambda: change.text) == "12.5% → 4%，降低 8.5 个百分点"


def test_rate_from_zero_still_has_points():
    change = compute_change(0, 20, "%")
    assert zh(lambda: change.text) == "0% → 20%，提高 20 个百分点"


def test_rate_unchanged():
    assert zh(lambda: compute_change(50, 50, "%").text) == "50% → 50%，持平"


def test_before_zero_gives_absolute_change_without_percentage():
    change = compute_change(0, 36, "个")
    assert change.percent is None
    assert zh(lambda: change.text) == "0 → 36，新增 36个"


def test_zero_to_zero_is_unchanged_and_never_divides():
    change = compute_change(0, 0)
    assert change.direction == "same"
    assert zh(lambda: change.text) == "0 → 0，持平"


def test_negative_base_uses_absolute_value():
    change = compute_change(-20, -10)
    assert change.percent == Decimal("50.0")
    assert change.direction == "up"


def test_format_number_drops_trailing_zeros():
    assert format_number(Decimal("526.00")) == "526"
    assert format_number(Decimal("87.50")) == "87.5"
    assert format_number("") == ""


def test_a_figure_is_typed_or_counted_never_both_nor_neither():
    import pytest
    from wagtail.blocks import StructBlockValidationError

    from services.showcase.blocks import ChangeFigureBlock

    block = ChangeFigureBlock()

    def value(after, count):
        return block.to_python(
            {"label": "小蜜蜂驿站", "before": "0", "after": after, "after_count": count, "unit": "个", "year": 2024}
        )

    assert block.clean(value(None, "rider_stations"))["after_count"] == "rider_stations"
    assert block.clean(value("11", ""))["after"] == Decimal("11")
    for after, count in ((None, ""), ("11", "rider_stations")):
        with pytest.raises(StructBlockValidationError):
            block.clean(value(after, count))
