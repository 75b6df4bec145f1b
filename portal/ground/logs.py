"""Secrets never reach a log: API keys in query strings and private tokens in URL paths are scrubbed.

Used by the Django log handlers (``ScrubSecretsFilter``), gunicorn's access log
(``--logger-class portal.ground.logs.ScrubbingGunicornLogger``) and Sentry (``scrub_event`` as
``before_send``); deploy/'s nginx log format does the same.
"""

import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

SCRUBBED = "[scrubbed]"

# Query parameters that carry a credential (any case, also URL-encoded inside a logged Referer).
_SECRET_PARAMS = re.compile(r"((?:^|[?&;]|%26|%3F)(?:api_key|apikey|token|key|password)(?:=|%3D))[^&;#\s\"']*", re.I)
# Private links: a resident's tracking page and an Open311 token look-up.
_SECRET_PATHS = re.compile(r"(/feedback/track/|/open311/v2/tokens/)[^/?#\s\"'.]+", re.I)


def scrub(text):
    """``text`` with every credential-looking query value and private path token replaced."""
    if not isinstance(text, str) or not text:
        return text
    text = _SECRET_PARAMS.sub(lambda m: m.group(1) + SCRUBBED, text)
    return _SECRET_PATHS.sub(lambda m: m.group(1) + SCRUBBED, text)


def scrub_event(event, hint=None):
    """Sentry's ``before_send``: every string of the event (URL, query string, Referer, breadcrumbs) scrubbed."""
    if isinstance(event, dict):
        return {key: scrub_event(value) for key, value in event.items()}
    if isinstance(event, list):
        return [scrub_event(value) for value in event]
    if isinstance(event, tuple):
        return tuple(scrub_event(value) for value in event)
    return scrub(event)


class ScrubSecretsFilter(logging.Filter):
    """A log filter that rewrites each record's message without secrets (never drops a record)."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError, KeyError):  # a broken record: logging reports it itself
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


class ScrubbingGunicornLogger(GunicornLogger):
    """Gunicorn's logger, with every access-log field (request line, path, query, referer) scrubbed."""

    def atoms(self, resp, req, environ, request_time):
        return {key: scrub(value) for key, value in super().atoms(resp, req, environ, request_time).items()}
