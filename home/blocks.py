"""StreamField blocks shared by every page type of the portal.

Each block sets an icon, a template and a preview value so that editors see
it in the block picker preview.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3) that also feeds the page's table of contents."""

    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading_block.html"
        preview_value = {"text": "办理流程", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text limited to what a public page needs."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "home/blocks/paragraph_block.html"
        preview_value = "<p>社区党群服务中心为居民提供政策咨询、证明开具、文体活动等一站式服务。</p>"


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with a caption and required alternative text."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), max_length=200, help_text=_("Describe the image for screen-reader users.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "home/blocks/image_block.html"
        preview_value = {"alt_text": "社区志愿者在党群服务中心门前合影", "caption": "志愿者服务日"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with its speaker."""

    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote_block.html"
        preview_value = {"text": "小事不出网格，大事不出社区。", "attribution": "柳荫街道党工委书记"}


class KeyFigureBlock(blocks.StructBlock):
    """One headline number, such as 48 duties or 96% satisfaction."""

    value = blocks.CharBlock(label=_("Value"), max_length=20)
    unit = blocks.CharBlock(label=_("Unit"), max_length=20, required=False)
    label = blocks.CharBlock(label=_("Label"), max_length=60)

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    """A row of headline numbers."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=80)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=8)

    class Meta:
        icon = "list-ol"
        label = _("Key figures")
        template = "home/blocks/key_figures_block.html"
        preview_value = {
            "title": "数说社区",
            "figures": [
                {"value": "48", "unit": "项", "label": "依法履职事项"},
                {"value": "96.5", "unit": "%", "label": "群众满意率"},
            ],
        }


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to the next thing a resident should do."""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Page"), required=False)
    link_url = blocks.URLBlock(label=_("Or URL"), required=False)
    button_text = blocks.CharBlock(label=_("Button text"), max_length=30, default="立即办理")

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "home/blocks/call_to_action_block.html"
        preview_value = {
            "title": "遇到问题？",
            "text": "小区环境、物业服务、噪音扰民，都可以在线反映。",
            "link_url": "/feedback/",
            "button_text": "我要反映",
        }


class FAQItemBlock(blocks.StructBlock):
    """One question and its answer."""

    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    """Questions and answers shown as an accordion (native <details>, no script needed)."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=80, default="常见问题")
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("FAQ")
        template = "home/blocks/faq_block.html"
        preview_value = {
            "title": "常见问题",
            "items": [
                {"question": "周末可以办理吗？", "answer": "<p>党群服务中心周六上午9:00—12:00提供值班服务。</p>"},
            ],
        }


class DocumentLinkBlock(blocks.StructBlock):
    """A downloadable document such as an application form."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "home/blocks/document_link_block.html"
        preview_value = {"title": "申请表（下载）"}


class PortalTableBlock(TableBlock):
    """A simple table with a header row."""

    class Meta:
        icon = "table"
        label = _("Table")
        template = "home/blocks/table_block.html"
        preview_value = {
            "first_row_is_table_header": True,
            "data": [["事项", "办理地点"], ["居住证明", "社区党群服务中心一楼"]],
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The body of standard pages, news and other content pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    call_to_action = CallToActionBlock()
    table = PortalTableBlock()
    faq = FAQBlock()
    document = DocumentLinkBlock()

    class Meta:
        icon = "doc-full"
