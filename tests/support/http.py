"""A tiny HTTP client for tests through nginx: choose the source address, keep cookies, read headers."""

import http.client
import re
import urllib.parse


class Resident:
    """One browser-less resident on their own loopback address (127.0.0.2, 127.0.0.3 …)."""

    def __init__(self, base_url, address="127.0.0.1"):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.address = parts.hostname, parts.port, address
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=(self.address, 0))
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name.strip()] = value.strip()
        connection.close()
        return response

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post_form(self, path, data, **headers):
        """GET the form for its CSRF token, then POST ``data`` with it."""
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request("POST", path, body={**data, "csrfmiddlewaretoken": token}, headers=headers)
