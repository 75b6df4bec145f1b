"""How the catalog is organised: service categories and the three item types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable


class ItemKind(models.TextChoices):
    """The three kinds of item in a community's service catalog."""

    DUTY = "duty", _("Duty performed by law")
    ASSISTED = "assisted", _("Item assisted for other departments")
    REFUSED = "refused", _("Certificate the community must not issue")


class ServiceCategory(AdminSearchable, index.Indexed, models.Model):
    """A theme residents browse by, such as 户籍 or 社会保障; ordered by editors."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    icon = models.CharField(
        _("icon character"), max_length=2, help_text=_("One Chinese character shown in a circle, e.g. 户")
    )
    description = models.CharField(_("description"), max_length=120, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0, editable=False)

    sort_order_field = "sort_order"
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("icon"), FieldPanel("description")]
    admin_search_fields = ("name", "description")
    search_fields = admin_search.fields(autocomplete="name")

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ItemType(models.Model):
    """One of the three item types, with the wording editors choose for it."""

    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, unique=True)
    name = models.CharField(_("name"), max_length=30, help_text=_("e.g. 依法履职事项"))
    short_name = models.CharField(_("short name"), max_length=12, help_text=_("Used in counts, e.g. 不出具证明"))
    description = models.TextField(_("description"), blank=True, max_length=500)
    sort_order = models.PositiveIntegerField(_("order"), default=0, editable=False)

    sort_order_field = "sort_order"
    panels = [FieldPanel("kind"), FieldPanel("name"), FieldPanel("short_name"), FieldPanel("description")]

    class Meta:
        verbose_name = _("item type")
        verbose_name_plural = _("item types")
        ordering = ["sort_order", "kind"]

    def __str__(self):
        return self.name

    @property
    def is_refused(self):
        """True for certificates a community must not be asked for."""
        return self.kind == ItemKind.REFUSED
