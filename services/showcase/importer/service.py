"""Creating or updating news and case pages from parsed articles, without duplicates.

A report imported again (another copy, another format, Traditional instead of Simplified) updates the page it
became the first time: matched by its body's fingerprint, or by title, date and source under the same parent.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from portal.ground import pinyin
from portal.ground.pages import unique_child_slug

from .chrome import repeated_lines
from .parser import parse_document, section_kind_for
from .reader import ArticleImportError, read_document

KINDS = ("news", "case")
DEFAULT_PARENT_SLUG = {"news": "news", "case": "cases"}


@dataclass
class ImportOutcome:
    """What happened to one file."""

    file: str
    action: str  # created | updated | would-create | would-update
    page: object
    article: object

    def as_json(self):
        page = self.page
        return {
            "id": page.pk if page is not None else None,
            "url": page.url if page is not None else None,
            "title": self.article.title,
            "date": self.article.date.isoformat() if self.article.date else None,
            "source": self.article.source,
            "author": self.article.author,
            "file": self.file,
            "action": self.action,
            "live": bool(page.live) if page is not None else False,
            "dropped": self.article.dropped,
            "found": self.article.found,
        }


def parent_model(kind):
    if kind == "news":
        from home.models import NewsIndexPage

        return NewsIndexPage
    from ..models import CaseStudyIndexPage

    return CaseStudyIndexPage


def find_parent(kind, slug=None):
    """The index page new pages go under, or ArticleImportError when there is none."""
    slug = slug or DEFAULT_PARENT_SLUG[kind]
    parent = parent_model(kind).objects.filter(slug=slug).first()
    if parent is None:
        raise ArticleImportError(
            _("No %(model)s with the slug “%(slug)s” exists.")
            % {"model": parent_model(kind)._meta.verbose_name, "slug": slug}
        )
    return parent


def pinyin_slug(title, parent):
    """An ASCII slug from the title's pinyin, unique among the parent's children."""
    return unique_child_slug(parent, pinyin.slug(title, max_length=60) or "article")


def paragraph_block(text):
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def table_block(rows):
    """A table block from rows written as 'cell | cell'; the first row is the header, as in reports."""
    data = [row.split(" | ") for row in rows]
    width = max(len(row) for row in data)
    return {
        "type": "table",
        "value": {
            "first_row_is_table_header": len(data) > 1,
            "data": [row + [""] * (width - len(row)) for row in data],
        },
    }


def image_block(article, name, images):
    image = images.get(name)
    if image is None:
        return None
    return {"type": "image", "value": {"image": image.pk, "alt_text": article.title[:200], "caption": ""}}


def grouped(article):
    """The article's blocks with consecutive table rows gathered into one ("table", [rows])."""
    result = []
    for kind, text in article.blocks:
        if kind == "table" and result and result[-1][0] == "table":
            result[-1][1].append(text)
        else:
            result.append((kind, [text] if kind == "table" else text))
    return result


def content_block(article, kind, value, images):
    """A block for a paragraph, table or image (None for an image that was not stored)."""
    if kind == "table":
        return table_block(value)
    if kind == "image":
        return image_block(article, value, images)
    return paragraph_block(value)


def news_body(article, images=None):
    blocks = []
    for kind, value in grouped(article):
        if kind in ("heading", "subheading"):
            blocks.append(
                {"type": "heading", "value": {"text": value[:120], "level": "h2" if kind == "heading" else "h3"}}
            )
        else:
            blocks.append(content_block(article, kind, value, images or {}))
    return [block for block in blocks if block]


def case_body(article, images=None):
    """Case sections from the numbered headings; text before the first heading opens a background section."""
    sections = []
    current = None
    for kind, value in grouped(article):
        if kind == "heading":
            current = {"kind": section_kind_for(value), "heading": value[:80], "content": []}
            sections.append(current)
            continue
        if current is None:
            current = {"kind": "background", "heading": "", "content": []}
            sections.append(current)
        if kind == "subheading":
            block = {"type": "paragraph", "value": f"<p><strong>{escape(value)}</strong></p>"}
        else:
            block = content_block(article, kind, value, images or {})
        if block:
            current["content"].append(block)
    return [{"type": "section", "value": section} for section in sections if section["content"] or section["heading"]]


