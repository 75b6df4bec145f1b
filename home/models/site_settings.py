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
    icp_number = models.CharField(
        _("ICP licence number"),
        max_length=60,
        blank=True,
        help_text=_("Shown in the footer, linked to the national ICP filing site (beian.miit.gov.cn)."),
    )
    footer_note = models.CharField(_("footer note"), max_length=200, blank=True)
    # What a government website's footer carries (国务院办公厅《政府网站发展指引》).
    website_code = models.CharField(
        _("website identification code"), max_length=20, blank=True, help_text=_("网站标识码, e.g. 3301990001.")
    )
    public_security_number = models.CharField(
        _("public security filing number"), max_length=60, blank=True, help_text=_("公安机关备案号.")
    )
    public_security_url = models.URLField(
        _("public security filing link"), blank=True, help_text=_("The page of this filing on the national site.")
    )
    government_mark = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("government website mark"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The 党政机关网站标识 image issued for this site."),
    )
    government_mark_url = models.URLField(
        _("government website mark link"),
        blank=True,
        help_text=_("Where the mark's image links (its verification page)."),
    )
    error_report_url = models.URLField(
        _("“Report an error on this government website” link"),
        blank=True,
        help_text=_("The national platform's page for reporting errors on this site (我为政府网站找错)."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("hotline"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("office_hours")], heading=_("Address and hours")),
        MultiFieldPanel([FieldPanel("footer_note")], heading=_("Footer")),
        MultiFieldPanel(
            [
                FieldPanel("website_code"),
                FieldPanel("icp_number"),
                FieldPanel("public_security_number"),
                FieldPanel("public_security_url"),
                FieldPanel("government_mark"),
                FieldPanel("government_mark_url"),
                FieldPanel("error_report_url"),
            ],
            heading=_("Government website identification"),
        ),
    ]

    class Meta:
        verbose_name = _("site contact settings")
