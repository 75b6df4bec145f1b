"""The service guide (办事指南): one page per catalog item, with structured fields a resident can act on."""

import datetime

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.ground import admin_search, pinyin
from portal.ground.admin_search import AdminSearchable
from portal.ground.pages import CachedRestrictionsMixin
from services.catalog.serializers import (
    CategorySerializer,
    CommunityListSerializer,
    ItemTypeSerializer,
    LineListSerializer,
    PlainDataSerializer,
    StationListSerializer,
)
from services.catalog.text import lines

REVIEW_INTERVAL_DAYS = 365


class MaterialForm(models.TextChoices):
    """Whether the counter needs the original, a copy, or both."""

    ORIGINAL = "original", _("Original")
    COPY = "copy", pgettext_lazy("catalog", "Copy")
    BOTH = "both", _("Original and copy")
    ELECTRONIC = "electronic", _("Electronic file")


class ServiceGuidePage(AdminSearchable, CachedRestrictionsMixin, RoutablePageMixin, Page):
    """A guide for one item of the catalog: who can apply, materials, steps, where, fee, time limit, basis."""

    summary = models.CharField(_("one-line summary"), max_length=200)
    category = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name=_("category"), on_delete=models.PROTECT, related_name="guides"
    )
    item_type = models.ForeignKey(
        "catalog.ItemType", verbose_name=_("item type"), on_delete=models.PROTECT, related_name="guides"
    )
    item_code = models.CharField(_("item code"), max_length=40, blank=True)
    department = models.CharField(_("responsible body"), max_length=100, blank=True, help_text=_("e.g. 社区居委会"))
    communities = ParentalManyToManyField(
        "places.Community",
        verbose_name=_("communities"),
        blank=True,
        related_name="service_guides",
        help_text=_("Leave empty if every community in the district handles this item."),
    )
    eligibility = models.TextField(_("who can apply"), blank=True, help_text=_("One condition per line."))
    fee = models.CharField(_("fee"), max_length=200, default="不收费")
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), default=0, help_text=_("0 means done on the spot.")
    )
    time_limit_note = models.CharField(_("time limit note"), max_length=200, blank=True)
    stations = ParentalManyToManyField(
        "places.StationPage",
        verbose_name=_("stations where it is handled"),
        blank=True,
        related_name="service_guides",
        help_text=_("Residents see their address, phone and whether they are open now."),
    )
    location_text = models.TextField(
        _("where to apply (text)"), blank=True, max_length=500, help_text=_("Shown in addition to the stations.")
    )
    hours_text = models.CharField(_("opening hours"), max_length=200, blank=True)
    contact_phone = models.CharField(_("enquiry phone"), max_length=60, blank=True)
    online_url = models.URLField(_("online service link"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True, help_text=_("One law or regulation per line."))
    alternative = models.TextField(
        _("what to do instead"),
        blank=True,
        max_length=1000,
        help_text=_("For certificates a community must not issue: how the resident gets what they need."),
    )
    last_reviewed = models.DateField(_("last reviewed"), default=datetime.date.today)
    pinyin_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    pinyin_override = models.CharField(
        _("pinyin for sorting"),
        max_length=255,
        blank=True,
        help_text=_(
            "Only when the list sorts this guide under the wrong letter: its title's reading, e.g. shan jia qiao "
            "for 单家桥 (tones optional)."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("item_type")]),
        FieldRowPanel([FieldPanel("item_code"), FieldPanel("department")]),
        FieldPanel("communities"),
        FieldPanel("eligibility"),
        InlinePanel("materials", label=_("Materials"), heading=_("Materials")),
        InlinePanel("steps", label=_("Steps"), heading=_("Steps")),
        MultiFieldPanel(
            [
                FieldPanel("stations"),
                FieldPanel("location_text"),
                FieldPanel("hours_text"),
                FieldPanel("contact_phone"),
                FieldPanel("online_url"),
            ],
            heading=_("Where and when"),
        ),
        MultiFieldPanel(
            [FieldPanel("fee"), FieldRowPanel([FieldPanel("time_limit_days"), FieldPanel("time_limit_note")])],
            heading=_("Fee and time limit"),
        ),
        FieldPanel("legal_basis"),
        FieldPanel("alternative"),
        InlinePanel("faqs", label=_("Questions"), heading=_("FAQ")),
        InlinePanel("forms", label=pgettext_lazy("catalog", "Forms"), heading=_("Downloadable forms")),
        FieldPanel("last_reviewed"),
    ]
    # Its text: ServiceGuideDocument (services/catalog/documents.py), over search_text() below.
    search_fields = admin_search.page_fields(index.FilterField("category"), index.FilterField("item_type"))
    api_fields = [
        APIField("summary"),
        APIField("category", serializer=CategorySerializer()),
        APIField("item_type", serializer=ItemTypeSerializer()),
        APIField("item_code"),
        APIField("department"),
        APIField("communities", serializer=CommunityListSerializer()),
        APIField("eligibility_list", serializer=LineListSerializer(source="eligibility")),
        APIField("materials"),
        APIField("steps"),
        APIField("stations", serializer=StationListSerializer()),
        APIField("location_text"),
        APIField("hours_text"),
        APIField("fee"),
        APIField("time_limit_days"),
        APIField("time_limit_note"),
        APIField("time_limit_text", serializer=PlainDataSerializer(source="time_limit_display")),
        APIField("contact_phone"),
        APIField("online_url"),
        APIField("legal_basis_list", serializer=LineListSerializer(source="legal_basis")),
        APIField("alternative"),
        APIField("faqs"),
        APIField("forms"),
        APIField("last_reviewed"),
    ]

    promote_panels = Page.promote_panels + [FieldPanel("pinyin_override")]

    parent_page_types = ["catalog.CatalogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service guide")
        verbose_name_plural = _("service guides")

    def save(self, *args, **kwargs):
        self.pinyin_key = pinyin.sort_key(self.title, override=self.pinyin_override)
        return super().save(*args, **kwargs)

    # Plain-text views of the structured fields (templates, search indexing, print).

    def eligibility_lines(self):
        """The conditions, one per item."""
        return lines(self.eligibility)

    def legal_basis_lines(self):
        """The laws and regulations, one per item."""
        return lines(self.legal_basis)

    def time_limit_display(self):
        """'当场办结' or 'N个工作日', plus the editor's note."""
        text = (
            _("Done on the spot")
            if self.time_limit_days == 0
            else _("%(n)s working days") % {"n": self.time_limit_days}
        )
        return f"{text}（{self.time_limit_note}）" if self.time_limit_note else str(text)

    def is_review_overdue(self, today=None):
        """True when nobody has checked the guide for 12 months."""
        today = today or timezone.localdate()
        return (today - self.last_reviewed).days > REVIEW_INTERVAL_DAYS

    def search_text(self):
        """Every structured field as plain text, for the search index."""
        parts = [self.title, self.summary, self.department, self.eligibility]
        parts += [f"{m.name} {m.notes}" for m in self.materials.all()]
        parts += [f"{s.title} {s.description} {s.where}" for s in self.steps.all()]
        parts += [f"{st.title} {st.address}" for st in self.live_stations()]
        parts += [self.location_text, self.hours_text, self.fee, self.time_limit_display(), self.legal_basis]
        parts += [self.alternative]
        parts += [f"{q.question} {q.answer}" for q in self.faqs.all()]
        return "\n".join(str(p).strip() for p in parts if p and str(p).strip())

    def live_stations(self):
        """Linked stations that are published, by title."""
        return self.stations.live().public().order_by("title")

    def applies_everywhere(self):
        """True when every community in the district handles this item."""
        return not self.communities.exists()

    def service_centres(self):
        """The 党群服务中心 of the communities that handle this item (all of them when it applies everywhere)."""
        from services.places.models import StationKind, StationPage

        centres = (
            StationPage.objects.live()
            .public()
            .filter(kind=StationKind.CENTRE)
            .select_related("community__street")
            .order_by("community__street__sort_order", "community__sort_order", "title")
        )
        community_ids = [c.pk for c in self.communities.all()]
        return centres.filter(community_id__in=community_ids) if community_ids else centres

    def where_to_go(self):
        """Where a resident goes: the linked stations, else the service centres of the guide's communities.

        {"stations": [...], "linked": bool, "everywhere": bool}; certificates a community must not
        issue get no place at all.
        """
        everywhere = self.applies_everywhere()
        stations = list(self.live_stations())
        if stations:
            return {"stations": stations, "linked": True, "everywhere": everywhere}
        if self.item_type.is_refused:
            return {"stations": [], "linked": False, "everywhere": everywhere}
        return {"stations": list(self.service_centres()), "linked": False, "everywhere": everywhere}

    def form_list(self):
        """The downloadable forms with their documents."""
        return self.forms.select_related("document")

    def journeys(self):
        """Live step-by-step journeys that include this guide, each with the step it is in."""
        from .journeys import StepByStepPage

        return StepByStepPage.journeys_containing(self)

    def get_context(self, request, *args, **kwargs):
        from services.catalog.forms import UsefulnessForm
        from services.places.models import Community

        context = super().get_context(request, *args, **kwargs)
        # Lazy: the templates render these inside fragment caches keyed by the content version,
        # so their queries only run when a fragment is missing.
        context["journeys"] = SimpleLazyObject(self.journeys)
        context["catalog_page"] = SimpleLazyObject(lambda: self.get_parent().specific)
        context["related_guides"] = SimpleLazyObject(
            lambda: list(
                ServiceGuidePage.objects.live()
                .public()
                .filter(category_id=self.category_id)
                .exclude(pk=self.pk)
                .order_by("pinyin_key")[:6]
            )
        )
        context["finder_communities"] = Community.objects.filter(latitude__isnull=False).select_related("street")
        context["usefulness_form"] = UsefulnessForm()
        context["usefulness_thanks"] = request.GET.get("useful") == "thanks"
        return context

    @path("")
    def guide(self, request):
        """The guide itself."""
        return self.render(request)

    @path("print/")
    def print_view(self, request):
        """A compact, A4-sized version for counters and residents who prefer paper."""
        context = self.get_context(request)
        return TemplateResponse(request, "catalog/service_guide_print.html", context)

    @path("useful/")
    def usefulness(self, request):
        """The answer's former address (a guide still open in a tab posts here): on to the catalog's view.

        A POST is sent on with its answer (307); anything else goes back to the guide.
        """
        if request.method == "POST":
            return redirect(reverse("catalog:guide_usefulness", args=[self.pk]), preserve_request=True)
        return redirect(self.get_url(request))


