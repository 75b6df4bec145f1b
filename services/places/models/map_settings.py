"""Map settings editors change in the admin: the tile server and the map's starting view."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class MapSettings(BaseSiteSetting):
    """The tile provider (Chinese deployments use their own) and the default view of station maps."""

    class Datum(models.TextChoices):
        WGS84 = "wgs84", _("WGS-84 (OpenStreetMap-style tiles, Tianditu)")
        GCJ02 = "gcj02", _("GCJ-02 (most Chinese commercial map tiles)")

    tile_url = models.CharField(
        _("tile URL template"),
        max_length=300,
        blank=True,
        help_text=_(
            "e.g. /tiles/{z}/{x}/{y}.png on your own tile server. Leave empty to show markers on a plain background."
        ),
    )
    tile_attribution = models.CharField(
        _("tile attribution"), max_length=200, blank=True, help_text=_("e.g. 天地图 © 国家地理信息公共服务平台")
    )
    map_review_number = models.CharField(
        _("map review number"),
        max_length=60,
        blank=True,
        help_text=_("审图号 of the tiles, shown with the attribution as the provider requires, e.g. GS(2024)0568号."),
    )
    tile_max_zoom = models.PositiveSmallIntegerField(_("maximum zoom"), default=18)
    tile_datum = models.CharField(_("tile datum"), max_length=5, choices=Datum.choices, default=Datum.WGS84)
    center_latitude = models.FloatField(_("map centre latitude"), default=30.27)
    center_longitude = models.FloatField(_("map centre longitude"), default=120.15)
    default_zoom = models.PositiveSmallIntegerField(_("default zoom"), default=13)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("tile_url"),
                FieldPanel("tile_attribution"),
                FieldPanel("map_review_number"),
                FieldPanel("tile_max_zoom"),
                FieldPanel("tile_datum"),
            ],
            heading=_("Tiles"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("center_latitude"), FieldPanel("center_longitude")]),
                FieldPanel("default_zoom"),
            ],
            heading=_("Starting view"),
        ),
    ]

    class Meta:
        verbose_name = _("map settings")

    def attribution_text(self):
        """The tiles' attribution with their 审图号, as the map review rules require on a published map."""
        parts = [self.tile_attribution.strip()]
        if self.map_review_number.strip():
            parts.append(_("Map review number: %(number)s") % {"number": self.map_review_number.strip()})
        return " · ".join(part for part in parts if part)

    def as_js(self):
        """The options the map scripts read from a data attribute."""
        return {
            "tileUrl": self.tile_url,
            "attribution": self.attribution_text(),
            "boundariesUrl": reverse("places:boundaries_geojson"),
            "words": {"gridWorker": str(_("Grid worker")), "contact": str(_("Find the grid worker’s contact"))},
            "maxZoom": self.tile_max_zoom,
            "datum": self.tile_datum,
            "center": [self.center_latitude, self.center_longitude],
            "zoom": self.default_zoom,
        }
