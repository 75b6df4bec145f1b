"""Search data: the embedded index, the editable dictionary, suggestions and anonymous query counts."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from portal.ground import admin_search
from portal.ground.admin_search import AdminSearchable


class SearchEntry(models.Model):
    """One searchable document of the embedded engine (live public content only).

    ``title_tokens``/``body_tokens`` hold the analysed tokens: SQLite indexes them in the FTS5 table
    ``search_fts`` (kept in step by triggers), PostgreSQL in the generated ``search_vector`` column.
    Both are created by migration 0002 for the database in use. ``filter_tokens`` holds one token
    per facet value, so that SQLite narrows a filtered search inside ``search_fts`` (migration 0007).
    """

    key = models.CharField(max_length=120, unique=True)
    doc_type = models.CharField(max_length=20, db_index=True)
    model_label = models.CharField(max_length=100)
    object_id = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    title_norm = models.CharField(max_length=300, blank=True)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    filter_tokens = models.TextField(blank=True, default="")
    category = models.CharField(max_length=60, blank=True, db_index=True)
    category_label = models.CharField(max_length=60, blank=True)
    community = models.CharField(max_length=100, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    date = models.DateField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    boost = models.FloatField(default=1.0)
    checksum = models.CharField(max_length=40)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["lat", "lng"], name="search_entry_geo"),
            # Everything a search reads of an entry besides its text: the facet map, the boost and
            # the normalised title for ranking. Read through this narrow index, no row of text
            # (whose columns after the body sit on overflow pages) is touched.
            models.Index(
                fields=["id", "doc_type", "category", "category_label", "community", "year", "boost", "title_norm"],
                name="search_entry_narrow",
            ),
            # The facet map re-reads only the rows written since its last read.
            models.Index(fields=["indexed_at"], name="search_entry_indexed_at"),
        ]

    def __str__(self):
        return f"{self.doc_type}: {self.title}"


class IndexVersion(models.Model):
    """One row whose token changes with every write to the embedded index.

    Cached facet counts are keyed by it, so a write in any process makes every process count again.
    """

    token = models.CharField(max_length=32)
    # Changes with every rebuild: a process whose facet map is of an older generation reads it
    # whole again instead of only the rows written since its last read.
    generation = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search index version")
        verbose_name_plural = _("search index versions")

    def __str__(self):
        return self.token


class SearchTerm(AdminSearchable, index.Indexed, models.Model):
    """A domain word the segmenter must keep whole, with optional synonyms (党群中心 = 党群服务中心)."""

    term = models.CharField(_("term"), max_length=40, unique=True, help_text=_("For example 吹哨报到 or 小蜜蜂驿站."))
    synonyms = models.CharField(
        _("synonyms"),
        max_length=300,
        blank=True,
        help_text=_("Other words residents use for the same thing, separated by commas (党群中心, 党群服务中心)."),
    )
    show_as_popular = models.BooleanField(
        _("suggest as a popular search"),
        default=False,
        help_text=_("Offered on the no-results page and while typing."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("synonyms"), FieldPanel("show_as_popular")]
    admin_search_fields = ("term", "synonyms")
    search_fields = admin_search.fields(index.FilterField("show_as_popular"), autocomplete="term")

    class Meta:
        verbose_name = _("search dictionary term")
        verbose_name_plural = _("search dictionary")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def synonym_list(self):
        """The synonyms as a clean list."""
        return [s.strip() for s in re.split(r"[,，、;；]", self.synonyms) if s.strip()]


class Suggestion(models.Model):
    """A phrase offered while typing, reachable by its prefix, full pinyin or initials."""

    text = models.CharField(max_length=120, unique=True)
    text_norm = models.CharField(max_length=120, db_index=True)
    pinyin = models.CharField(max_length=400, db_index=True)
    initials = models.CharField(max_length=120, db_index=True)
    weight = models.FloatField(default=1.0)
    source = models.CharField(max_length=20, default="title")

    class Meta:
        verbose_name = _("search suggestion")
        verbose_name_plural = _("search suggestions")

    def __str__(self):
        return self.text


class QueryStat(models.Model):
    """How often a normalised query was searched on one day; no user, IP or session is stored."""

    day = models.DateField(db_index=True)
    query = models.CharField(max_length=100)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)
    last_total = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="search_querystat_day_query")]

    def __str__(self):
        return f"{self.day} {self.query}"
