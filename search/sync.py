"""Keep the index true: follow Wagtail's own page events and snippet saves, after the commit.

Publishing indexes the page; unpublishing or deleting removes it; moving or a new slug re-indexes the
page and its descendants (their URLs changed); privacy changes re-check the subtree. A failing engine is logged
and never blocks an editor: ``check_search_index`` reports the drift and a rebuild repairs it.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import registry

logger = logging.getLogger(__name__)
_connected = False


def _engine():
    from search.engine import get_engine

    return get_engine()


def _safely(action, *args):
    try:
        action(*args)
    except Exception:  # noqa: BLE001 - the index can be repaired later; publishing must not fail
        logger.exception("search index update failed")


def _later(action, *args):
    transaction.on_commit(partial(_safely, action, *args))


def index_object(obj):
    """Index (or remove, when no longer public) one object now."""
    _engine().index(obj)


def index_subtree(page):
    """Re-index a page and its registered descendants (URLs or privacy may have changed)."""
    engine = _engine()
    for descendant in page.get_descendants(inclusive=True).specific().iterator(chunk_size=200):
        if registry.document_for(descendant) is not None:
            engine.index(descendant)


def delete_key(key):
    _engine().delete(key)


def page_key(page):
    """The index key of a page, from its specific class even when given a plain Page."""
    klass = page.specific_class or type(page)
    document = registry.document_for(klass)
    return f"{document.model._meta.label_lower}:{page.pk}" if document else None


def on_page_published(sender, instance, **kwargs):
    if registry.document_for(instance) is not None:
        _later(index_object, instance)


def on_page_unpublished(sender, instance, **kwargs):
    key = page_key(instance)
    if key:
        _later(delete_key, key)


def on_page_moved(sender, instance, **kwargs):
    _later(index_subtree, instance)


def on_page_deleted(sender, instance, **kwargs):
    key = page_key(instance)
    if key:
        _later(delete_key, key)


def on_restriction_changed(sender, instance, **kwargs):
    if instance.page_id:
        _later(index_subtree, instance.page)


def on_snippet_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _later(index_object, instance)


def on_snippet_deleted(sender, instance, **kwargs):
    _later(delete_key, registry.entry_key(instance))


def dictionary_changed(words):
    """A dictionary term changed: reload jieba, re-index what contains it, offer it while typing."""
    from search.analysis import dictionary
    from search.suggest import Vocabulary

    dictionary.invalidate()
    engine = _engine()
    for key in engine.keys_containing(words):
        obj = registry.load(key)
        if obj is None:
            engine.delete(key)
        else:
            engine.index(obj)
    vocabulary = Vocabulary()
    vocabulary.add_terms()
    engine.update_suggestions(vocabulary)


def on_term_changed(sender, instance, **kwargs):
    _later(dictionary_changed, [instance.term, *instance.synonym_list()])


def connect():
    """Connect the signal handlers once (called from SearchConfig.ready)."""
    global _connected
    if _connected:
        return
    _connected = True
    page_published.connect(on_page_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search.page_moved")
    page_slug_changed.connect(on_page_moved, dispatch_uid="search.page_slug_changed")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search.page_deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted")
    from search.models import SearchTerm

    post_save.connect(on_term_changed, sender=SearchTerm, dispatch_uid="search.term_saved")
    post_delete.connect(on_term_changed, sender=SearchTerm, dispatch_uid="search.term_deleted")
    for document in registry.documents():
        model = document.model
        if issubclass(model, Page):
            continue
        uid = model._meta.label_lower
        post_save.connect(on_snippet_saved, sender=model, dispatch_uid=f"search.saved.{uid}")
        post_delete.connect(on_snippet_deleted, sender=model, dispatch_uid=f"search.deleted.{uid}")
