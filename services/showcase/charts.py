"""Horizontal bar charts computed on the server and drawn as SVG by the template (no script)."""

LABEL_WIDTH = 150
BAR_AREA = 330
VALUE_WIDTH = 70
BAR_HEIGHT = 22
GAP = 10
TOP = 6
MAX_LABEL_CHARS = 10


def bar_chart(rows, unit=""):
    """Geometry of a bar chart for (label, value) rows; None when there is nothing to draw.

    Bars are scaled to the largest value; labels longer than the label column are shortened in the
    picture only (the table beside the chart carries the full text).
    """
    if not rows:
        return None
    largest = max((value for _label, value in rows), default=0) or 1
    bars = []
    for n, (label, value) in enumerate(rows):
        y = TOP + n * (BAR_HEIGHT + GAP)
        width = round(BAR_AREA * value / largest, 1) if value else 0
        label = str(label)
        short = label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"
        bars.append(
            {
                "label": label,
                "short_label": short,
                "value": value,
                "y": y,
                "text_y": y + BAR_HEIGHT / 2,
                "width": max(width, 2 if value else 0),
                "value_x": LABEL_WIDTH + max(width, 0) + 6,
            }
        )
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP) - GAP
    summary = "；".join(f"{bar['label']} {bar['value']}{unit}" for bar in bars)
    return {
        "width": LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        "height": height,
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
        "summary": summary,
    }
