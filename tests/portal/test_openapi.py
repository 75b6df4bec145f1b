"""/api/v1/openapi.json describes every /api/v1/ and /open311/v2/ endpoint (fuzzed against it in tests/fuzz)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from portal.openapi import PATHS


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


@pytest.mark.django_db
def test_the_description_is_served_and_valid(client):
    import schemathesis

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["openapi"].startswith("3.") and body["servers"] == [{"url": "http://testserver"}]
    schema = schemathesis.openapi.from_dict(body)
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert "POST /open311/v2/requests.{format}" in labels and "GET /api/v1/search/" in labels


def test_every_api_v1_route_is_described():
    routes = {"/" + r for r in _routes(get_resolver().url_patterns) if r.startswith("api/v1/")}
    assert routes - {"/api/v1/openapi.json"} == {p for p in PATHS if p.startswith("/api/v1/")}


def test_every_open311_endpoint_is_described():
    routes = [r for r in _routes(get_resolver().url_patterns) if r.startswith("^open311/v2/") and "(?P<fmt>" in r]
    described = [p for p in PATHS if p.startswith("/open311/v2/")]
    assert len(routes) == len(described) == 6
