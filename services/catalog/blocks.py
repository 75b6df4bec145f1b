"""StreamField blocks of the catalog: the numbered steps of a step-by-step journey."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class JourneyStepBlock(blocks.StructBlock):
    """One step of a journey: what to do, by when, and the guides that do it."""

    title = blocks.CharBlock(label=_("Step title"), max_length=80)
    when = blocks.CharBlock(label=_("When"), max_length=60, required=False, help_text=_("e.g. 出生后30日内"))
    summary = blocks.TextBlock(label=_("What to do"), required=False, max_length=500)
    guides = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.ServiceGuidePage", label=_("Guide")), label=_("Guides"), min_num=1
    )
    either = blocks.BooleanBlock(
        label=_("Any one of these guides is enough"),
        required=False,
        help_text=_("Tick when the guides are alternatives (“或”), not all needed (“和”)."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "catalog/blocks/journey_step_block.html"
        preview_value = {
            "title": "办理出生登记（落户）",
            "when": "出生后30日内",
            "summary": "带上出生医学证明和父母户口簿，到户籍所在地派出所或社区代办点办理。",
        }


class JourneyStepsBlock(blocks.StreamBlock):
    """The ordered steps of a journey."""

    step = JourneyStepBlock()

    class Meta:
        icon = "list-ol"
        min_num = 1
