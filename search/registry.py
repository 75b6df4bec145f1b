"""The registry through which content joins search.

Each content app has a ``documents.py`` that subclasses :class:`SearchDocument` (or
:class:`PageDocument` for Wagtail pages) and decorates it with :func:`register`. A document class
says which objects are public, what text they index and how a hit renders; views and engines
only ever see :class:`PreparedDocument` values, never content models.
"""

import datetime
import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search import analysis

# Result types in display order: key → label. `page` collects everything else.
TYPES = {
    "guide": _("Service guides"),
    "station": _("Stations"),
    "news": _("News"),
    "case": _("Case studies"),
    "brand": _("Brand projects"),
    "community": _("Communities"),
    "item": _("Points exchange items"),
    "activity": _("Activities open for sign-up"),
    "page": _("Other pages"),
}

_DOCUMENTS = {}


def register(document_class):
    """Class decorator: make ``document_class.model`` searchable. Registering a model again replaces it."""
    if document_class.doc_type not in TYPES:
        raise ValueError(f"unknown search type {document_class.doc_type!r}; use one of {', '.join(TYPES)}")
    _DOCUMENTS[document_class.model._meta.label_lower] = document_class()
    return document_class


def unregister(model):
    """Remove a model from search (used by tests)."""
    _DOCUMENTS.pop(model._meta.label_lower, None)


def documents():
    """The registered document definitions."""
    return list(_DOCUMENTS.values())


