"""Background tasks (django-tasks): sending notification e-mails."""

from django_tasks import task


@task()
def deliver_notification(notification_id):
    """Send one outbox message; failures are recorded and retried, never raised."""
    from .notify import deliver

    return deliver(notification_id)


@task()
def retry_notifications():
    """Send every outbox message whose retry time has come."""
    from .notify import retry_due

    return retry_due()
