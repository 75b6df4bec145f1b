"""The Elasticsearch engine (elasticsearch-dsl), for several app servers.

The same Python analysis feeds a whitespace-analysed field (``title``/``body``) with a ``cjk`` bigram
sub-field for recall; ``location`` is a geo_point, facets are keyword fields, suggestions use a
completion field in their own index. Indices carry the environment and a version and are reached
through aliases, so a rebuild fills a new index and swaps the alias atomically.
"""

import contextlib
import logging
import time

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Completion, Date, Document, Float, GeoPoint, Integer, Keyword, Text, analyzer

from search import analysis, registry
from search.engine.base import (
    FILTER_FIELDS,
    Hit,
    SearchEngine,
    SearchResults,
    facets_from_combos,
)
from search.highlight import mark, snippet
from search.suggest import Vocabulary, clean_prefix

logger = logging.getLogger(__name__)

TITLE_BOOST = 8.0
BODY_BOOST = 1.0
MAX_FACET_VALUES = 50

tokens_analyzer = analyzer("portal_tokens", tokenizer="whitespace", filter=["lowercase"])
cjk_analyzer = analyzer("portal_cjk", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"])
suggest_analyzer = analyzer("portal_suggest", tokenizer="keyword", filter=["lowercase"])


class ContentDocument(Document):
    """One searchable object; ``title``/``body`` hold analysed tokens, ``*_text`` the display text."""

    key = Keyword()
    doc_type = Keyword()
    model_label = Keyword()
    object_id = Keyword()
    title = Text(analyzer=tokens_analyzer, fields={"cjk": Text(analyzer=cjk_analyzer)})
    body = Text(analyzer=tokens_analyzer, fields={"cjk": Text(analyzer=cjk_analyzer)})
    title_text = Keyword(index=False)
    title_norm = Keyword()
    body_text = Text(analyzer=cjk_analyzer)
    summary = Keyword(index=False)
    url = Keyword(index=False)
    category = Keyword()
    category_label = Keyword()
    community = Keyword()
    year = Integer()
    date = Date()
    location = GeoPoint()
    boost = Float()
    checksum = Keyword(index=False)


class SuggestionDocument(Document):
    """A phrase offered while typing; the completion inputs are the phrase, its pinyin and initials."""

    text = Keyword()
    weight = Float()
    suggest = Completion(analyzer=suggest_analyzer)


def index_settings():
    return {"number_of_shards": 1, "number_of_replicas": int(getattr(settings, "ELASTICSEARCH_REPLICAS", 0))}


def index_body(document_class):
    """The create-index body (settings with analyzers, mappings) of a document class."""
    mapping = document_class._doc_type.mapping
    body = {"settings": index_settings(), "mappings": mapping.to_dict()}
    analysis_settings = mapping._collect_analysis()
    if analysis_settings:
        body["settings"]["analysis"] = analysis_settings
    return body


def document_source(prepared, title_tokens, body_tokens):
    """The _source stored for a PreparedDocument."""
    source = {
        "key": prepared.key,
        "doc_type": prepared.doc_type,
        "model_label": prepared.model_label,
        "object_id": prepared.object_id,
        "title": title_tokens,
        "body": body_tokens,
        "title_text": prepared.title,
        "title_norm": prepared.title_norm,
        "body_text": prepared.body_text,
        "summary": prepared.summary,
        "url": prepared.url,
        "category": prepared.category,
        "category_label": prepared.category_label,
        "community": prepared.community,
        "year": prepared.year,
        "date": prepared.date.isoformat() if prepared.date else None,
        "boost": prepared.boost,
        "checksum": prepared.checksum,
    }
    if prepared.lat is not None and prepared.lng is not None:
        source["location"] = {"lat": prepared.lat, "lon": prepared.lng}
    return source


# -- query construction (pure functions, tested against expected JSON) -----------------------
def _alternative(tokens, field, boost):
    if len(tokens) == 1:
        return {"term": {field: {"value": tokens[0], "boost": boost}}}
    return {"bool": {"must": [{"term": {field: t}} for t in tokens], "boost": boost}}


def _clause(clause):
    should = []
    for alternative in clause:
        should.append(_alternative(alternative, "title", TITLE_BOOST))
        should.append(_alternative(alternative, "body", BODY_BOOST))
    return {"bool": {"should": should, "minimum_should_match": 1}}


def text_query(query, relaxed=False):
    """The scoring part of a search: every clause (or, relaxed, any) plus phrase and title bonuses."""
    if query.is_empty:
        return {"match_all": {}}
    if query.prefix:
        matching = {
            "bool": {
                "should": [
                    {"prefix": {"title": {"value": query.prefix, "boost": TITLE_BOOST}}},
                    {"prefix": {"body": {"value": query.prefix}}},
                ],
                "minimum_should_match": 1,
            }
        }
        return matching
    clauses = [_clause(c) for c in query.clauses]
    if relaxed:
        required = {"bool": {"should": clauses, "minimum_should_match": 1}}
    else:
        required = {"bool": {"must": clauses}}
    bonus = [{"term": {"title_norm": {"value": query.norm, "boost": 10.0}}}]
    compact = query.phrase or query.norm
    bonus.append({"match_phrase": {"title.cjk": {"query": compact, "boost": 4.0}}})
    if query.phrase:
        bonus.append({"match_phrase": {"body_text": {"query": query.phrase, "boost": 2.0}}})
    return {"bool": {"must": [required], "should": bonus}}


def filter_clauses(filters):
    return [{"term": {FILTER_FIELDS[k]: v}} for k, v in sorted(filters.items())]


def geo_filter(near):
    return {"geo_distance": {"distance": f"{near.radius_km}km", "location": {"lat": near.lat, "lon": near.lng}}}


def facet_aggregations(filters, facets):
    """One filtered terms aggregation per facet, each ignoring its own filter."""
    aggs = {}
    for facet in facets:
        others = {k: v for k, v in filters.items() if k != facet}
        terms = {"terms": {"field": FILTER_FIELDS[facet], "size": MAX_FACET_VALUES}}
        if facet == "category":
            terms["aggs"] = {"label": {"terms": {"field": "category_label", "size": 1}}}
        aggs[facet] = {
            "filter": {"bool": {"filter": filter_clauses(others)}} if others else {"match_all": {}},
            "aggs": {"values": terms},
        }
    return aggs


def search_body(query, filters, facets, near, page, per_page, relaxed=False):
    """The complete _search body for one page of results."""
    base_filter = [geo_filter(near)] if near is not None else []
    scored = {
        "function_score": {
            "query": {"bool": {"must": [text_query(query, relaxed)], "filter": base_filter}},
            "field_value_factor": {"field": "boost", "missing": 1.0},
            "boost_mode": "multiply",
        }
    }
    body = {
        "query": scored,
        "from": (page - 1) * per_page,
        "size": per_page,
        "track_total_hits": True,
        "_source": {"excludes": ["title", "body"]},
        "aggs": facet_aggregations(filters, facets),
        "highlight": {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": {"body_text": {"fragment_size": 110, "number_of_fragments": 1, "no_match_size": 110}},
            "highlight_query": {"match": {"body_text": query.norm or query.prefix or ""}},
        },
    }
    if filters:
        body["post_filter"] = {"bool": {"filter": filter_clauses(filters)}}
    if near is not None:
        distance = {"_geo_distance": {"location": {"lat": near.lat, "lon": near.lng}, "unit": "km", "order": "asc"}}
        body["sort"] = [distance] if query.is_empty else ["_score", distance]
    return body


def suggest_body(text, limit):
    return {
        "_source": ["text"],
        "suggest": {
            "portal": {"prefix": text, "completion": {"field": "suggest", "size": limit, "skip_duplicates": True}}
        },
    }


class ElasticsearchEngine(SearchEngine):
    """Search through Elasticsearch 8 with env-prefixed, versioned indices behind aliases."""

    name = "elasticsearch"

    def __init__(self, client, env="dev", refresh=False):
        self.client = client
        self.env = env
        self.refresh = refresh  # tests wait for documents to be searchable

    @classmethod
    def from_settings(cls):
        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10, retry_on_timeout=True, max_retries=2)
        return cls(client, env=settings.SEARCH_ENV)

    @property
    def content_alias(self):
        return f"portal-{self.env}-content"

    @property
    def suggest_alias(self):
        return f"portal-{self.env}-suggest"

    def _versioned(self, alias):
        return f"{alias}-v{time.strftime('%Y%m%d%H%M%S')}{int(time.time() * 1000) % 1000:03d}"

    def ensure_indices(self):
        """Create the aliased indices when they do not exist yet."""
        for alias, document_class in ((self.content_alias, ContentDocument), (self.suggest_alias, SuggestionDocument)):
            if not self.client.indices.exists_alias(name=alias):
                name = self._versioned(alias)
                self.client.indices.create(index=name, body=index_body(document_class))
                self.client.indices.put_alias(index=name, name=alias)

    # -- writing -------------------------------------------------------------------------
    def _actions(self, prepared_docs, index, vocabulary=None):
        for prepared in prepared_docs:
            title_tokens, body_tokens = prepared.tokens()
            if vocabulary is not None:
                vocabulary.add_document(prepared, body_tokens)
            yield {
                "_index": index,
                "_id": prepared.key,
                "_source": document_source(prepared, title_tokens, body_tokens),
            }

    def index_bulk(self, documents):
        prepared = [d if isinstance(d, registry.PreparedDocument) else registry.prepare(d) for d in documents]
        prepared = [p for p in prepared if p is not None]
        if not prepared:
            return 0
        self.ensure_indices()
        count, _ = helpers.bulk(self.client, self._actions(prepared, self.content_alias), refresh=self.refresh)
        vocabulary = Vocabulary()
        for p in prepared:
            vocabulary.add(p.title, 10 * p.boost, "title")
        self.update_suggestions(vocabulary)
        return count

    def delete(self, key_or_obj):
        key = key_or_obj if isinstance(key_or_obj, str) else registry.entry_key(key_or_obj)
        with contextlib.suppress(NotFoundError):
            self.client.delete(index=self.content_alias, id=key, refresh=self.refresh)

    def update_suggestions(self, vocabulary):
        self.ensure_indices()
        helpers.bulk(self.client, self._suggestion_actions(vocabulary, self.suggest_alias), refresh=self.refresh)

    @staticmethod
    def _suggestion_actions(vocabulary, index):
        for text, _norm, full, initials, weight, _source in vocabulary.rows():
            inputs = [i for i in dict.fromkeys([analysis.normalize(text), full, initials]) if i]
            yield {
                "_index": index,
                "_id": text,
                "_source": {
                    "text": text,
                    "weight": weight,
                    "suggest": {"input": inputs, "weight": max(1, int(weight))},
                },
            }

    def rebuild(self, progress=None):
        """Fill new versioned indices, then move both aliases in one atomic request and drop the old ones."""
        content, suggestions = self._versioned(self.content_alias), self._versioned(self.suggest_alias)
        self.client.indices.create(index=content, body=index_body(ContentDocument))
        self.client.indices.create(index=suggestions, body=index_body(SuggestionDocument))
        vocabulary = Vocabulary()

        def counted():
            for prepared in registry.iter_prepared():
                if progress:
                    progress(1)
                yield prepared

        count, _ = helpers.bulk(self.client, self._actions(counted(), content, vocabulary), chunk_size=500)
        vocabulary.add_terms()
        vocabulary.add_frequent_words()
        helpers.bulk(self.client, self._suggestion_actions(vocabulary, suggestions), chunk_size=1000)
        self.client.indices.refresh(index=f"{content},{suggestions}")
        actions, old = [], []
        for alias, new in ((self.content_alias, content), (self.suggest_alias, suggestions)):
            current = self._indices_of(alias)
            old += current
            actions += [{"remove": {"index": name, "alias": alias}} for name in current]
            actions.append({"add": {"index": new, "alias": alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        return count

    def _indices_of(self, alias):
        try:
            return list(self.client.indices.get_alias(name=alias).keys())
        except NotFoundError:
            return []

    # -- reading -------------------------------------------------------------------------
    def _search(self, query, filters, facets, near, page, per_page):
        relaxed = False
        while True:
            body = search_body(query, filters, facets, near, page, per_page, relaxed)
            try:
                response = self.client.search(index=self.content_alias, body=body)
            except NotFoundError:
                return SearchResults(query=query, page=page, per_page=per_page)
            total = response["hits"]["total"]["value"]
            unfiltered = (
                sum(b["doc_count"] for b in response["aggregations"]["type"]["values"]["buckets"])
                if "type" in facets
                else total
            )
            if total or relaxed or len(query.clauses) < 2 or unfiltered:
                break
            relaxed = True
        results = SearchResults(
            query=query,
            total=total,
            page=page,
            per_page=per_page,
            facets=self._facets(response.get("aggregations", {}), filters, facets),
            relaxed=relaxed,
        )
        results.hits = [self._hit(query, h) for h in response["hits"]["hits"]]
        return results

    @staticmethod
    def _facets(aggregations, filters, facets):
        result = {}
        for facet in facets:
            buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
            combos = []
            for b in buckets:
                label = ""
                if facet == "category":
                    labels = b.get("label", {}).get("buckets", [])
                    label = labels[0]["key"] if labels else b["key"]
                row = {"type": "", "category": "", "label": label, "community": "", "year": None}
                row[facet] = b["key"]
                combos.append(
                    (row["type"], row["category"], row["label"], row["community"], row["year"], b["doc_count"])
                )
            selected = {facet: filters[facet]} if facet in filters else {}
            result.update(facets_from_combos(combos, selected, (facet,)))
        return result

    @staticmethod
    def _hit(query, raw):
        source = raw["_source"]
        fragments = raw.get("highlight", {}).get("body_text")
        terms = query.tokens()
        distance = None
        if (
            raw.get("sort")
            and len(raw["sort"]) >= 1
            and isinstance(raw["sort"][-1], int | float)
            and "location" in source
        ):
            distance = round(float(raw["sort"][-1]), 2)
        return Hit(
            key=source["key"],
            doc_type=source["doc_type"],
            title=source["title_text"],
            url=source["url"],
            score=round(float(raw.get("_score") or 0.0), 4),
            snippet=mark_from_es(fragments[0]) if fragments else snippet(source["body_text"], source["summary"], terms),
            title_html=mark(source["title_text"], terms),
            summary=source.get("summary", ""),
            date=source.get("date"),
            category_label=source.get("category_label", ""),
            community=source.get("community", ""),
            distance_km=distance,
        )

    def suggest(self, prefix, limit=8):
        _kind, text = clean_prefix(prefix)
        if not text:
            return []
        try:
            response = self.client.search(index=self.suggest_alias, body=suggest_body(text, limit))
        except NotFoundError:
            return []
        options = response.get("suggest", {}).get("portal", [{}])[0].get("options", [])
        return [option["_source"]["text"] for option in options]

    def keys_containing(self, words):
        should = [{"match_phrase": {"body_text": analysis.normalize(w)}} for w in words if w]
        should += [{"match_phrase": {"title.cjk": analysis.normalize(w)}} for w in words if w]
        if not should:
            return []
        hits = helpers.scan(  # every match, page by page (a search stops at its size)
            self.client,
            index=self.content_alias,
            query={"query": {"bool": {"should": should, "minimum_should_match": 1}}, "_source": False},
        )
        return [h["_id"] for h in hits]

    def indexed_checksums(self):
        try:
            return {
                hit["_id"]: hit["_source"].get("checksum", "")
                for hit in helpers.scan(self.client, index=self.content_alias, _source=["checksum"])
            }
        except NotFoundError:
            return {}

    def health(self):
        try:
            cluster = self.client.cluster.health(request_timeout=3)
            aliased = bool(self.client.indices.exists_alias(name=self.content_alias))
        except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
            return {"ok": False, "engine": self.name, "error": exc.__class__.__name__}
        status = cluster.get("status")
        return {
            "ok": status in ("green", "yellow") and aliased,
            "engine": self.name,
            "cluster": status,
            "alias": aliased,
        }


def mark_from_es(fragment):
    """An Elasticsearch fragment (HTML-encoded text with <mark> tags) as safe HTML."""
    from django.utils.safestring import mark_safe

    return mark_safe(fragment)  # noqa: S308 - the highlighter's html encoder escaped the text
