"""The Elasticsearch engine (elasticsearch-dsl), for several app servers.

The same Python analysis feeds whitespace-analysed fields with positions: ``title``/``body`` hold the
jieba tokens (with a ``cjk`` bigram sub-field for recall) and ``title_chars`` the title's characters, so
the title phrase bonus asks exactly what the embedded engine asks: is the query inside the title?
``location`` is a geo_point, facets are keyword fields, suggestions use a completion field in their own
index. Indices carry the environment and a version and are reached through aliases: the first index and
its alias are created together in one request, and a rebuild fills a new index, replays the changes made
meanwhile and swaps the aliases atomically. A cluster that is down, slow or answering errors raises
``SearchUnavailable`` within ``ELASTICSEARCH_TIMEOUT`` (see ``search.engine.fallback``).
"""

import contextlib
import datetime
import logging
import time

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Completion, Date, Document, Float, GeoPoint, Integer, Keyword, Text, analyzer

from search import analysis, registry
from search.engine.base import (
    FILTER_FIELDS,
    SearchEngine,
    SearchUnavailable,
    facets_from_combos,
)
from search.highlight import mark, snippet
from search.results import Hit, SearchResults
from search.suggest import Vocabulary, clean_prefix

logger = logging.getLogger(__name__)

TITLE_BOOST = 8.0
BODY_BOOST = 1.0
MAX_FACET_VALUES = 50
WRITE_TIMEOUT = 60  # seconds for a bulk request or an index creation (searches use ELASTICSEARCH_TIMEOUT)
BULK_RETRIES = 3  # per document rejected with 429 (a full queue); other errors fail the write
BULK_CHUNK = 500

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
    title_chars = Text(analyzer=tokens_analyzer)  # one token per character: phrases are "inside the title"
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
    indexed_at = Date()  # a rebuild replays what was written after it started


class SuggestionDocument(Document):
    """A phrase offered while typing; the completion inputs are the phrase, its pinyin and initials."""

    text = Keyword()
    weight = Float()
    source = Keyword()  # title, term or word: deleting a page removes only its title
    suggest = Completion(analyzer=suggest_analyzer)


def index_settings():
    """One shard; ELASTICSEARCH_REPLICAS replicas, or by default one as soon as a second node is there."""
    replicas = str(getattr(settings, "ELASTICSEARCH_REPLICAS", "") or "").strip()
    if replicas:
        return {"number_of_shards": 1, "number_of_replicas": int(replicas)}
    return {"number_of_shards": 1, "auto_expand_replicas": "0-1"}


def client_from_settings():
    """An Elasticsearch client for ELASTICSEARCH_URL (comma-separated hosts, credentials allowed in each URL),
    verifying TLS with ELASTICSEARCH_CA_CERTS or ELASTICSEARCH_FINGERPRINT, authenticating with
    ELASTICSEARCH_API_KEY; each request gives up after ELASTICSEARCH_TIMEOUT seconds, tried once on another
    node after a connection error, never again after a timeout (a slow cluster would hold a worker)."""
    hosts = [host.strip() for host in settings.ELASTICSEARCH_URL.split(",") if host.strip()]
    options = {
        "request_timeout": float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2)),
        "max_retries": 1,
        "retry_on_timeout": False,
    }
    if getattr(settings, "ELASTICSEARCH_CA_CERTS", ""):
        options["ca_certs"] = settings.ELASTICSEARCH_CA_CERTS
    if getattr(settings, "ELASTICSEARCH_FINGERPRINT", ""):
        options["ssl_assert_fingerprint"] = settings.ELASTICSEARCH_FINGERPRINT
    if getattr(settings, "ELASTICSEARCH_API_KEY", ""):
        options["api_key"] = settings.ELASTICSEARCH_API_KEY
    return Elasticsearch(hosts, **options)


SPACE_MARK = "\u2420"  # ␠: a space of the text, kept as a token so that positions stay as in the text


