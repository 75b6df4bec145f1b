"""Creating or updating news and case pages from parsed articles, idempotently by content hash."""

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

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
            "file": self.file,
            "action": self.action,
            "live": bool(page.live) if page is not None else False,
            "dropped": self.article.dropped,
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
    words = [re.sub(r"[^a-z0-9]+", "-", word.lower()) for word in lazy_pinyin(title)]
    base = re.sub(r"-{2,}", "-", "-".join(w.strip("-") for w in words if w.strip("-")))[:60].strip("-") or "article"
    slug, n = base, 2
    siblings = parent.get_children()
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def paragraph_block(text):
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def news_body(article):
    blocks = []
    for kind, text in article.blocks:
        if kind == "paragraph":
            blocks.append(paragraph_block(text))
        else:
            blocks.append(
                {"type": "heading", "value": {"text": text[:120], "level": "h2" if kind == "heading" else "h3"}}
            )
    return blocks


def case_body(article):
    """Case sections from the numbered headings; text before the first heading opens a background section."""
    sections = []
    current = None
    for kind, text in article.blocks:
        if kind == "heading":
            current = {"kind": section_kind_for(text), "heading": text[:80], "content": []}
            sections.append(current)
            continue
        if current is None:
            current = {"kind": "background", "heading": "", "content": []}
            sections.append(current)
        html_text = f"<strong>{escape(text)}</strong>" if kind == "subheading" else escape(text)
        current["content"].append({"type": "paragraph", "value": f"<p>{html_text}</p>"})
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


def page_fields(kind, article):
    """Field values of the page an article becomes."""
    fields = {
        "title": article.title,
        "date": article.date or datetime.date.today(),
        "source": article.source,
        "summary": article.summary(),
    }
    if kind == "news":
        fields.update(author=article.author, category=news_category(article.title), body=news_body(article))
    else:
        fields["body"] = case_body(article)
    return fields


def page_model(kind):
    if kind == "news":
        from home.models import NewsPage

        return NewsPage
    from ..models import CaseStudyPage

    return CaseStudyPage


def existing_page(kind, content_hash, parent, article):
    """The page this article was imported as before: same content, else same title and date under the parent."""
    from ..models import ImportedArticle

    record = ImportedArticle.objects.filter(kind=kind, content_hash=content_hash).select_related("page").first()
    if record is not None:
        return page_model(kind).objects.filter(pk=record.page_id).first()
    if article.date:
        return page_model(kind).objects.child_of(parent).filter(title=article.title, date=article.date).first()
    return None


def import_file(path, kind, parent, publish=False, dry_run=False, display_name=None):
    """Import one file; nothing is written when it fails (ArticleImportError) or in a dry run."""
    from ..models import ImportedArticle

    article = parse_document(read_document(path))
    if not article.title:
        raise ArticleImportError(_("No title found in the file."))
    if not article.paragraphs():
        raise ArticleImportError(_("No body text found after the title."))
    content_hash = hashlib.sha256(article.text_for_hash().encode("utf-8")).hexdigest()
    name = display_name or str(path)
    page = existing_page(kind, content_hash, parent, article)
    if dry_run:
        return ImportOutcome(name, "would-update" if page else "would-create", page, article)
    with transaction.atomic():
        fields = page_fields(kind, article)
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
        revision = page.save_revision()
        if publish:
            revision.publish()
        ImportedArticle.objects.update_or_create(
            kind=kind, content_hash=content_hash, defaults={"page": page, "file_name": name[:255]}
        )
    page = page_model(kind).objects.get(pk=page.pk)
    return ImportOutcome(name, action, page, article)
