"""The content version: one number that changes whenever public content changes.

Caches of routing, settings and rendered fragments are keyed by it, so every app server sees a
change at once (the number lives in the database, or in Redis' cache when configured, not in a
per-process memory cache) and no cache ever needs to be cleared by hand.
"""

from django.db import models


class ContentVersion(models.Model):
    """A single row whose ``value`` is bumped after every publish, unpublish, move or delete."""

    value = models.BigIntegerField(default=1)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.value)
