"""Rate limits and the challenge on the shared file-based default cache that production uses without Redis."""

import time

import pytest
from django.core import signing

from services.feedback import abuse


@pytest.fixture
def file_cache(settings, tmp_path):
    """The production default cache without REDIS_URL: files shared by every worker process."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }
    from django.core.cache import cache

    cache.clear()
    return cache


class Clock:
    """time.time() that the test moves forward (the file cache reads the same clock for expiry)."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    # Start just after an hour boundary so that every step below stays in known buckets.
    start = (int(time.time()) // abuse.PHONE_WINDOW + 1) * abuse.PHONE_WINDOW + 10
    fake = Clock(start)
    monkeypatch.setattr(time, "time", fake)
    return fake


def test_a_phone_limit_still_counts_after_ten_minutes_on_the_file_cache(file_cache, clock):
    """incr on the file cache rewrites the entry with the 300 s default timeout; the counter must not forget."""
    limits = abuse.Limits(ip_soft=100, ip_hard=100, phone_soft=2, phone_hard=3)
    for i in range(3):
        abuse.register_submission(f"10.0.0.{i}", "13812345678")
    assert abuse.verdict("10.0.1.1", "13812345678", limits) == "blocked"
    clock.now += 600
    assert abuse.verdict("10.0.1.1", "13812345678", limits) == "blocked"
    clock.now += 3 * 3600
    assert abuse.verdict("10.0.1.1", "13812345678", limits) == "blocked"
    # Two days later the phone is free again.
    clock.now += 2 * abuse.PHONE_WINDOW
    assert abuse.verdict("10.0.1.1", "13812345678", limits) == "ok"


def test_an_ip_window_slides_instead_of_resetting_at_the_hour(file_cache, clock):
    limits = abuse.Limits(ip_soft=4, ip_hard=6, phone_soft=100, phone_hard=100)
    clock.now += 3000  # late in an hour bucket
    for _ in range(6):
        abuse.register_submission("10.0.0.9")
    assert abuse.verdict("10.0.0.9", "", limits) == "blocked"
    clock.now += 700  # a new hour bucket has begun, but most of the last hour still overlaps
    assert abuse.verdict("10.0.0.9", "", limits) in ("blocked", "challenge")
    clock.now += 3600
    assert abuse.verdict("10.0.0.9", "", limits) == "ok"


def test_counts_are_shared_through_the_cache_not_the_process(file_cache, clock, settings, tmp_path):
    """A second worker process reads the same files: simulate it with a fresh cache handler on the same folder."""
    from django.core.cache import CacheHandler

    for _ in range(3):
        abuse.hit("ticket-ip", "10.0.0.7", abuse.WINDOW)
    other_worker = CacheHandler(settings.CACHES)["default"]
    bucket = int(clock() // abuse.WINDOW)
    assert other_worker.get(f"{abuse._key('ticket-ip', '10.0.0.7')}:{bucket}") == 3


def test_a_solved_challenge_is_single_use_on_the_file_cache(file_cache, clock):
    _question, token = abuse.new_challenge()
    answer = str(signing.loads(token, salt="feedback.challenge")["a"])
    assert abuse.check_challenge(token, "999") is False
    assert abuse.check_challenge(token, answer) is True
    clock.now += 600  # still inside the token's 30 minutes: the "used" mark must still be there
    assert abuse.check_challenge(token, answer) is False
