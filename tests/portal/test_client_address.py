"""The client's address behind the site's own proxy, and what a forged header cannot change."""

import pytest
from django.test import RequestFactory

from portal.ground.client import client_address


def request(remote, forwarded=None, real=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    if real is not None:
        meta["HTTP_X_REAL_IP"] = real
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


def test_a_forged_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_address(request("203.0.113.7", forwarded="198.51.100.1", real="198.51.100.2")) == "203.0.113.7"


def test_a_trusted_proxy_names_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request("127.0.0.1", forwarded="198.51.100.1")) == "198.51.100.1"
    assert client_address(request("127.0.0.1", real="198.51.100.2")) == "198.51.100.2"


def test_entries_a_client_prepended_are_skipped(settings):
    """nginx appends the address it saw; whatever the client wrote sits further left and is not believed."""
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    forged = request("127.0.0.1", forwarded="1.1.1.1, 198.51.100.9, 10.1.2.3")
    assert client_address(forged) == "198.51.100.9"


def test_addresses_with_ports_and_ipv6(settings):
    settings.TRUSTED_PROXIES = ["::1", "127.0.0.0/8"]
    assert client_address(request("::1", forwarded="[2001:db8::5]:4431")) == "2001:db8::5"
    assert client_address(request("127.0.0.5", forwarded="198.51.100.3:55000")) == "198.51.100.3"
    assert client_address(request("::ffff:127.0.0.1", forwarded="198.51.100.4")) == "198.51.100.4"


def test_garbage_never_becomes_the_address(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(request("127.0.0.1", forwarded="<script>, ")) == "127.0.0.1"
    assert client_address(request("")) == "unknown"


@pytest.mark.parametrize("entry", ["not-a-network", "10.0.0.0/33"])
def test_a_bad_setting_fails_loudly(settings, entry):
    settings.TRUSTED_PROXIES = [entry]
    with pytest.raises(ValueError):
        client_address(request("127.0.0.1", forwarded="198.51.100.1"))
