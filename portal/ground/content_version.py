"""The content version: one number that changes whenever public content changes (see portal.models.ContentVersion)."""

from django.db import DatabaseError, connection, transaction

from portal.ground.signals import content_changed

_SELECT = "SELECT value FROM portal_contentversion WHERE id = 1"
_BUMP = "UPDATE portal_contentversion SET value = value + 1 WHERE id = 1"

# Apps whose rows change what the public sees; their saves bump the version. Resident
# submissions (feedback), search bookkeeping, sessions and task results do not.
CONTENT_APPS = {
    "home",
    "places",
    "catalog",
    "showcase",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
    "wagtailredirects",
}
IGNORED_MODELS = {
    "revision",
    "pagelogentry",
    "modellogentry",
    "taskstate",
    "workflowstate",
    "pagesubscription",
    "comment",
    "commentreply",
    "rendition",
    "uploadedimage",
    "uploadeddocument",
    "referenceindex",
    "pagelock",
}


def current(request=None):
    """The current version, read once per request (a single indexed one-row read).

    None means "do not cache": before migrations, and for Wagtail previews, which render
    unpublished drafts that must never reach (or be served from) the public caches.
    """
    if request is not None and getattr(request, "is_preview", False):
        return None
    if request is not None and hasattr(request, "_content_version"):
        return request._content_version
    try:
        with connection.cursor() as cursor:
            cursor.execute(_SELECT)
            row = cursor.fetchone()
    except Exception:  # noqa: BLE001 - table missing (before migrate): never cache
        return None
    value = row[0] if row else None
    if request is not None:
        request._content_version = value
    return value


def bump(instance=None, pages=(), purge_all=True):
    """Bump the version after the current transaction commits (or now, outside one), then announce it.

    Receivers of ``content_changed`` get ``instance``, ``pages`` and ``purge_all`` as given here.
    """

    def _do_bump():
        try:
            with connection.cursor() as cursor:
                cursor.execute(_BUMP)
                if cursor.rowcount == 0:
                    cursor.execute("INSERT INTO portal_contentversion (id, value) VALUES (1, 2)")
        except DatabaseError:  # during the very first migrate the table does not exist yet
            return
        content_changed.send(sender=bump, instance=instance, pages=list(pages), purge_all=purge_all)

    transaction.on_commit(_do_bump)


def on_model_change(sender, **kwargs):
    """post_save/post_delete receiver: bump for content models only."""
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS or meta.model_name in IGNORED_MODELS:
        return
    if kwargs.get("raw"):
        return
    # A model may say that a given row is not public yet (e.g. a resident's need awaiting review).
    instance = kwargs.get("instance")
    affects = getattr(instance, "affects_public_content", None)
    if callable(affects) and not affects():
        return
    bump(instance=instance)


def on_page_event(sender, **kwargs):
    """Wagtail page signal receiver (published, unpublished, moved)."""
    page = kwargs.get("instance")
    bump(instance=page, pages=[page] if page is not None else [], purge_all=False)
