"""The content version: one number that changes whenever public content changes, and the one place that decides it.

Each app declares in its ``AppConfig.ready()`` which of its models change what the public sees::

    content_version.watch(Street, Community, …)                  # every saved or deleted row counts
    content_version.watch(Need, public=Need.is_visible_change)   # only rows the predicate accepts

Wagtail's page events (publish, unpublish, move) count too (wired in ``portal.apps``). After the
transaction commits, ``_changed`` bumps the version and sends ``signals.content_changed`` with the
instance, the pages whose rendering changed and whether the reach is unclear (``purge_all``).
"""

import contextvars

from django.db import DatabaseError, connections, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from portal.ground.models import ContentVersion
from portal.ground.signals import content_changed

_PUBLIC_RULES = {}  # model → predicate(instance) or None (every row counts)
# The version of the request being served, for code that has no request at hand (see ``start_serving``).
_serving = contextvars.ContextVar("content_version_serving", default=None)
_READ_STATEMENTS = {}  # database alias → (sql, params) of the read


def current(request=None):
    """The current version, read once per request (a single indexed one-row read).

    None means "do not cache": before migrations, and for Wagtail previews, which render
    unpublished drafts that must never reach (or be served from) the public caches.
    """
    if request is not None and getattr(request, "is_preview", False):
        return None
    if request is not None and hasattr(request, "_content_version"):
        return request._content_version
    if request is None and _serving.get() is not None:
        return _serving.get()
    try:
        value = _read()
    except DatabaseError:  # table missing (before migrate): never cache
        return None
    if request is not None:
        request._content_version = value
    return value


def _read():
    """The stored value, or None. Every request reads it, so the ORM's SQL for the read is compiled
    once (per database alias) and then only executed: the same statement, without building a queryset each time.
    """
    connection = connections[ContentVersion.objects.db]
    statement = _READ_STATEMENTS.get(connection.alias)
    if statement is None:
        query = ContentVersion.objects.filter(pk=1).values_list("value").query
        statement = _READ_STATEMENTS[connection.alias] = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        row = cursor.fetchone()
    return row[0] if row else None


def start_serving(request):
    """While a page is served, ``current()`` without a request answers with that request's version.

    Code that has no request at hand (a page's ``get_view_restrictions()``) then reads no row either.
    Returns the token to give ``stop_serving`` once the response is made.
    """
    return _serving.set(current(request))


def stop_serving(token):
    try:
        _serving.reset(token)
    except ValueError:  # set in another context (an async hand-over): forget it here
        _serving.set(None)


def _bump_now():
    if not ContentVersion.objects.filter(pk=1).update(value=F("value") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"value": 2})


def _changed(instance=None, pages=(), purge_all=True):
    """After the transaction commits: bump the version, then announce the change."""

    def announce():
        try:
            _bump_now()
        except DatabaseError:  # during the very first migrate the table does not exist yet
            return
        content_changed.send(sender=ContentVersion, instance=instance, pages=list(pages), purge_all=purge_all)

    transaction.on_commit(announce)


def watch(*models, public=None):
    """Declare that saving or deleting rows of ``models`` changes public content (call from ``ready()``).

    ``public(instance)`` may say that a given row is not public (e.g. a resident's need awaiting
    review); then its save or delete changes nothing. Draft saves of pages that are not live never count.
    """
    for model in models:
        _PUBLIC_RULES[model] = public
        label = model._meta.label_lower
        post_save.connect(_on_row_change, sender=model, dispatch_uid=f"content-version-save-{label}")
        post_delete.connect(_on_row_change, sender=model, dispatch_uid=f"content-version-delete-{label}")


def watched(model):
    """True when ``model`` was declared with ``watch``."""
    return model in _PUBLIC_RULES


def _on_row_change(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures and restores load rows without meaning a change
        return
    public = _PUBLIC_RULES.get(sender)
    if public is not None and not public(instance):
        return
    from wagtail.models import Page

    if isinstance(instance, Page):
        if not instance.live and "created" in kwargs:  # a draft of a page the public does not see
            return
        _changed(instance, pages=[instance], purge_all=False)
    else:
        _changed(instance)


def on_page_event(sender, instance=None, **kwargs):
    """Receiver of Wagtail's page_published, page_unpublished and post_page_move."""
    _changed(instance, pages=[instance] if instance is not None else [], purge_all=False)
