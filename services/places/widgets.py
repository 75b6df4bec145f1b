"""The admin's coordinate picker: a Leaflet map under the latitude field that fills both inputs."""

import json

from django import forms
from django.forms.widgets import Script
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _


def _map_options():
    from wagtail.models import Site

    from services.places.models.map_settings import MapSettings

    site = Site.objects.filter(is_default_site=True).first()
    settings = MapSettings.for_site(site) if site else MapSettings()
    return settings.as_js()


def marker_icons_script():
    """``places/map-base.js`` with the collected URLs of Leaflet's marker images (see the script)."""
    images = "vendor/leaflet/images/"
    return Script(
        "places/map-base.js",
        **{
            "data-marker-icon": static(images + "marker-icon.png"),
            "data-marker-icon-2x": static(images + "marker-icon-2x.png"),
            "data-marker-shadow": static(images + "marker-shadow.png"),
        },
    )


class MapPickerWidget(forms.NumberInput):
    """A number input for the latitude plus a map; clicking or dragging sets latitude and longitude."""

    def __init__(self, lng_field="longitude", attrs=None):
        self.lng_field = lng_field
        super().__init__(attrs={"step": "any", **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={"all": ["vendor/leaflet/leaflet.css", "places/map-base.css", "places/admin-map-picker.css"]},
            js=["vendor/leaflet/leaflet.js", marker_icons_script(), "js/gcj02.js", "places/admin-map-picker.js"],
        )

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        lat_id = (attrs or {}).get("id") or f"id_{name}"
        lng_id = lat_id[: -len(name)] + self.lng_field if lat_id.endswith(name) else f"id_{self.lng_field}"
        return html + format_html(
            '<div class="map-picker" data-map-picker data-lat-input="{}" data-lng-input="{}" data-options="{}">'
            '<div class="map-picker__map" role="application" aria-label="{}"></div>'
            '<p class="map-picker__help">{}</p>'
            '<button type="button" class="button button-small button-secondary" data-gcj-convert>{}</button>'
            "</div>",
            lat_id,
            lng_id,
            json.dumps(_map_options()),
            _("Map: click to place the station"),
            _(
                "Click the map or drag the marker to set the coordinates (WGS-84). Without a tile server the map is blank, but clicking still works."
            ),
            _("Convert the typed coordinates from GCJ-02 to WGS-84"),
        )


class BoundaryWidget(forms.Textarea):
    """The GeoJSON of an area (or a road, ``shape="line"``) with a map to draw it: each click adds a corner.

    Without JavaScript the text area still takes GeoJSON; with it the text follows the drawing.
    """

    def __init__(self, shape="area", attrs=None):
        self.shape = shape
        super().__init__(attrs={"rows": 3, "class": "boundary-input", **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={"all": ["vendor/leaflet/leaflet.css", "places/map-base.css", "places/admin-map-picker.css"]},
            js=["vendor/leaflet/leaflet.js", marker_icons_script(), "js/gcj02.js", "places/admin-boundary.js"],
        )

    def format_value(self, value):
        if isinstance(value, dict):
            return json.dumps(value)
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        input_id = (attrs or {}).get("id") or f"id_{name}"
        return html + format_html(
            '<div class="map-picker boundary-drawer" data-boundary-drawer data-input="{}" data-shape="{}" data-options="{}">'
            '<div class="map-picker__map" role="application" aria-label="{}"></div>'
            '<p class="map-picker__help">{}</p>'
            '<button type="button" class="button button-small button-secondary" data-undo>{}</button> '
            '<button type="button" class="button button-small button-secondary no" data-clear>{}</button>'
            "</div>",
            input_id,
            self.shape,
            json.dumps(_map_options()),
            _("Map: click to add a point"),
            _("Each click adds the next point; the text above holds the result as GeoJSON (WGS-84)."),
            _("Remove the last point"),
            _("Clear the drawing"),
        )
