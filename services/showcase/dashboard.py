"""The figures dashboard (数据看板): counts computed from the data, section by section.

Each section comes from one provider; a provider that fails is logged and left out.
"""

import logging

from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.ground.caching import per_version
from services.catalog.models import ItemType, ServiceGuidePage
from services.places.models import Community, Grid, StationPage, Street

from .feedback_stats import ticket_figures
from .sections import DashboardSection

logger = logging.getLogger(__name__)


def _choice_counts(queryset, field_name):
    """(label, count) for every choice of a field, zeros included, largest first."""
    model_field = queryset.model._meta.get_field(field_name)
    counts = {row[field_name]: row["n"] for row in queryset.order_by().values(field_name).annotate(n=Count("pk"))}
    rows = [(str(label), counts.pop(value, 0)) for value, label in model_field.flatchoices]
    rows += [(str(_("Unspecified")), n) for n in counts.values()]  # values no longer among the choices
    return sorted(rows, key=lambda row: -row[1])


def _tag_counts(tag_model):
    """(theme, number of live pages) for a showcase tag model, largest first."""
    rows = (
        tag_model.objects.filter(content_object__live=True)
        .values("tag__name")
        .annotate(n=Count("content_object", distinct=True))
        .order_by("-n", "tag__name")
    )
    return [(row["tag__name"], row["n"]) for row in rows]


def stations_section():
    """Stations by kind, from the places app."""
    stations = StationPage.objects.live().public()
    return DashboardSection(
        key="stations",
        title=_("Stations by kind"),
        unit=_("stations (unit)"),
        rows=_choice_counts(stations, "kind"),
        totals=[(_("Service stations"), stations.count(), _("stations (unit)"))],
    )


def grids_section():
    """Grids per street office, with communities, grids and households in total."""
    streets = Street.objects.annotate(n=Count("communities__grids", distinct=True)).order_by("sort_order", "name")
    households = Community.objects.aggregate(total=Sum("households"))["total"] or 0
    return DashboardSection(
        key="grids",
        title=_("Grids by street"),
        unit=_("grids (unit)"),
        rows=[(street.name, street.n) for street in streets],
        totals=[
            (_("Street offices"), streets.count(), _("offices (unit)")),
            (_("Communities"), Community.objects.count(), _("communities (unit)")),
            (_("Grids"), Grid.objects.count(), _("grids (unit)")),
            (_("Households"), households, _("households (unit)")),
        ],
    )


def guides_section():
    """Service guides by item type (依法履职 / 协助办理 / 不得出具的证明), from the catalog app."""
    guides = ServiceGuidePage.objects.live().public()
    counts = dict(guides.order_by().values_list("item_type").annotate(n=Count("pk")))
    return DashboardSection(
        key="guides",
        title=_("Service guides by item type"),
        unit=_("guides (unit)"),
        rows=[(str(kind), counts.get(kind.pk, 0)) for kind in ItemType.objects.all()],
        totals=[(_("Published service guides"), guides.count(), _("guides (unit)"))],
    )


def cases_section():
    """Case studies by theme."""
    from .models import CaseStudyPage, CaseStudyTag

    return DashboardSection(
        key="cases",
        title=_("Case studies by theme"),
        unit=_("cases (unit)"),
        rows=_tag_counts(CaseStudyTag),
        totals=[(_("Typical cases"), CaseStudyPage.objects.live().public().count(), _("cases (unit)"))],
        note=_("A case with several themes is counted under each of them."),
    )


def brands_section():
    """Brand projects by theme, with model communities in total."""
    from .models import BrandProjectPage, BrandProjectTag, ModelCommunityPage

    return DashboardSection(
        key="brands",
        title=_("Brand projects by theme"),
        unit=_("brands (unit)"),
        rows=_tag_counts(BrandProjectTag),
        totals=[
            (_("Party brand projects"), BrandProjectPage.objects.live().public().count(), _("brands (unit)")),
            (_("Model communities"), ModelCommunityPage.objects.live().public().count(), _("communities (unit)")),
        ],
        note=_("A brand with several themes is counted under each of them."),
    )


def tickets_section():
    """Tickets received and closed, average reply time and satisfaction, from the feedback app's stats."""
    return ticket_figures()


def _plain_number(value):
    """12 for 12.0 hours, 2.5 for 2.5: what the chart and the table show."""
    return int(value) if value == int(value) else float(value)


def party_members_section():
    """Party members checked in with the community where they live (在职党员双报到), per community."""
    from services.party.service import community_counts

    counts = community_counts()
    return DashboardSection(
        key="party-members",
        title=_("Party members checked in, by community"),
        unit=_("members (unit)"),
        rows=[(name, members) for name, members, _hours in counts],
        totals=[(_("Party members checked in"), sum(row[1] for row in counts), _("members (unit)"))],
        note=_("Only check-ins confirmed by the community are counted."),
    )


def party_hours_section():
    """Service hours of checked-in party members confirmed by their communities, per community."""
    from services.party.service import community_counts

    counts = community_counts()
    hours = sum((row[2] for row in counts), start=0)
    return DashboardSection(
        key="party-hours",
        title=_("Party members' service hours, by community"),
        unit=_("hours (unit)"),
        rows=[(name, _plain_number(h)) for name, _members, h in counts],
        totals=[(_("Service hours confirmed"), _plain_number(hours), _("hours (unit)"))],
        note=_("Only hours confirmed by the community are counted."),
    )


# Sections counted from published content: a published change bumps the content version.
CONTENT_PROVIDERS = [stations_section, grids_section, guides_section, cases_section, brands_section]
# Sections counted from residents' records (tickets, party members' check-ins): they do not bump the
# content version, so they are counted at most once a minute.
TICKET_PROVIDERS = [tickets_section, party_members_section, party_hours_section]
PROVIDERS = CONTENT_PROVIDERS + TICKET_PROVIDERS

TICKETS_KEY = "showcase:figures:tickets"
TICKETS_TTL = 60


def dashboard_sections(providers=PROVIDERS):
    """Every section that can be computed now, in display order."""
    sections = []
    for provider in providers:
        try:
            section = provider()
        except Exception:  # one broken provider must not take the dashboard down
            logger.exception("dashboard section %s failed", provider.__name__)
            continue
        if section is not None:
            sections.append(section)
    return sections


def content_sections(request):
    """The content sections, cached per content version in the per-process cache."""
    return per_version(request, "showcase:figures:content", lambda: dashboard_sections(CONTENT_PROVIDERS))


def ticket_sections():
    """The ticket sections and when they were counted, shared by all workers for up to a minute.

    Returns ``{"sections": [...], "counted_at": aware datetime}``.
    """
    data = cache.get(TICKETS_KEY)
    if data is None:
        data = {"sections": dashboard_sections(TICKET_PROVIDERS), "counted_at": timezone.now()}
        cache.set(TICKETS_KEY, data, TICKETS_TTL)
    return data


def cached_dashboard_sections(request):
    """Every section, in display order, from the caches (content per version, tickets per minute)."""
    return [*content_sections(request), *ticket_sections()["sections"]]


def csv_rows(sections):
    """Rows of the CSV download: section, item, value, unit."""
    rows = []
    for section in sections:
        for label, value, unit in section.totals:
            rows.append([str(section.title), str(label), value, str(unit)])
        for label, value in section.rows:
            rows.append([str(section.title), str(label), value, str(section.unit)])
    return rows