class GuideMaterial(Orderable):
    """One document the resident must bring."""

    guide = ParentalKey(ServiceGuidePage, related_name="materials", on_delete=models.CASCADE)
    name = models.CharField(_("material"), max_length=120)
    form = models.CharField(_("original or copy"), max_length=20, choices=MaterialForm.choices, default="original")
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    optional = models.BooleanField(_("only in some cases"), default=False)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("form"), FieldPanel("copies"), FieldPanel("optional")]),
        FieldPanel("notes"),
    ]
    api_fields = [
        APIField("name"),
        APIField("form"),
        APIField("form_label"),
        APIField("copies"),
        APIField("notes"),
        APIField("optional"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    @property
    def form_label(self):
        """原件 / 复印件 … in the reader's language."""
        return str(self.get_form_display())


class GuideStep(Orderable):
    """One numbered step of the procedure, with where it happens and how long it takes."""

    guide = ParentalKey(ServiceGuidePage, related_name="steps", on_delete=models.CASCADE)
    title = models.CharField(_("step"), max_length=80)
    description = models.TextField(_("what happens"), blank=True, max_length=600)
    where = models.CharField(_("where"), max_length=120, blank=True)
    duration = models.CharField(_("how long"), max_length=60, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("where"), FieldPanel("duration")]),
    ]
    api_fields = [APIField("title"), APIField("description"), APIField("where"), APIField("duration")]

    class Meta(Orderable.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")


class GuideFAQ(Orderable):
    """A question residents often ask about this item."""

    guide = ParentalKey(ServiceGuidePage, related_name="faqs", on_delete=models.CASCADE)
    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"), max_length=1000)

    panels = [FieldPanel("question"), FieldPanel("answer")]
    api_fields = [APIField("question"), APIField("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class GuideForm(Orderable):
    """A blank application form residents can download and fill in at home."""

    guide = ParentalKey(ServiceGuidePage, related_name="forms", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("link text"), max_length=120, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("title"), APIField("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def label(self):
        """The link text, falling back to the document's title."""
        return self.title or self.document.title