def char_tokens(text):
    """The normalised text's characters as whitespace-separated tokens: 网格化 → "网 格 化"."""
    return " ".join(SPACE_MARK if ch.isspace() else ch for ch in analysis.normalize(text))


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
        "title_chars": char_tokens(prepared.title),
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
        "indexed_at": _now(),
    }
    if prepared.lat is not None and prepared.lng is not None:
        source["location"] = {"lat": prepared.lat, "lon": prepared.lng}
    return source


def _now():
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")


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
    return {"bool": {"must": [required], "should": phrase_bonus(query)}}


def phrase_bonus(query):
    """The embedded engine's phrase factor as should-clauses: the query inside the title (its characters in a
    row in ``title_chars``), the title equal to it, the phrase of several words inside the body."""
    phrase = query.phrase
    compact = phrase or query.bonus_text
    if len(compact) < 2:
        return []
    bonus = [
        {"match_phrase": {"title_chars": {"query": char_tokens(compact), "boost": 4.0}}},
        {"term": {"title_norm": {"value": compact, "boost": 2.0}}},
    ]
    if phrase:
        bonus.append({"match_phrase": {"body_text": {"query": phrase, "boost": 2.0}}})
    return bonus


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
    """Completions only: ``size`` 0 keeps the request from also returning ten hits."""
    return {
        "size": 0,
        "_source": ["text"],
        "suggest": {
            "portal": {"prefix": text, "completion": {"field": "suggest", "size": limit, "skip_duplicates": True}}
        },
    }


