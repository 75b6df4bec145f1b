"""The public boards of the three lists (需求、资源、项目) and the need form, served under the catalog page."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from portal.ground.caching import per_version
from services.catalog.forms import NeedForm
from services.catalog.models.three_lists import (
    Moderation,
    Need,
    NeedCategory,
    ProgressStatus,
    Project,
    Resource,
    ResourceKind,
)
from services.places.models import Community

PER_PAGE = 12
THANKS_SESSION_KEY = "catalog_need_reference"


@dataclass
class BoardFilter:
    """Filters by community (slug) and by choice fields; an unknown value empties the list with a message."""

    params: dict
    choices: dict  # query parameter -> (model field, TextChoices)
    active: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def apply(self, queryset):
        slug = str(self.params.get("community", "") or "").strip()[:60]
        if slug:
            self.active["community"] = slug
            community = Community.objects.filter(slug=slug).first()
            if community is None:
                self.problems.append(_("No such community."))
            else:
                queryset = queryset.filter(community=community)
        for name, (model_field, choices) in self.choices.items():
            value = str(self.params.get(name, "") or "").strip()[:30]
            if not value:
                continue
            self.active[name] = value
            if value in choices.values:
                queryset = queryset.filter(**{model_field: value})
            else:
                self.problems.append(_("No such filter value: %(value)s") % {"value": value})
        return queryset.none() if self.problems else queryset


def _base_context(page):
    """What every board template needs: the catalog page (for breadcrumbs and links)."""
    return {"page": page, "self": page}


def _board(page, request, template, queryset, choices, extra=None):
    def filtered():
        board = BoardFilter(request.GET, choices)
        items = board.apply(queryset)
        return board, Paginator(items, PER_PAGE).get_page(request.GET.get("page"))

    # Lazy: the template renders the board inside a fragment cache keyed by the content version
    # and the query string, so filtering and paginating only run when that fragment is missing.
    state = SimpleLazyObject(filtered)
    context = _base_context(page)
    context.update(
        board=SimpleLazyObject(lambda: state[0]),
        page_obj=SimpleLazyObject(lambda: state[1]),
        communities=Community.objects.select_related("street"),
        choices={name: c.choices for name, (_f, c) in choices.items()},
        **(extra or {}),
    )
    return TemplateResponse(request, template, context)


def needs_board(page, request):
    """需求清单: approved needs, filtered by community, status and category."""
    queryset = Need.public().select_related("community")
    choices = {"status": ("status", ProgressStatus), "category": ("category", NeedCategory)}
    extra = {
        "board_name": "needs",
        "board_title": _("Needs list"),
        "board_intro": _("What residents need, collected by communities and grids or submitted here, after review."),
    }
    return _board(page, request, "catalog/needs_board.html", queryset, choices, extra)


def resources_board(page, request):
    """资源清单: what units offer, filtered by community and kind."""
    queryset = Resource.objects.select_related("community").order_by("-is_available", "-created_at")
    extra = {
        "board_name": "resources",
        "board_title": _("Resources list"),
        "board_intro": _("Venues, volunteers, professional services and goods that units in the area offer."),
    }
    return _board(page, request, "catalog/resources_board.html", queryset, {"kind": ("kind", ResourceKind)}, extra)


def projects_board(page, request):
    """项目清单: needs matched to resources, filtered by community and status."""
    queryset = Project.objects.select_related("community", "resource", "need")
    extra = {
        "board_name": "projects",
        "board_title": _("Projects list"),
        "board_intro": _("Needs matched to resources: residents order, the community dispatches, units take it on."),
    }
    choices = {"status": ("status", ProgressStatus)}
    return _board(page, request, "catalog/projects_board.html", queryset, choices, extra)


def project_detail(page, request, pk):
    """One project of the 项目清单: the need, the resource, the community and how its status moved."""

    def load():
        project = Project.objects.select_related("community__street", "resource", "need").filter(pk=pk).first()
        if project is None:
            return False  # cached too: None would read as a cache miss
        project.history = list(project.status_changes.all())
        return project

    project = per_version(request, f"catalog:project:{pk}", load)
    if not project:
        raise Http404
    context = _base_context(page)
    context.update(
        project=project,
        # The need's own text only once an editor has approved it; its contact details never.
        public_need=project.need if project.need and project.need.moderation == Moderation.APPROVED else None,
    )
    return TemplateResponse(request, "catalog/project_detail.html", context)


def need_form(page, request):
    """A resident submits a need; it waits for an editor. POST-redirect-GET, one record per form token."""
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            need, _created = form.save_once()
            request.session[THANKS_SESSION_KEY] = need.reference
        return redirect(page.url + "needs/thanks/")
    context = _base_context(page)
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "catalog/need_form.html", context, status=status)


def need_thanks(page, request):
    """Confirmation with the reference number of the need just submitted in this session."""
    context = _base_context(page)
    context["reference"] = request.session.get(THANKS_SESSION_KEY, "")
    return TemplateResponse(request, "catalog/need_thanks.html", context)
