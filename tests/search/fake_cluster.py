"""A tiny Elasticsearch 8 stand-in on a real loopback socket, for the failure paths no cluster here can show.

It speaks HTTP through ``http.server`` in a thread, so the real ``elasticsearch`` client (and its
transport, retries and timeouts) talks to it exactly as to a cluster. It keeps indices and aliases in
memory and understands the few requests the engine sends (create, aliases, bulk, get, delete, count,
scroll searches, refresh). Tests inject trouble: refuse (no listener), stall, canned error responses for
a path, per-item bulk errors.
"""

import contextlib
import json
import re
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PRODUCT = {"X-Elastic-Product": "Elasticsearch"}


def refused_url():
    """A loopback URL where nothing listens (the port was bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def error_body(status, kind, reason="injected by the test"):
    return {
        "error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
        "status": status,
    }


class FakeCluster:
    """In-memory indices behind a real HTTP socket; ``rules`` answer matching requests first."""

    def __init__(self):
        self.indices = {}  # name → {id: source}
        self.aliases = {}  # alias → [index names]
        self.requests = []  # (method, path, parsed body or raw text)
        self.rules = []  # (method, path regex, responder(request) → (status, body) | None, times left)
        self.bulk_item_errors = []  # [(index regex, id, status, error type, times)] for bulk items
        self.lock = threading.RLock()
        self._scrolls = {}
        handler = type("Handler", (_Handler,), {"cluster": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # -- trouble -------------------------------------------------------------------------------
    def answer(self, method, path, status, body, times=None):
        """Answer ``method path`` (a regex) with a canned response, ``times`` times (None: always)."""
        self.rules.append([method, re.compile(path), lambda request: (status, body), times])

    def stall(self, method, path, seconds):
        """Hold matching requests for ``seconds`` before answering normally (a slow cluster)."""

        def responder(request):
            time.sleep(seconds)
            return None

        self.rules.append([method, re.compile(path), responder, None])

    def reject_item(self, index, doc_id, status, kind, times=1):
        """Fail one document of the next bulk request(s) with a per-item error."""
        self.bulk_item_errors.append([re.compile(index), doc_id, status, kind, times])

    def paths(self, method=None):
        return [path for m, path, _body in self.requests if method is None or m == method]

    # -- state -----------------------------------------------------------------------------
    def resolve(self, name):
        """Concrete index names for a comma-separated list of indices or aliases."""
        names = []
        for part in name.split(","):
            if part in self.aliases:
                names.extend(self.aliases[part])
            elif part in self.indices:
                names.append(part)
        return names

    def documents(self, name):
        """{id: source} of an index or alias."""
        found = {}
        for index in self.resolve(name):
            found.update(self.indices[index])
        return found


class _Handler(BaseHTTPRequestHandler):
    cluster = None
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_HEAD(self):  # noqa: N802
        self._handle("HEAD")

    def do_GET(self):  # noqa: N802
        self._handle("GET")

    def do_PUT(self):  # noqa: N802
        self._handle("PUT")

    def do_POST(self):  # noqa: N802
        self._handle("POST")

    def do_DELETE(self):  # noqa: N802
        self._handle("DELETE")

    def _handle(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        parsed = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(parsed.path)
        params = dict(urllib.parse.parse_qsl(parsed.query))
        body = raw
        if raw and not path.endswith("_bulk"):
            with contextlib.suppress(ValueError):
                body = json.loads(raw)
        cluster = self.cluster
        with cluster.lock:
            cluster.requests.append((method, path, body))
            rules = [r for r in cluster.rules if r[0] == method and r[1].search(path) and r[3] != 0]
        for rule in rules:
            answer = rule[2]((method, path, body))
            if rule[3] is not None:
                rule[3] -= 1
            if answer is not None:
                return self._send(*answer)
        try:
            status, payload = _route(cluster, method, path, params, body)
        except KeyError:
            status, payload = 404, error_body(404, "index_not_found_exception")
        self._send(status, payload, head=method == "HEAD")

    def _send(self, status, payload, head=False):
        data = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for key, value in PRODUCT.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0" if head else str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)


def _route(cluster, method, path, params, body):  # noqa: C901, PLR0911, PLR0912 - one small dispatcher
    parts = [p for p in path.split("/") if p]
    with cluster.lock:
        if parts[:1] == ["_alias"]:
            names = [i for i in cluster.aliases.get(parts[1], []) if i in cluster.indices]
            if not names:
                return 404, error_body(404, "aliases_not_found_exception")
            return 200, {name: {"aliases": {parts[1]: {}}} for name in names}
        if parts == ["_aliases"]:
            for action in body["actions"]:
                ((kind, spec),) = action.items()
                members = cluster.aliases.setdefault(spec["alias"], [])
                if kind == "add" and spec["index"] not in members:
                    members.append(spec["index"])
                elif kind == "remove" and spec["index"] in members:
                    members.remove(spec["index"])
            return 200, {"acknowledged": True}
        if parts == ["_bulk"] or parts[-1:] == ["_bulk"]:
            return 200, _bulk(cluster, body)
        if parts[:2] == ["_search", "scroll"]:
            if method == "DELETE":
                return 200, {"succeeded": True, "num_freed": 1}
            return 200, _scroll_page(cluster, body["scroll_id"])
        if parts == ["_cluster", "health"]:
            return 200, {"status": "green", "number_of_nodes": 1}
        if len(parts) == 1 and method == "PUT":
            name = parts[0]
            if name in cluster.indices:
                return 400, error_body(400, "resource_already_exists_exception", f"index [{name}] already exists")
            cluster.indices[name] = {}
            for alias in (body or {}).get("aliases", {}) if isinstance(body, dict) else {}:
                cluster.aliases.setdefault(alias, []).append(name)
            return 200, {"acknowledged": True, "index": name}
        if len(parts) == 1 and method == "DELETE":
            if "*" in parts[0]:
                return 400, error_body(400, "illegal_argument_exception", "Wildcard expressions are not allowed")
            for name in parts[0].split(","):
                cluster.indices.pop(name, None)
                for members in cluster.aliases.values():
                    if name in members:
                        members.remove(name)
            return 200, {"acknowledged": True}
        if len(parts) == 2 and parts[1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if len(parts) == 3 and parts[1] == "_doc":
            return _document(cluster, method, parts[0], parts[2])
        if len(parts) == 2 and parts[1] == "_count":
            return 200, {"count": len(_matching(cluster, parts[0], (body or {}).get("query")))}
        if len(parts) == 2 and parts[1] == "_search":
            hits = _matching(cluster, parts[0], (body or {}).get("query"))
            if "scroll" in params:
                scroll_id = f"scroll-{len(cluster._scrolls)}"
                cluster._scrolls[scroll_id] = hits
                return 200, _scroll_page(cluster, scroll_id, first=True)
            return 200, {"hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits[:10]}}
    return 400, error_body(400, "unsupported_by_fake", f"{method} {path}")


def _document(cluster, method, index, doc_id):
    names = cluster.resolve(index)
    if not names:
        raise KeyError(index)
    for name in names:
        if doc_id in cluster.indices[name]:
            if method == "DELETE":
                del cluster.indices[name][doc_id]
                return 200, {"_index": name, "_id": doc_id, "result": "deleted"}
            return 200, {"_index": name, "_id": doc_id, "found": True, "_source": cluster.indices[name][doc_id]}
    return 404, {"_index": names[0], "_id": doc_id, "found": False, "result": "not_found"}


def _matching(cluster, index, query):
    """Hits for the few queries the engine sends: match_all, a range on indexed_at, a title_norm count."""
    names = cluster.resolve(index)
    if not names:
        raise KeyError(index)
    hits = []
    for name in names:
        for doc_id, source in cluster.indices[name].items():
            if _matches(query or {"match_all": {}}, doc_id, source):
                hits.append({"_index": name, "_id": doc_id, "_source": source})
    return hits


def _matches(query, doc_id, source):
    ((kind, spec),) = query.items()
    if kind == "match_all":
        return True
    if kind == "range":
        ((field, bounds),) = spec.items()
        return str(source.get(field, "")) >= bounds["gte"]
    if kind == "term":
        ((field, value),) = spec.items()
        return source.get(field) == (value["value"] if isinstance(value, dict) else value)
    if kind == "ids":
        return doc_id in spec["values"]
    if kind == "bool":
        ok = all(_matches(q, doc_id, source) for q in spec.get("filter", []) + spec.get("must", []))
        return ok and not any(_matches(q, doc_id, source) for q in spec.get("must_not", []))
    raise ValueError(f"query not understood by the fake: {kind}")


def _scroll_page(cluster, scroll_id, first=False):
    hits = cluster._scrolls.get(scroll_id, [])
    page, cluster._scrolls[scroll_id] = hits[:100], hits[100:]
    body = {"_scroll_id": scroll_id, "hits": {"hits": page}, "_shards": {"total": 1, "successful": 1, "skipped": 0}}
    if first:
        body["hits"]["total"] = {"value": len(hits), "relation": "eq"}
    return body


def _bulk(cluster, raw):
    lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
    items, errors, position = [], False, 0
    while position < len(lines):
        ((op, meta),) = lines[position].items()
        position += 1
        source = None
        if op in ("index", "create", "update"):
            source = lines[position]
            position += 1
        index, doc_id = meta["_index"], meta["_id"]
        failure = next(
            (f for f in cluster.bulk_item_errors if f[0].search(index) and f[1] in (doc_id, "*") and f[4] > 0), None
        )
        if failure is not None:
            failure[4] -= 1
            errors = True
            items.append({op: {"_index": index, "_id": doc_id, "status": failure[2], "error": {"type": failure[3]}}})
            continue
        names = cluster.resolve(index) or [index]
        if index not in cluster.indices and index not in cluster.aliases:
            errors = True
            items.append({op: {"_index": index, "_id": doc_id, "status": 404, "error": {"type": "index_not_found"}}})
            continue
        target = names[-1]
        if op == "delete":
            found = cluster.indices[target].pop(doc_id, None)
            items.append({op: {"_index": target, "_id": doc_id, "status": 200 if found else 404}})
        else:
            cluster.indices[target][doc_id] = source
            items.append({op: {"_index": target, "_id": doc_id, "status": 201, "result": "created"}})
    return {"took": 1, "errors": errors, "items": items}
