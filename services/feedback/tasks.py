"""Background tasks (django-tasks) of the feedback loop: defined next to the outbox they send (notify)."""

from .notify import deliver_notification, retry_notifications

__all__ = ["deliver_notification", "retry_notifications"]
