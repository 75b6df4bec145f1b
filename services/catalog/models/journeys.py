"""Step-by-step journeys (the GOV.UK pattern): several guides strung into numbered steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable
from portal.ground.pages import CachedRestrictionsMixin
from services.catalog.blocks import JourneyStepsBlock
from services.catalog.serializers import PlainDataSerializer


class StepByStepPage(AdminSearchable, CachedRestrictionsMixin, Page):
    """A life event (a baby is born, retiring…) as numbered steps, each linking to guides."""

    introduction = models.TextField(_("introduction"), max_length=500)
    steps = StreamField(JourneyStepsBlock(), verbose_name=_("steps"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("steps")]
    admin_search_fields = ("search_text",)
    search_fields = admin_search.page_fields()
    api_fields = [APIField("introduction"), APIField("step_list", serializer=PlainDataSerializer(source="api_steps"))]

    parent_page_types = ["catalog.CatalogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("step-by-step journey")
        verbose_name_plural = _("step-by-step journeys")

    def step_list(self):
        """The steps numbered from 1, with only the live guides of each."""
        result = []
        for number, block in enumerate(self.steps, start=1):
            value = block.value
            guides = [g.specific for g in value["guides"] if g is not None and g.live]
            result.append(
                {
                    "number": number,
                    "title": value["title"],
                    "when": value.get("when", ""),
                    "summary": value.get("summary", ""),
                    "either": value.get("either", False),
                    "guides": guides,
                    "guide_ids": {g.pk for g in guides},
                }
            )
        return result

    def api_steps(self):
        """The steps as plain JSON: number, title, when, summary and the guides' ids, titles and URLs."""
        return [
            {
                "number": s["number"],
                "title": s["title"],
                "when": s["when"],
                "summary": s["summary"],
                "either": s["either"],
                "guides": [{"id": g.pk, "title": g.title, "url": g.url} for g in s["guides"]],
            }
            for s in self.step_list()
        ]

    def search_text(self):
        """Title, introduction and steps as plain text, for the search index."""
        parts = [self.title, self.introduction]
        for step in self.step_list():
            parts += [f"{step['number']}. {step['title']}", step["when"], step["summary"]]
            parts += [g.title for g in step["guides"]]
        return "\n".join(p for p in parts if p)

    @classmethod
    def journeys_containing(cls, guide):
        """[(journey, steps, current step number)] for every live journey listing ``guide``."""
        found = []
        for journey in cls.objects.live().public().order_by("title"):
            steps = journey.step_list()
            current = next((s["number"] for s in steps if guide.pk in s["guide_ids"]), None)
            if current is not None:
                found.append({"journey": journey, "steps": steps, "current": current})
        return found
