"""Horizontal bar charts computed on the server and drawn with HTML text and SVG bars (no script).

Labels and values are real text so they keep the page's font size on phones (an SVG scaled down to a
375 px screen made them about 7 px) and long labels wrap instead of being cut.
"""


def bar_chart(rows, unit=""):
    """Bars for (label, value) rows, each with its length in percent of the largest; None when empty."""
    if not rows:
        return None
    largest = max((value for _label, value in rows), default=0) or 1
    bars = []
    for label, value in rows:
        width = round(100 * value / largest, 1) if value else 0
        bars.append({"label": str(label), "value": value, "width": max(width, 1 if value else 0)})
    summary = "；".join(f"{bar['label']} {bar['value']}{unit}" for bar in bars)
    return {"bars": bars, "summary": summary}
