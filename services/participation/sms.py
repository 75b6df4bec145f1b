"""Sending text messages through the backend chosen by SMS_URL, like EMAIL_URL chooses the mail backend.

- ``console://`` (default): the message is written to standard output (development, the demo).
- ``file:///path/to/folder``: one file per message in that folder (tests, and sites without a gateway yet).
- ``locmem://``: kept in ``sms.outbox`` (the test suite).
- ``http://…`` or ``https://…``: a generic HTTP gateway. Each message is one POST of JSON
  ``{"to": "13800000000", "text": "…", "sender": SMS_SENDER}`` with ``Authorization: Bearer SMS_TOKEN`` when
  ``SMS_TOKEN`` is set; any 2xx answer means sent. Gateways of the big carriers take this shape through a
  small adapter, so the portal never holds a vendor's SDK.
"""

import json
import logging
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings

logger = logging.getLogger(__name__)
outbox = []  # messages sent through the locmem backend: (to, text)
TIMEOUT_SECONDS = 5


class SMSError(Exception):
    """The message could not be handed to the gateway."""


def send_sms(to, text):
    """Send ``text`` to the mobile number ``to`` through the configured backend; raises SMSError on failure."""
    url = urlparse(getattr(settings, "SMS_URL", "") or "console://")
    if url.scheme == "console":
        sys.stdout.write(f"[短信] 发送至 {to}：{text}\n")
        sys.stdout.flush()
    elif url.scheme == "locmem":
        outbox.append((to, text))
    elif url.scheme == "file":
        folder = Path(url.path)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{time.monotonic_ns()}.txt"
        (folder / name).write_text(f"To: {to}\n\n{text}\n", encoding="utf-8")
    elif url.scheme in ("http", "https"):
        send_http(url.geturl(), to, text)
    else:
        raise SMSError(f"unsupported SMS_URL scheme: {url.scheme}")


def send_http(endpoint, to, text):
    body = json.dumps({"to": to, "text": text, "sender": getattr(settings, "SMS_SENDER", "")}, ensure_ascii=False)
    request = urllib.request.Request(endpoint, data=body.encode("utf-8"), method="POST")  # noqa: S310 - operator's URL
    request.add_header("Content-Type", "application/json; charset=utf-8")
    token = getattr(settings, "SMS_TOKEN", "")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            if not 200 <= response.status < 300:
                raise SMSError(f"gateway answered {response.status}")
    except OSError as exc:
        logger.warning("SMS gateway failed: %s", exc)
        raise SMSError(str(exc)) from exc
