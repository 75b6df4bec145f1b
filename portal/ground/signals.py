"""Signals of the ground layer."""

from django.dispatch import Signal

# Sent once public content changed, after the content version was bumped (and after the transaction
# committed). kwargs: ``instance`` (what changed), ``pages`` (a list of Wagtail pages whose public
# rendering changed, possibly empty) and ``purge_all`` (True when the reach of the change is unclear:
# snippets, settings, figures shown on many pages).
content_changed = Signal()
