"""Content-Security-Policy and Permissions-Policy on every response."""

import pytest


def _directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/feedback/", "/search/?q=低保", "/no-such-page/", "/healthz"])
def test_public_responses_carry_a_strict_policy(client, home_page, path):
    response = client.get(path)
    policy = _directives(response["Content-Security-Policy"])
    scripts = policy["script-src"]
    assert scripts == ["'self'"]
    for forbidden in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:"):
        assert forbidden not in scripts
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert not any("*" in source for sources in policy.values() for source in sources)


def test_admin_has_its_own_policy(client, db):
    response = client.get("/admin/login/")
    policy = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


def test_each_response_gets_its_own_policy_and_no_report_only_one(client, home_page):
    """Policies are built once per process: the public page's must not reach the admin, nor the reverse,
    and no report-only policy is sent (none is configured: the browser would report every inline style)."""
    for _ in range(2):
        for path, inline in (("/", False), ("/admin/login/", True), ("/feedback/", False)):
            response = client.get(path)
            assert ("'unsafe-inline'" in _directives(response["Content-Security-Policy"])["script-src"]) is inline
            assert "Content-Security-Policy-Report-Only" not in response


def test_geolocation_is_off_except_on_pages_that_use_it(client, home_page):
    home = client.get("/")["Permissions-Policy"]
    assert "geolocation=()" in home and "camera=()" in home and "microphone=()" in home
    report = client.get("/feedback/")["Permissions-Policy"]
    assert "geolocation=(self)" in report and "camera=()" in report


def test_station_finder_may_ask_for_the_location(client, home_page):
    from services.places.models import StationIndexPage

    index = StationIndexPage(title="党群服务阵地", slug="stations")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    assert "geolocation=(self)" in client.get("/stations/")["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/feedback/", "/feedback/track/", "/wishes/new/"])
def test_head_requests_get_the_page_headers_not_405(client, home_page, path):
    """Monitoring and ``curl -I`` ask with HEAD; they must see what a browser's GET gets."""
    head = client.head(path)
    get = client.get(path)
    assert head.status_code == get.status_code == 200
    assert head["Content-Security-Policy"] == get["Content-Security-Policy"]
    assert head["Permissions-Policy"] == get["Permissions-Policy"]
    assert head.content == b""
