"""Abuse handling: rate limits per client address and per phone, and a self-hosted challenge shown only past a limit.

Limits are counted in the "default" cache, which every worker process shares (Redis when REDIS_URL
is set, otherwise files under var/cache). Below the soft limit nobody sees a challenge; between the
soft and the hard limit a simple arithmetic question in words is asked (no image, readable by screen
readers); past the hard limit the answer is 429.
``FEEDBACK_RATE_LIMITS`` (environment) overrides the defaults as ``ip_soft,ip_hard,phone_soft,phone_hard``.

The client address comes from ``portal.ground.client.client_address`` (forwarding headers count only
from the proxies in ``TRUSTED_PROXIES``), so residents behind the site's own nginx keep separate buckets.

Counters are sliding windows built from two fixed buckets (the current window and the previous one,
weighted by how much of it still overlaps), each bucket its own cache key. This works the same on
every backend: the file-based cache implements ``incr`` as get + set with the *default* timeout
(300 s), so a single key counted with ``incr`` would forget an hour's or a day's submissions after
five minutes; here every hit also re-sets the bucket's own expiry. The file-based cache's ``incr`` and
``add`` are not atomic, so simultaneous hits from one client may be undercounted by a few there; Redis
counts exactly.
"""

import hashlib
import os
import random
import time
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache

WINDOW = 3600  # one hour for IP counters
PHONE_WINDOW = 24 * 3600
CHALLENGE_MAX_AGE = 1800
_DIGITS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Limits:
    ip_soft: int = 5
    ip_hard: int = 30
    phone_soft: int = 3
    phone_hard: int = 10


def current_limits():
    raw = os.environ.get("FEEDBACK_RATE_LIMITS", "")
    try:
        values = [int(x) for x in raw.split(",")]
        if len(values) == 4:
            return Limits(*values)
    except ValueError:
        pass
    return Limits()


def _key(kind, value):
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]
    return f"feedback:rl:{kind}:{digest}"


def count(kind, value, window):
    """Events for ``value`` in the last ``window`` seconds (sliding estimate over two buckets)."""
    now = time.time()
    bucket = int(now // window)
    base = _key(kind, value)
    found = cache.get_many([f"{base}:{bucket}", f"{base}:{bucket - 1}"])
    current = found.get(f"{base}:{bucket}", 0)
    previous = found.get(f"{base}:{bucket - 1}", 0)
    overlap = 1 - (now - bucket * window) / window
    return current + previous * overlap


def hit(kind, value, window):
    """Count one more event for ``value``; returns the new count in the current bucket."""
    key = f"{_key(kind, value)}:{int(time.time() // window)}"
    ttl = 2 * window + 60  # the bucket is still read as "previous" during the next window
    if cache.add(key, 1, ttl):
        return 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, ttl)
        return 1
    # Backends that implement incr as get + set (the file-based cache) reset the expiry to the
    # default timeout; put the bucket's own expiry back.
    cache.touch(key, ttl)
    return count


def verdict(ip, phone="", limits=None, scope="ticket"):
    """'ok', 'challenge' or 'blocked' for the next submission from this IP / phone."""
    limits = limits or current_limits()
    ip_count = count(f"{scope}-ip", ip, WINDOW)
    phone_count = count(f"{scope}-phone", phone, PHONE_WINDOW) if phone else 0
    if ip_count >= limits.ip_hard or phone_count >= limits.phone_hard:
        return "blocked"
    if ip_count >= limits.ip_soft or phone_count >= limits.phone_soft:
        return "challenge"
    return "ok"


def register_submission(ip, phone="", scope="ticket"):
    hit(f"{scope}-ip", ip, WINDOW)
    if phone:
        hit(f"{scope}-phone", phone, PHONE_WINDOW)


def new_challenge(scope="ticket"):
    """A question such as “三加五等于几？” and a signed token holding the answer (valid for one form)."""
    a, b = random.randint(1, 9), random.randint(1, 9)
    question = f"{_DIGITS[a]}加{_DIGITS[b]}等于几？（请填写阿拉伯数字）"
    payload = {"a": a + b, "s": scope, "t": int(time.time()), "n": random.getrandbits(32)}
    return question, signing.dumps(payload, salt="feedback.challenge")


def check_challenge(token, answer, scope="ticket"):
    """True when the answer is right, the token is fresh, was issued for this form and not used before."""
    try:
        data = signing.loads(token or "", salt="feedback.challenge", max_age=CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return False
    if data.get("s", "ticket") != scope or str(data.get("a")) != (answer or "").strip():
        return False
    # A solved challenge is good for one submission only.
    return cache.add(_key("challenge-used", token), 1, CHALLENGE_MAX_AGE)
