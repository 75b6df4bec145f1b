"""The administrative areas residents belong to: street office → community → grid."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index

from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable
from services.places.boundaries import clean_area, validate_area
from services.places.widgets import BoundaryWidget, MapPickerWidget


def boundary_field():
    """An area's outline on the map: a GeoJSON Polygon in WGS-84, drawn in the admin."""
    return models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        validators=[validate_area],
        help_text=_("Click the map to add the corners in order; the outline closes itself. Coordinates are WGS-84."),
    )


class Street(AdminSearchable, index.Indexed, models.Model):
    """A street office (街道办事处), the level above communities."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("sort_order"),
    ]
    admin_search_fields = ("name",)
    search_fields = admin_search.fields(autocomplete="name")

    class Meta:
        verbose_name = _("street office")
        verbose_name_plural = _("street offices")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Community(AdminSearchable, index.Indexed, ClusterableModel):
    """A community (社区) of up to about 3,000 households, divided into grids."""

    street = models.ForeignKey(
        Street, verbose_name=_("street office"), on_delete=models.PROTECT, related_name="communities"
    )
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    households = models.PositiveIntegerField(_("households"), default=0)
    population = models.PositiveIntegerField(_("residents"), default=0)
    party_members = models.PositiveIntegerField(_("party members"), default=0)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("service phone"), max_length=40, blank=True)
    latitude = models.FloatField(_("latitude (WGS-84)"), null=True, blank=True)
    longitude = models.FloatField(_("longitude (WGS-84)"), null=True, blank=True)
    party_organisation = models.CharField(
        _("community party organisation"), max_length=100, blank=True, help_text=_("e.g. 中共柳荫社区委员会")
    )
    boundary = boundary_field()
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("street"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("party_organisation"),
        FieldPanel("households"),
        FieldPanel("population"),
        FieldPanel("party_members"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("latitude", widget=MapPickerWidget()),
        FieldPanel("longitude"),
        FieldPanel("boundary", widget=BoundaryWidget()),
        FieldPanel("sort_order"),
        InlinePanel("committee_members", heading=_("Joint party committee (大党委)"), label=_("Member")),
        InlinePanel("rotating_chairs", heading=_("Rotating chairs by month"), label=_("Chair")),
    ]
    # Its text: CommunityDocument (services/places/documents.py).
    search_fields = admin_search.fields(index.FilterField("street_id"), autocomplete="name")

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["street__sort_order", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["street", "name"], name="unique_community_name_per_street")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.boundary = clean_area(self.boundary)

    def get_absolute_url(self):
        """The public community page with its grids and four-level party structure."""
        return reverse("places:community", kwargs={"slug": self.slug})


class Grid(AdminSearchable, index.Indexed, ClusterableModel):
    """A grid (网格) of a few hundred households with one grid worker and a party branch."""

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="grids"
    )
    code = models.CharField(_("grid code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    households = models.PositiveIntegerField(_("households"), default=0)
    compounds = models.TextField(
        _("residential compounds"), blank=True, help_text=_("One compound or building range per line")
    )
    party_branch = models.CharField(_("grid party branch"), max_length=100, blank=True)
    party_branch_secretary = models.CharField(
        _("party branch secretary"), max_length=30, blank=True, help_text=_("Shown publicly, e.g. 王建华")
    )
    boundary = boundary_field()
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("community"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("households"),
        FieldPanel("compounds"),
        FieldPanel("party_branch"),
        FieldPanel("party_branch_secretary"),
        FieldPanel("boundary", widget=BoundaryWidget()),
        FieldPanel("sort_order"),
        InlinePanel("workers", label=_("Grid workers and helpers")),
    ]
    admin_search_fields = ("name", "compounds")
    search_fields = admin_search.fields(index.FilterField("community_id"))

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["community", "sort_order", "code"]

    def __str__(self):
        return f"{self.community.name} · {self.name}"

    def clean(self):
        super().clean()
        self.boundary = clean_area(self.boundary)

    def get_absolute_url(self):
        """The grid-worker finder showing this grid."""
        return reverse("places:grid_worker") + f"?grid={self.pk}"

    def get_section_url(self):
        """This grid's section of its community page (its grid worker and party branch)."""
        return self.community.get_absolute_url() + f"#grid-{self.pk}"

    def compound_list(self):
        """The residential compounds of this grid, one per line in the admin."""
        return [line.strip() for line in self.compounds.splitlines() if line.strip()]
