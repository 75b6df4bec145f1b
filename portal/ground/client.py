"""The client's address, honouring the reverse proxies listed in the ``TRUSTED_PROXIES`` setting.

Behind nginx every request comes from the proxy, so ``REMOTE_ADDR`` alone would put every resident in
one rate-limit bucket. The forwarding headers are read only when the direct peer is a trusted proxy:
anyone else can write any ``X-Forwarded-For`` they like. ``X-Forwarded-For`` is walked from the right
(the entry the nearest proxy appended) past further trusted proxies; the first untrusted address is the
client. ``X-Real-IP`` is used when a trusted proxy sent no ``X-Forwarded-For``.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries):
    networks = []
    for entry in entries:
        networks.append(ipaddress.ip_network(entry.strip(), strict=False))
    return tuple(networks)


def trusted_networks():
    """The ``TRUSTED_PROXIES`` setting (addresses or CIDRs) as networks; a bad entry fails loudly."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _parse(value):
    """An address from a header field ("1.2.3.4", "1.2.3.4:5678", "[::1]:80", "::1"), or None."""
    value = (value or "").strip().strip('"')
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # IPv4 with a port
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address, networks):
    return any(address.version == net.version and address in net for net in networks)


def client_address(request):
    """The resident's address as a string ("unknown" if the server gave none)."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return "unknown"
    networks = trusted_networks()
    if not networks or not _is_trusted(peer, networks):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [_parse(part) for part in forwarded.split(",")] if forwarded.strip() else []
    if not hops:
        real = _parse(request.META.get("HTTP_X_REAL_IP", ""))
        return str(real) if real is not None else str(peer)
    for hop in reversed(hops):
        if hop is None:
            # A malformed entry past the trusted chain: stop at the last address we can vouch for.
            break
        if not _is_trusted(hop, networks):
            return str(hop)
        peer = hop
    return str(peer)
