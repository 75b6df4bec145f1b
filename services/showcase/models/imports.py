"""Which page an imported file became, so that importing it again updates instead of duplicating."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedArticle(models.Model):
    """A report imported by ``import_articles`` or the admin: its body fingerprint and the page it became."""

    kind = models.CharField(_("kind"), max_length=10)
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("file name"), max_length=255)
    original_text = models.TextField(
        _("original text"),
        blank=True,
        help_text=_("The text as received, when it was converted from Traditional script."),
    )
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")
        constraints = [models.UniqueConstraint(fields=["kind", "content_hash"], name="unique_import_per_kind")]

    def __str__(self):
        return self.file_name