class ElasticsearchEngine(SearchEngine):
    """Search through Elasticsearch 8 with env-prefixed, versioned indices behind aliases."""

    name = "elasticsearch"
    bulk_backoff = 2.0  # seconds before the first retry of rejected documents (doubles each time)

    def __init__(self, client, env="dev", refresh=False):
        self.client = client
        self.env = env
        self.refresh = refresh  # tests wait for documents to be searchable
        self._indices_ready = False

    @classmethod
    def from_settings(cls):
        return cls(client_from_settings(), env=settings.SEARCH_ENV)

    @property
    def content_alias(self):
        return f"portal-{self.env}-content"

    @property
    def suggest_alias(self):
        return f"portal-{self.env}-suggest"

    def _versioned(self, alias):
        return f"{alias}-v{time.strftime('%Y%m%d%H%M%S')}{int(time.time() * 1000) % 1000:03d}"

    @property
    def _writer(self):
        """The client for writes: a longer timeout than a resident's search."""
        return self.client.options(request_timeout=WRITE_TIMEOUT)

    def ensure_indices(self):
        """Create the first index of each alias together with its alias, once.

        The first index has a fixed name, so two workers writing at the same moment cannot create two
        indices behind one alias (which would make every write fail): the second is told the index exists.
        """
        if self._indices_ready:
            return
        for alias, document_class in ((self.content_alias, ContentDocument), (self.suggest_alias, SuggestionDocument)):
            if self._writer.indices.exists_alias(name=alias):
                continue
            try:
                self._writer.indices.create(index=f"{alias}-v0", **index_body(document_class), aliases={alias: {}})
            except BadRequestError as exc:
                if exc.error != "resource_already_exists_exception":
                    raise
        self._indices_ready = True

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

    def _bulk(self, actions, refresh=False, missing_ok=False):
        """Send actions in chunks; documents rejected with 429 (a full queue) are sent again with backoff,
        any other rejected document raises BulkIndexError once the rest are written (``missing_ok``: a
        delete of a missing document is no error). Returns how many were written."""
        written, failed = 0, []
        for ok, item in helpers.streaming_bulk(
            self._writer,
            actions,
            chunk_size=BULK_CHUNK,
            max_retries=BULK_RETRIES,
            initial_backoff=self.bulk_backoff,
            raise_on_error=False,
            refresh=refresh,
        ):
            if ok:
                written += 1
            elif not (missing_ok and item.get("delete", {}).get("status") == 404):
                failed.append(item)
        if failed:
            raise helpers.BulkIndexError(f"{len(failed)} document(s) were rejected by Elasticsearch", failed)
        return written

    def index_bulk(self, documents):
        prepared = [d if isinstance(d, registry.PreparedDocument) else registry.prepare(d) for d in documents]
        prepared = [p for p in prepared if p is not None]
        if not prepared:
            return 0
        self.ensure_indices()
        count = self._bulk(self._actions(prepared, self.content_alias), refresh=self.refresh)
        vocabulary = Vocabulary()
        for p in prepared:
            vocabulary.add(p.title, 10 * p.boost, "title")
        self.update_suggestions(vocabulary)
        return count

    def delete(self, key_or_obj):
        """Remove a document, and its title from the suggestions unless another document has the same title."""
        key = key_or_obj if isinstance(key_or_obj, str) else registry.entry_key(key_or_obj)
        try:
            found = self._writer.get(index=self.content_alias, id=key, source_includes=["title_text", "title_norm"])
        except NotFoundError:
            return
        with contextlib.suppress(NotFoundError):
            self._writer.delete(index=self.content_alias, id=key, refresh=self.refresh)
        title, title_norm = found["_source"].get("title_text"), found["_source"].get("title_norm")
        if title and not self._title_elsewhere(title_norm, key):
            self._delete_title_suggestion(title)

    def _title_elsewhere(self, title_norm, key):
        query = {"bool": {"filter": [{"term": {"title_norm": title_norm}}], "must_not": [{"ids": {"values": [key]}}]}}
        return self._writer.count(index=self.content_alias, query=query)["count"] > 0

    def _delete_title_suggestion(self, title):
        try:
            suggestion = self._writer.get(index=self.suggest_alias, id=title, source_includes=["source"])
        except NotFoundError:
            return
        if suggestion["_source"].get("source", "title") == "title":
            with contextlib.suppress(NotFoundError):
                self._writer.delete(index=self.suggest_alias, id=title, refresh=self.refresh)

    def update_suggestions(self, vocabulary):
        self.ensure_indices()
        self._bulk(self._suggestion_actions(vocabulary, self.suggest_alias), refresh=self.refresh)

    @staticmethod
    def _suggestion_actions(vocabulary, index):
        for text, _norm, full, initials, weight, source in vocabulary.rows():
            inputs = [i for i in dict.fromkeys([analysis.normalize(text), full, initials]) if i]
            yield {
                "_index": index,
                "_id": text,
                "_source": {
                    "text": text,
                    "weight": weight,
                    "source": source,
                    "suggest": {"input": inputs, "weight": max(1, int(weight))},
                },
            }

    def rebuild(self, progress=None):
        """Fill new versioned indices, replay the writes made meanwhile, move both aliases in one request.

        A failure on the way deletes the half-built indices and leaves the old ones serving.
        """
        started = _now()
        content, suggestions = self._versioned(self.content_alias), self._versioned(self.suggest_alias)
        self._writer.indices.create(index=content, **index_body(ContentDocument))
        try:
            self._writer.indices.create(index=suggestions, **index_body(SuggestionDocument))
            vocabulary = Vocabulary()

            def counted():
                for prepared in registry.iter_prepared():
                    if progress:
                        progress(1)
                    yield prepared

            count = self._bulk(self._actions(counted(), content, vocabulary))
            vocabulary.add_terms()
            vocabulary.add_frequent_words()
            self._bulk(self._suggestion_actions(vocabulary, suggestions))
            self._writer.indices.refresh(index=[content, suggestions])
            old = {alias: self._indices_of(alias) for alias in (self.content_alias, self.suggest_alias)}
            swapped_at = _now()
            self._replay(content, old[self.content_alias], since=started)
            actions = []
            for alias, new in ((self.content_alias, content), (self.suggest_alias, suggestions)):
                actions += [{"remove": {"index": name, "alias": alias}} for name in old[alias]]
                actions.append({"add": {"index": new, "alias": alias}})
            self._writer.indices.update_aliases(actions=actions)
        except BaseException:
            for name in (content, suggestions):
                with contextlib.suppress(Exception):
                    self._writer.indices.delete(index=name, ignore_unavailable=True)
            raise
        # Writes that reached the old index between the replay and the swap.
        self._replay(content, old[self.content_alias], since=swapped_at)
        for name in old[self.content_alias] + old[self.suggest_alias]:
            self._writer.indices.delete(index=name, ignore_unavailable=True)
        self._indices_ready = True
        return count

    def _replay(self, new, old_indices, since):
        """Bring ``new`` up to date with what changed while it was filled: every document written to the
        old index since ``since``, and every key only one of the two holds, is read from the database again
        (indexed when public, removed when not)."""
        if not old_indices:
            return
        old = ",".join(old_indices)
        changed = {
            hit["_id"]
            for hit in helpers.scan(
                self._writer, index=old, query={"query": {"range": {"indexed_at": {"gte": since}}}}, _source=False
            )
        }
        old_keys = {hit["_id"] for hit in helpers.scan(self._writer, index=old, _source=False)}
        new_keys = {hit["_id"] for hit in helpers.scan(self._writer, index=new, _source=False)}
        keys = changed | (old_keys ^ new_keys)
        if not keys:
            return
        actions = []
        for key in sorted(keys):
            obj = registry.load(key)
            prepared = registry.prepare(obj) if obj is not None else None
            if prepared is None:
                actions.append({"_op_type": "delete", "_index": new, "_id": key})
            else:
                actions.extend(self._actions([prepared], new))
        self._bulk(actions, refresh=True, missing_ok=True)

    def drop_indices(self):
        """Delete every index behind this environment's aliases by its concrete name (Elasticsearch 8
        refuses wildcard deletes); for tests and for retiring an environment."""
        names = self._indices_of(self.content_alias) + self._indices_of(self.suggest_alias)
        names += [f"{alias}-v0" for alias in (self.content_alias, self.suggest_alias)]
        for name in dict.fromkeys(names):
            self._writer.indices.delete(index=name, ignore_unavailable=True)
        self._indices_ready = False
        return names

    def _indices_of(self, alias):
        try:
            return sorted(self._writer.indices.get_alias(name=alias).keys())
        except NotFoundError:
            return []

    # -- reading -------------------------------------------------------------------------
    def _request(self, method, **kwargs):
        """A read request; a cluster that is down, slow or failing raises SearchUnavailable."""
        try:
            return method(**kwargs)
        except NotFoundError:
            raise
        except (TransportError, ApiError) as exc:
            raise SearchUnavailable(f"Elasticsearch: {exc.__class__.__name__}") from exc

    def _search(self, query, filters, facets, near, page, per_page):
        relaxed = False
        while True:
            body = search_body(query, filters, facets, near, page, per_page, relaxed)
            try:
                response = self._request(self.client.search, index=self.content_alias, body=body)
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
            response = self._request(self.client.search, index=self.suggest_alias, body=suggest_body(text, limit))
        except NotFoundError:
            return []
        options = response.get("suggest", {}).get("portal", [{}])[0].get("options", [])
        return [option["_source"]["text"] for option in options]

    def vocabulary(self, limit):
        try:
            response = self._request(
                self.client.search,
                index=self.suggest_alias,
                body={"size": min(limit, 10_000), "sort": [{"weight": "desc"}], "_source": ["text", "weight"]},
            )
        except NotFoundError:
            return []
        return [(hit["_source"]["text"], hit["_source"]["weight"]) for hit in response["hits"]["hits"]]

    def keys_containing(self, words):
        """Keys of documents whose title or body holds any of ``words`` (all of them, paged by scroll)."""
        should = [{"match_phrase": {"body_text": analysis.normalize(w)}} for w in words if w]
        should += [{"match_phrase": {"title_chars": char_tokens(w)}} for w in words if w]
        if not should:
            return []
        hits = helpers.scan(
            self._writer,
            index=self.content_alias,
            query={"query": {"bool": {"should": should, "minimum_should_match": 1}}},
            _source=False,
        )
        return [hit["_id"] for hit in hits]

    def indexed_checksums(self):
        try:
            return {
                hit["_id"]: hit["_source"].get("checksum", "")
                for hit in helpers.scan(self._writer, index=self.content_alias, _source=["checksum"])
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
