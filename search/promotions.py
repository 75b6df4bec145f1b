"""Editors' promoted results (Wagtail's search promotions, Settings → 推广搜索结果) come first for their query.

Applied in ``SearchEngine.search``, so every engine (and typo correction, which searches the corrected
query) shows them the same way. A query matches a promotion after the portal's folding: 網格 and 网格,
``WangGe`` and ``wangge`` are the same query. Promoted pages must be live and public; an external link
shows its own text and description.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from search import analysis, registry
from search.highlight import mark
from search.results import Hit

CACHE_KEY = "search:promotions:v1"
CACHE_SECONDS = 600


def query_key(text):
    """The form a query is compared in: folded, lower-case, single spaces."""
    return " ".join(analysis.normalize(text or "").split())


def _table():
    """{query key: [promotion ids in the editors' order]}, cached until a promotion changes."""
    table = cache.get(CACHE_KEY)
    if table is None:
        from wagtail.contrib.search_promotions.models import SearchPromotion

        table = {}
        for pk, query_string in SearchPromotion.objects.order_by("sort_order", "pk").values_list(
            "pk", "query__query_string"
        ):
            table.setdefault(query_key(query_string), []).append(pk)
        cache.set(CACHE_KEY, table, CACHE_SECONDS)
    return table


def promoted_hits(text):
    """Hits for the promotions of ``text``, in the editors' order (pages that are not public are left out)."""
    ids = _table().get(query_key(text))
    if not ids:
        return []
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from search.query import analyse_query

    terms = analyse_query(text).tokens()
    promotions = {p.pk: p for p in SearchPromotion.objects.filter(pk__in=ids).select_related("page")}
    hits = []
    for pk in ids:
        promotion = promotions.get(pk)
        if promotion is None:
            continue
        if promotion.page_id:
            prepared = registry.prepare(promotion.page.specific)
            if prepared is None:
                continue
            hits.append(
                Hit(
                    key=prepared.key,
                    doc_type=prepared.doc_type,
                    title=prepared.title,
                    url=prepared.url,
                    score=0.0,
                    snippet=mark(promotion.description or prepared.summary, terms),
                    title_html=mark(prepared.title, terms),
                    summary=prepared.summary,
                    date=prepared.date,
                    category_label=prepared.category_label,
                    community=prepared.community,
                    promoted=True,
                )
            )
        elif promotion.external_link_url:
            title = promotion.external_link_text or promotion.external_link_url
            hits.append(
                Hit(
                    key=f"promotion:{pk}",
                    doc_type="page",
                    title=title,
                    url=promotion.external_link_url,
                    score=0.0,
                    snippet=mark(promotion.description, terms),
                    title_html=mark(title, terms),
                    promoted=True,
                )
            )
    return hits


def apply(results, text):
    """Put the promoted hits of ``text`` first on page 1 and leave them out of every page's engine hits."""
    promoted = promoted_hits(text)
    if not promoted:
        return results
    keys = {hit.key for hit in promoted}
    hits = [hit for hit in results.hits if hit.key not in keys]
    results.hits = promoted + hits if results.page == 1 else hits
    results.total = max(results.total, len(promoted))
    return results


def forget(**kwargs):
    """A promotion or its query changed: read them again."""
    cache.delete(CACHE_KEY)


def connect():
    """Clear the cached table whenever editors change a promotion (called from SearchConfig.ready)."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    for model in (SearchPromotion, Query):
        post_save.connect(forget, sender=model, dispatch_uid=f"search.promotions.saved.{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"search.promotions.deleted.{model.__name__}")
