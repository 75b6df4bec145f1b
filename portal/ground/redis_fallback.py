"""The shared cache on Redis, falling back to this process's memory while Redis cannot be reached.

Pages keep being served when Redis stops, and counters such as rate limits keep counting (per process
instead of across processes: stricter, never switched off) until Redis is back.
"""

import functools
import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUTAGE = (RedisConnectionError, RedisTimeoutError, ConnectionInterrupted)
FALLBACK_METHODS = (
    "get",
    "set",
    "add",
    "delete",
    "get_many",
    "set_many",
    "delete_many",
    "incr",
    "decr",
    "has_key",
    "touch",
    "clear",
)


def _with_fallback(name):
    @functools.wraps(getattr(RedisCache, name))
    def method(self, *args, **kwargs):
        try:
            return getattr(super(FallbackRedisCache, self), name)(*args, **kwargs)
        except OUTAGE as exc:
            self._report(exc)
            return getattr(self._fallback, name)(*args, **kwargs)

    return method


class FallbackRedisCache(RedisCache):
    """django-redis's cache; while Redis is unreachable every call is answered by a local-memory cache."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"redis-fallback-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._reported_at = 0.0

    def _report(self, exc):
        now = time.monotonic()
        if now - self._reported_at > 60:  # one line a minute, not one per request
            logger.error("Redis unreachable (%s): using this process's memory until it is back", exc)
            self._reported_at = now


for _name in FALLBACK_METHODS:
    setattr(FallbackRedisCache, _name, _with_fallback(_name))
