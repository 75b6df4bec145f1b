"""Site-wide settings editors change in the admin: contact, hotline, footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteContactSettings(BaseSiteSetting):
    """Contact details shown in every page's footer and in structured data."""

    organisation_name = models.CharField(_("organisation name"), max_length=100, default="云溪区委组织部")
    hotline = models.CharField(_("service hotline"), max_length=40, default="12345")
    address = models.CharField(_("address"), max_length=200, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    icp_number = models.CharField(_("ICP licence number"), max_length=60, blank=True)
    footer_note = models.CharField(_("footer note"), max_length=200, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("hotline"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("office_hours")], heading=_("Address and hours")),
        MultiFieldPanel([FieldPanel("icp_number"), FieldPanel("footer_note")], heading=_("Footer")),
    ]

    class Meta:
        verbose_name = _("site contact settings")
