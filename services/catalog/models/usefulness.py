"""'这个页面有用吗': anonymous yes/no answers on guides, with an optional note of what was missing."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UsefulnessVote(models.Model):
    """One anonymous answer; no personal data is asked or stored (numbers typed in are masked)."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="usefulness_votes"
    )
    useful = models.BooleanField(_("useful"))
    missing = models.TextField(_("what was missing"), blank=True, max_length=500)
    created_at = models.DateTimeField(_("answered at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("page usefulness answer")
        verbose_name_plural = _("page usefulness answers")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.page_id}: {'+' if self.useful else '-'}"