def document_for(obj_or_model):
    """The document definition for an object or model (or a subclass of a registered model), else None."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        meta = getattr(klass, "_meta", None)
        if meta is not None and not meta.abstract and meta.label_lower in _DOCUMENTS:
            return _DOCUMENTS[meta.label_lower]
    return None


def entry_key(obj):
    """The index key of an object: ``app_label.model:pk`` of its registered model."""
    document = document_for(obj)
    label = document.model._meta.label_lower if document else obj._meta.label_lower
    return f"{label}:{obj.pk}"


@dataclass
class PreparedDocument:
    """What an engine stores for one object: display fields, analysed text, facets, location."""

    key: str
    doc_type: str
    model_label: str
    object_id: str
    title: str
    url: str
    summary: str = ""
    body_text: str = ""
    category: str = ""
    category_label: str = ""
    community: str = ""
    date: datetime.date | None = None
    lat: float | None = None
    lng: float | None = None
    boost: float = 1.0
    keywords: list = field(default_factory=list)

    @property
    def year(self):
        return self.date.year if self.date else None

    @property
    def title_norm(self):
        return analysis.normalize(self.title)

    def tokens(self):
        """(title tokens, body tokens) as space-joined strings (analysed once per document)."""
        return self._tokens

    @functools.cached_property
    def _tokens(self):
        body = " ".join(part for part in (self.summary, " ".join(self.keywords), self.body_text) if part)
        return analysis.token_string(self.title), analysis.token_string(body)

    @property
    def checksum(self):
        """A fingerprint of everything stored, tokens included, so drift between content and index can be found.

        The tokens depend on the dictionary: after an editor adds a word, the documents whose
        segmentation it changes no longer match their indexed checksum until they are indexed again.
        """
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["tokens"] = self.tokens()
        raw = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()


def clean_text(value):
    """Plain text from strings, rich text, StreamField values, lists or None."""
    if value is None:
        return ""
    if hasattr(value, "stream_block"):
        return " ".join(clean_text(v) for v in value.stream_block.get_searchable_content(value))
    if hasattr(value, "source"):  # RichText
        value = value.source
    if isinstance(value, list | tuple):
        return " ".join(clean_text(v) for v in value)
    text = strip_tags(str(value))
    return " ".join(text.split())


class SearchDocument:
    """How one model appears in search. Subclasses set ``model`` and ``doc_type`` and override hooks."""

    model = None
    doc_type = "page"
    boost = 1.0

    def get_queryset(self):
        """Objects that are public and should be in the index."""
        return self.model._default_manager.all()

    def is_public(self, obj):
        """Whether this one object may be shown in public search now."""
        return self.get_queryset().filter(pk=obj.pk).exists()

    def title(self, obj):
        return str(obj)

    def url(self, obj):
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""

    def summary(self, obj):
        return ""

    def body(self, obj):
        """Body text: a string or a list of strings/StreamField values (structured fields welcome)."""
        return ""

    def category(self, obj):
        """(value, label) for the category facet, or None."""
        return None

    def community(self, obj):
        """Name of the community this object belongs to, or ''."""
        return ""

    def date(self, obj):
        return None

    def location(self, obj):
        """(lat, lng) in WGS-84 for geo filtering, or None."""
        return None

    def keywords(self, obj):
        """Extra words that should find this object (tags, services, facilities)."""
        return []

    def text(self, obj):
        """All of ``obj``'s searchable text in one string: title, summary, keywords and body.

        These hooks are the one declaration of what finds an object: the site's engines index them
        (:meth:`prepare`), and Wagtail's admin search indexes this text, analysed
        (``portal.ground.admin_search``, provided by search/wagtail_backend.py).
        """
        parts = [self.title(obj), self.summary(obj), *self.keywords(obj), self.body(obj)]
        return " ".join(text for text in (clean_text(part) for part in parts if part) if text)

    def prepare(self, obj):
        """Build the PreparedDocument for ``obj`` (assumes it is public)."""
        category = self.category(obj) or ("", "")
        location = self.location(obj) or (None, None)
        url = self.url(obj) or ""
        date = self.date(obj)
        if isinstance(date, datetime.datetime):
            date = date.date()
        return PreparedDocument(
            key=entry_key(obj),
            doc_type=self.doc_type,
            model_label=self.model._meta.label_lower,
            object_id=str(obj.pk),
            title=clean_text(self.title(obj))[:300],
            url=url[:500],
            summary=clean_text(self.summary(obj))[:500],
            body_text=analysis.fold(clean_text(self.body(obj))),
            category=str(category[0] or "")[:60],
            category_label=str(category[1] or "")[:60],
            community=clean_text(self.community(obj))[:100],
            date=date,
            lat=float(location[0]) if location[0] is not None else None,
            lng=float(location[1]) if location[1] is not None else None,
            boost=float(self.boost),
            keywords=[clean_text(k) for k in self.keywords(obj) if k],
        )

    def iter_public(self, chunk_size=500):
        """All public objects, in chunks, for a rebuild."""
        queryset = self.get_queryset().order_by("pk")
        last_pk = None
        while True:
            chunk = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            chunk = list(chunk[:chunk_size])
            if not chunk:
                return
            yield from chunk
            last_pk = chunk[-1].pk


class PageDocument(SearchDocument):
    """A Wagtail page type: live, public pages that belong to a site."""

    def get_queryset(self):
        return self.model.objects.live().public()

    def is_public(self, obj):
        return obj.live and self.model.objects.live().public().filter(pk=obj.pk).exists() and bool(self.url(obj))

    def title(self, obj):
        return obj.title

    def url(self, obj):
        return obj.get_url() or ""

    def summary(self, obj):
        return obj.search_description or getattr(obj, "introduction", "") or getattr(obj, "summary", "")

    def date(self, obj):
        published = obj.first_published_at or obj.last_published_at
        return published.date() if published else None

    def iter_public(self, chunk_size=500):
        for page in super().iter_public(chunk_size):
            if self.url(page):
                yield page


def prepare(obj):
    """The PreparedDocument for ``obj`` if it is registered and public now, else None."""
    document = document_for(obj)
    if document is None or not document.is_public(obj):
        return None
    return document.prepare(obj)


def load(key):
    """The object behind an index key, or None when it no longer exists or its type is unregistered."""
    label, _, pk = key.rpartition(":")
    document = _DOCUMENTS.get(label)
    if document is None:
        return None
    return document.model._default_manager.filter(pk=pk).first()


def count_public():
    """How many objects a full rebuild will index (before URL checks)."""
    return sum(document.get_queryset().count() for document in documents())


def iter_prepared():
    """Every public object of every registered type, prepared."""
    for document in documents():
        for obj in document.iter_public():
            yield document.prepare(obj)
