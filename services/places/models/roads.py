"""The district's main roads, drawn on the offline base map so that residents recognise where they are."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from services.places.boundaries import clean_line, validate_line
from services.places.widgets import BoundaryWidget


class Road(models.Model):
    """A named road as a line of points (WGS-84); main roads are drawn wider and labelled first."""

    class Kind(models.TextChoices):
        MAIN = "main", _("main road")
        STREET = "street", _("side street")

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MAIN)
    path = models.JSONField(
        _("course"),
        validators=[validate_line],
        help_text=_("Click the map along the road, from one end to the other. Coordinates are WGS-84."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("path", widget=BoundaryWidget(shape="line")),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("road")
        verbose_name_plural = _("roads")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.path = clean_line(self.path)