def news_category(title):
    from home.models import NewsCategory

    if "发布会" in title:
        return NewsCategory.PRESS_CONFERENCE
    if any(word in title for word in ("通知", "公告", "通告")):
        return NewsCategory.NOTICE
    if "报告" in title:
        return NewsCategory.REPORT
    return NewsCategory.WORK_UPDATE


def page_fields(kind, article, images=None):
    """Field values of the page an article becomes."""
    fields = {
        "title": article.title,
        "date": article.date or datetime.date.today(),
        "source": article.source,
        "summary": article.summary(),
    }
    if kind == "news":
        fields.update(author=article.author, category=news_category(article.title), body=news_body(article, images))
    else:
        fields["body"] = case_body(article, images)
    return fields


def store_images(article):
    """Wagtail images for the article's pictures; a picture imported before is reused (same file hash)."""
    image_model = get_image_model()
    images = {}
    for name, data in article.images.items():
        digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own file_hash is SHA-1
        image = image_model.objects.filter(file_hash=digest).first()
        if image is None:
            image = image_model(title=f"{article.title[:80]}（{name}）")
            image.file.save(name, ContentFile(data), save=False)
            image.save()
        images[name] = image
    return images


def page_model(kind):
    if kind == "news":
        from home.models import NewsPage

        return NewsPage
    from ..models import CaseStudyPage

    return CaseStudyPage


def existing_page(kind, content_hash, parent, article):
    """The page this article was imported as before: the same body, else the same title, date and source."""
    from ..models import ImportedArticle

    record = ImportedArticle.objects.filter(kind=kind, content_hash=content_hash).select_related("page").first()
    if record is not None:
        return page_model(kind).objects.filter(pk=record.page_id).first()
    if article.date:
        same = page_model(kind).objects.child_of(parent).filter(title=article.title, date=article.date)
        return (same.filter(source=article.source).first() if article.source else None) or same.first()
    return None


def read_articles(paths):
    """(path, article or ArticleImportError) per file; lines repeated across the batch are dropped as chrome."""
    documents = []
    for path in paths:
        try:
            documents.append((path, read_document(path)))
        except ArticleImportError as exc:
            documents.append((path, exc))
    repeated = repeated_lines([doc for _path, doc in documents if not isinstance(doc, Exception)])
    return [(path, doc if isinstance(doc, Exception) else parse_document(doc, repeated)) for path, doc in documents]


def check_article(article):
    """Raise ArticleImportError for an article that cannot become a page."""
    if not article.title:
        raise ArticleImportError(_("No title found in the file."))
    if not article.paragraphs():
        raise ArticleImportError(_("No body text found after the title."))


def submit_for_moderation(page, user):
    """Start the page's moderation workflow for a draft an editor imported (no-op without a workflow)."""
    workflow = page.get_workflow()
    if workflow is None or page.workflow_in_progress:
        return
    workflow.start(page, user)


def import_article(article, kind, parent, publish=False, dry_run=False, name="", user=None):
    """Create or update the page for a parsed (and possibly editor-corrected) article."""
    from ..models import ImportedArticle

    check_article(article)
    content_hash = hashlib.sha256(article.text_for_hash().encode("utf-8")).hexdigest()
    page = existing_page(kind, content_hash, parent, article)
    if dry_run:
        return ImportOutcome(name, "would-update" if page else "would-create", page, article)
    with transaction.atomic():
        fields = page_fields(kind, article, store_images(article))
        if page is None:
            action = "created"
            page = page_model(kind)(slug=pinyin_slug(article.title, parent), live=publish, **fields)
            parent.add_child(instance=page)
        else:
            action = "updated"
            for key, value in fields.items():
                setattr(page, key, value)
            if not page.live:
                page.save()
        revision = page.save_revision(user=user)
        if publish:
            revision.publish(user=user)
        elif user is not None:
            submit_for_moderation(page, user)
        ImportedArticle.objects.update_or_create(
            kind=kind,
            content_hash=content_hash,
            defaults={"page": page, "file_name": name[:255], "original_text": article.original_text},
        )
    page = page_model(kind).objects.get(pk=page.pk)
    return ImportOutcome(name, action, page, article)
