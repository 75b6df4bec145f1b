"""StreamField blocks of the showcase: case sections, before/after figures, highlights, honours, structure."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from home.blocks import ImageWithCaptionBlock, KeyFiguresBlock, ParagraphBlock, PortalTableBlock, QuoteBlock

from .counts import count_choices, live_count
from .figures import compute_change


class SectionKind:
    """The four parts of a case study, plus a free section for anything else."""

    BACKGROUND = "background"
    PRACTICE = "practice"
    RESULTS = "results"
    LESSONS = "lessons"
    OTHER = "other"
    CHOICES = [
        (BACKGROUND, _("Background and motivation")),
        (PRACTICE, _("Main practices")),
        (RESULTS, _("Results")),
        (LESSONS, _("Lessons")),
        (OTHER, _("Other")),
    ]

    @classmethod
    def label(cls, kind):
        return dict(cls.CHOICES).get(kind, "")


class ChangeFigureBlock(blocks.StructBlock):
    """One figure measured before and after, e.g. “三无”小区 19 → 3 个 (2021–2023); "after" may be a live count."""

    label = blocks.CharBlock(label=_("Label"), max_length=60)
    before = blocks.DecimalBlock(label=_("Before"), max_digits=14, decimal_places=2)
    after = blocks.DecimalBlock(label=_("After"), max_digits=14, decimal_places=2, required=False)
    after_count = blocks.ChoiceBlock(
        label=_("After: counted from the portal's data"),
        choices=count_choices,
        required=False,
        help_text=_("For a count of things the portal lists (stations, grids…): leave After empty, it is counted."),
    )
    unit = blocks.CharBlock(label=_("Unit"), max_length=12, required=False)
    year = blocks.IntegerBlock(label=_("Year"), required=False, min_value=1949, max_value=2100)

    class Meta:
        icon = "order"
        label = _("Before/after figure")

    def clean(self, value):
        value = super().clean(value)
        if value.get("after") is None and not value.get("after_count"):
            raise StructBlockValidationError(
                block_errors={"after": ValidationError(_("Enter the value after, or choose what to count."))}
            )
        if value.get("after") is not None and value.get("after_count"):
            raise StructBlockValidationError(
                block_errors={"after": ValidationError(_("Either type the value after or count it, not both."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["change"] = change_of(value)
        return context


def change_of(value):
    """The FigureChange of a ChangeFigureBlock value (the "after" counted live when so chosen), or None
    when a value is missing."""
    after = value.get("after")
    if value.get("after_count"):
        after = live_count(value["after_count"])
    if value.get("before") is None or after is None:
        return None
    return compute_change(value["before"], after, value.get("unit") or "")


class ChangeFiguresBlock(blocks.StructBlock):
    """A group of before/after figures with the change computed, not typed in."""

    title = blocks.CharBlock(label=_("Title"), max_length=80, required=False)
    figures = blocks.ListBlock(ChangeFigureBlock(), label=_("Figures"), min_num=1, max_num=12)

    class Meta:
        icon = "list-ol"
        label = _("Before/after figures")
        template = "showcase/blocks/change_figures_block.html"
        preview_value = {
            "title": "治理成效",
            "figures": [
                {"label": "“三无”小区", "before": "19", "after": "3", "unit": "个", "year": 2023},
                {"label": "物业服务满意率", "before": "71.2", "after": "93.6", "unit": "%", "year": 2023},
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["rows"] = [(figure, change_of(figure)) for figure in value["figures"]]
        return context


class SectionContentBlock(blocks.StreamBlock):
    """What a case section may contain."""

    paragraph = ParagraphBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    figures = ChangeFiguresBlock()
    key_figures = KeyFiguresBlock()
    table = PortalTableBlock()


class CaseSectionBlock(blocks.StructBlock):
    """One part of a case (背景动因, 主要做法, 取得成效, 经验启示); editors may reorder or omit them."""

    kind = blocks.ChoiceBlock(choices=SectionKind.CHOICES, default=SectionKind.PRACTICE, label=_("Section"))
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to use the section's standard name."),
    )
    content = SectionContentBlock(label=_("Content"))

    class Meta:
        icon = "doc-full"
        label = _("Case section")
        template = "showcase/blocks/case_section_block.html"
        preview_value = {
            "kind": SectionKind.PRACTICE,
            "heading": "",
            "content": [{"type": "paragraph", "value": "<p>街道推动社区党委牵头成立业主委员会党支部。</p>"}],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["section_title"] = value["heading"] or SectionKind.label(value["kind"])
        return context


class CaseStreamBlock(blocks.StreamBlock):
    """The body of a case study: sections, plus figures and images between them."""

    section = CaseSectionBlock()
    figures = ChangeFiguresBlock()
    paragraph = ParagraphBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()


class HighlightBlock(blocks.StructBlock):
    """One highlight of a brand project: what it does that others can learn from."""

    title = blocks.CharBlock(label=_("Title"), max_length=60)
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "pick"
        label = _("Highlight")
        template = "showcase/blocks/highlight_block.html"
        preview_value = {"title": "物业服务进网格", "text": "物业项目经理担任网格兼职委员，每月参加网格议事会。"}


class HonourBlock(blocks.StructBlock):
    """An honour a community or project received."""

    year = blocks.IntegerBlock(label=_("Year"), min_value=1949, max_value=2100)
    title = blocks.CharBlock(label=_("Honour"), max_length=120)
    awarded_by = blocks.CharBlock(label=_("Awarded by"), max_length=80, required=False)

    class Meta:
        icon = "success"
        label = _("Honour")


class OrganisationLevel:
    """The four levels of the party organisation in a community."""

    CHOICES = [
        ("committee", _("Community party committee")),
        ("branch", _("Grid party branch")),
        ("group", _("Building party group")),
        ("household", _("Party-member household")),
    ]


class OrganisationLevelBlock(blocks.StructBlock):
    """One level of the four-level structure: 社区党委 → 网格党支部 → 楼栋党小组 → 党员中心户."""

    level = blocks.ChoiceBlock(choices=OrganisationLevel.CHOICES, label=_("Level"))
    name = blocks.CharBlock(label=_("Organisation name"), max_length=80)
    count = blocks.IntegerBlock(label=_("Number of units"), min_value=0, required=False)
    description = blocks.TextBlock(label=_("What this level does"), required=False)

    class Meta:
        icon = "group"
        label = _("Organisation level")
