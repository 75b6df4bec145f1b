"""The content version's row (a model of the ``portal`` app, defined in the ground so the ground imports no app)."""

from django.db import models


class ContentVersion(models.Model):
    """A single row whose ``value`` is bumped after every change of public content.

    Caches of fragments, settings and lists are keyed by it, so every app server sees a change at
    once (the number lives in the database, not in a per-process memory cache) and no cache ever
    needs to be cleared by hand.
    """

    value = models.BigIntegerField(default=1)

    class Meta:
        app_label = "portal"
        verbose_name = "content version"

    def __str__(self):
        return str(self.value)
