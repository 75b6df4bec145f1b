"""Filters of the showcase index pages (theme, region, year …) with unknown values reported, not fatal."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

PER_PAGE = 12


@dataclass
class FilterSpec:
    """One filter: the query parameter, its label, the valid choices and how it narrows a queryset."""

    name: str
    label: str
    choices: list[tuple[str, str]]
    apply: Callable
    all_label: str = ""


@dataclass
class FilterResult:
    """The filtered queryset, the filters in force and the values that were ignored."""

    queryset: object
    active: dict = field(default_factory=dict)
    ignored: list = field(default_factory=list)


def apply_filters(queryset, params, specs):
    """Narrow ``queryset`` by every known value in ``params``; unknown values are ignored and listed."""
    result = FilterResult(queryset=queryset)
    for spec in specs:
        value = (params.get(spec.name) or "").strip()
        if not value:
            continue
        if value in {choice for choice, _label in spec.choices}:
            result.queryset = spec.apply(result.queryset, value)
            result.active[spec.name] = value
        else:
            result.ignored.append({"label": spec.label, "value": value[:40]})
    if result.active:
        result.queryset = result.queryset.distinct()
    return result


def paginate(queryset, page_number, per_page=PER_PAGE):
    """A page of results; a bad page number gives the first page, one past the end the last page."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page_number or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages if str(page_number).isdigit() else 1)


def year_choices(years):
    """Choices for a year filter, newest first."""
    return [(str(year), str(year)) for year in sorted({y for y in years if y}, reverse=True)]
