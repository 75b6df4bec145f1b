"""Wagtail's admin search over the portal's analysed text, through one search field per model.

Wagtail's database backends store text as the database cuts it: an unbroken run of Chinese is one
token, so 网格 would not find 社区实行网格化管理. A model that the admin searches therefore indexes a
single :class:`index.SearchField` over :meth:`AdminSearchable.admin_search_text`, a method that returns
the text already cut into words (jieba, space-joined) with the synonyms of its words added — the
public ``SearchField``-on-a-method extension point, nothing re-wired inside Wagtail.

What that text is, is declared once: for content the site's search shows, the search app's document
for the model (``search/registry.py``: title, summary, keywords, body) — the same declaration the
site's engines index; for the other models (the three lists, the dictionary, streets and grids), the
fields named in ``admin_search_fields``. The search app analyses the text and hands the function over
at start-up (:func:`provide`), so that this module imports no app.

Usage::

    class NewsPage(AdminSearchable, Page):
        search_fields = page_fields(index.FilterField("date"))

    class Need(AdminSearchable, index.Indexed, models.Model):
        admin_search_fields = ("title", "description", "reference")
        search_fields = fields(index.FilterField("status"))
"""

from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page
from wagtail.search import index

#: The name of the method every admin-searchable model indexes.
TEXT_METHOD = "admin_search_text"

_provider = None


def provide(function):
    """Set ``function(obj) -> str``, the analysed text of an object (the search app calls it in ``ready()``)."""
    global _provider
    _provider = function


class AdminSearchable:
    """A model whose admin search runs over the analysed text the search app provides."""

    #: For a model without a search document: the fields (or methods) whose text the admin finds it by.
    admin_search_fields = ()

    def admin_search_text(self):
        """This object's searchable text, cut into words, with the synonyms of those words."""
        if _provider is None:
            raise ImproperlyConfigured("the search app provides the admin search text: add it to INSTALLED_APPS")
        return _provider(self)


def fields(*extra, autocomplete=None):
    """``search_fields`` of a model: the one analysed text field, a title autocomplete if named, then ``extra``.

    ``autocomplete`` names the field whose prefix the admin matches while a Latin-letter query is
    typed (a Chinese query searches the whole analysed text; see search/wagtail_backend.py).
    """
    own = [index.SearchField(TEXT_METHOD)]
    if autocomplete:
        own.append(index.AutocompleteField(autocomplete))
    return [*own, *extra]


def page_fields(*extra):
    """``search_fields`` of a page type: Wagtail's own (``Page.search_fields``), the analysed text, then ``extra``.

    Wagtail's own fields stay whole, as its system check asks: its raw title adds nothing a query finds
    (the analysed text holds the title's words) but keeps the title autocomplete and the admin's filters.
    """
    return [*Page.search_fields, index.SearchField(TEXT_METHOD), *extra]


def holds_analysed_text(model):
    """Whether the index holds ``model``'s analysed text (Wagtail's ``Page`` searches its specific pages' entries)."""
    return model is Page or issubclass(model, AdminSearchable)
