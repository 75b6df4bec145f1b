"""Map settings editors change in the admin: the tile server and the map's starting view."""

from django.db import models
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
    tile_attribution = models.CharField(_("tile attribution"), max_length=200, blank=True)
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

    def as_js(self):
        """The options the map scripts read from a data attribute."""
        return {
            "tileUrl": self.tile_url,
            "attribution": self.tile_attribution,
            "maxZoom": self.tile_max_zoom,
            "datum": self.tile_datum,
            "center": [self.center_latitude, self.center_longitude],
            "zoom": self.default_zoom,
        }
