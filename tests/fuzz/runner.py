"""The fuzz run: hypothesis-generated form posts and schemathesis API cases against a live server.

Every response is recorded in ``Tally``: its status, whether a form request reached the view's own
validation, whether a 4xx explains itself in Chinese (Open311: the spec's error array).
"""

import contextlib
import json
import random
import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from .targets import FORM_TARGETS, resolved, world_value

CJK = re.compile(r"[\u4e00-\u9fff]")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WRONG_CHARSETS = ("gb2312", "gbk", "latin-1", "big5", "shift_jis", "utf-16")
TIMEOUT = 30
# gunicorn refuses request lines over 4094 bytes itself (and nginx in front has its own limit), so a GET
# form is fuzzed with query strings the application can actually receive.
MAX_QUERY = 4000


@dataclass
class Tally:
    """Counts of one fuzz run; ``problems`` keeps the first examples of each kind of failure."""

    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: int = 0
    form_requests: int = 0
    reached: int = 0
    not_chinese: int = 0
    mismatches: int = 0  # API responses that differ from the OpenAPI description
    by_target: Counter = field(default_factory=Counter)
    reached_by_target: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)

    def note(self, kind, detail):
        if sum(1 for p in self.problems if p[0] == kind) < 5:
            self.problems.append((kind, detail))

    def record(self, target, response, describe, *, form=False, reached=False, open311=False):
        self.requests += 1
        self.by_target[target] += 1
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.server_errors += 1
            self.note("5xx", f"{response.status_code} {describe()}")
        elif response.status_code >= 400 and not explains_in_chinese(response, open311):
            self.not_chinese += 1
            self.note("4xx not in Chinese", f"{response.status_code} {describe()} → {response.text[:200]!r}")
        if form:
            self.form_requests += 1
            self.reached += bool(reached)
            self.reached_by_target[target] += bool(reached)

    @property
    def reached_share(self):
        return self.reached / self.form_requests if self.form_requests else 0.0

    def summary(self):
        summary = {
            "requests": self.requests,
            "server_errors": self.server_errors,
            "form_requests": self.form_requests,
            "reached_validation": self.reached,
            "reached_share": round(self.reached_share, 3),
            "4xx_not_in_chinese": self.not_chinese,
            "not_as_described": self.mismatches,
            "statuses": dict(sorted(self.statuses.items())),
            "by_target": dict(self.by_target),
            "reached_by_target": dict(self.reached_by_target),
            "problems": self.problems,
        }
        if not self.form_requests:  # an API run: no forms, no validation share
            for key in ("form_requests", "reached_validation", "reached_share", "reached_by_target"):
                del summary[key]
        return summary


def explains_in_chinese(response, open311=False):
    """A 4xx body says what is wrong in Chinese; Open311 answers with its error array (JSON or XML)."""
    text = response.text
    content_type = response.headers.get("Content-Type") or response.headers.get("content-type") or ""
    if isinstance(content_type, list):  # schemathesis' own Response keeps every header as a list
        content_type = ",".join(content_type)
    if open311:
        if "xml" in content_type:
            return text.lstrip().startswith("<?xml") and "<errors>" in text and bool(CJK.search(text))
        try:
            errors = json.loads(text)
        except ValueError:
            return False
        return (
            isinstance(errors, list)
            and bool(errors)
            and all(isinstance(e, dict) and CJK.search(str(e.get("description", ""))) for e in errors)
        )
    return bool(CJK.search(text))


class FormSession:
    """A browser-like session: the CSRF cookie and token taken from the form page, as a resident's browser has."""

    def __init__(self, base_url, path, cookies=None, form_page=""):
        self.base_url, self.path = base_url, path
        self.http = requests.Session()
        for name, value in (cookies or {}).items():
            self.http.cookies.set(name, value)
        page = self.http.get(base_url + (form_page or path), timeout=TIMEOUT)
        match = CSRF_INPUT.search(page.text)
        self.token = match.group(1) if match else ""

    def send(self, method, pairs, charset, files=()):
        url = self.base_url + self.path
        if files and method == "POST":  # multipart: what a browser sends when a photo is attached
            data = [("csrfmiddlewaretoken", self.token), *pairs]
            return self.http.post(url, data=data, files=list(files), headers={"Referer": url},
                                  timeout=TIMEOUT, allow_redirects=False)  # fmt: skip
        if method == "GET":
            query = urllib.parse.urlencode(pairs, encoding=charset, errors="replace")
            while len(query) > MAX_QUERY and pairs:  # longer request lines never reach the app (see MAX_QUERY)
                pairs = pairs[:-1]
                query = urllib.parse.urlencode(pairs, encoding=charset, errors="replace")
            return self.http.get(f"{url}?{query}", timeout=TIMEOUT, allow_redirects=False)
        body = urllib.parse.urlencode(
            [("csrfmiddlewaretoken", self.token), *pairs], encoding=charset, errors="replace"
        ).encode("ascii")
        headers = {"Content-Type": f"application/x-www-form-urlencoded; charset={charset}", "Referer": url}
        return self.http.post(url, data=body, headers=headers, timeout=TIMEOUT, allow_redirects=False)


def form_requests(target, world):
    """Strategy of (pairs, charset): each field present, missing or repeated; mostly UTF-8."""
    field_values = {name: resolved(strategy, world) for name, strategy in target.fields.items()}

    @st.composite
    def build(draw):
        pairs = []
        for name, strategy in field_values.items():
            shape = draw(st.sampled_from(["once"] * 8 + ["missing", "repeated"]))
            if shape == "missing":
                continue
            for _ in range(1 if shape == "once" else draw(st.integers(2, 4))):
                pairs.append((name, draw(strategy)))
        pairs += list(target.extra.items())
        if draw(st.integers(0, 19)) == 0:
            pairs.append((draw(st.text(max_size=20)), draw(st.text(max_size=50))))  # a field nobody asked for
        # One request in 20 in another charset: the site must refuse it in Chinese (it cannot reach the view).
        charset = "utf-8" if draw(st.integers(0, 19)) else draw(st.sampled_from(WRONG_CHARSETS))
        files = []
        for name, strategy in target.files.items():
            for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 4]))):  # none, some, or more than allowed
                files.append((name, draw(strategy)))
        return pairs, charset, files

    return build()


def fuzz_forms(base_url, world, budget, tally):
    """Spend ``budget`` requests over FORM_TARGETS by weight."""
    total_weight = sum(t.weight for t in FORM_TARGETS)
    for target in FORM_TARGETS:
        count = max(1, budget * target.weight // total_weight)
        cookies = {world_value(name, world): world_value(value, world) for name, value in target.cookies.items()}
        session = FormSession(base_url, world_value(target.path, world), cookies, world_value(target.form_page, world))
        _attack_form(target, session, world, count, tally)


def _attack_form(target, session, world, count, tally):
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(request=form_requests(target, world))
    def attack(request):
        pairs, charset, files = request
        response = session.send(target.method, pairs, charset, files)
        reached = response.status_code in (301, 302, 303) or (
            response.status_code < 500 and any(m in response.text for m in target.markers)
        )
        tally.record(
            target.name, response, lambda: f"{target.method} {session.path} {charset} {pairs!r:.300} files={[f[1][0] for f in files]}",
            form=True, reached=reached,
        )  # fmt: skip

    attack()


def fuzz_api(base_url, budget, tally, api_key=""):
    """Schemathesis cases for every operation of /api/v1/openapi.json: conformance on valid input, no 5xx ever."""
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    conformance = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    rng = random.Random(15)
    # Every operation in both modes; an operation whose inputs run out early (an enum path) hands its
    # share of the budget to the others in the next round.
    rounds = [(op, mode) for op in operations for mode in schemathesis.GenerationMode]
    remaining = budget
    while remaining > 0 and rounds:
        share = max(1, remaining // len(rounds))
        still_open = []
        for operation, mode in rounds:
            checks = conformance if mode == schemathesis.GenerationMode.POSITIVE else [not_a_server_error]
            before = tally.requests
            _attack_operation(base_url, operation, mode, checks, share, tally, api_key, rng)
            sent = tally.requests - before
            remaining -= sent
            if sent >= share:
                still_open.append((operation, mode))
        rounds = still_open


def _attack_operation(base_url, operation, mode, checks, count, tally, api_key, rng):
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=operation.as_strategy(generation_mode=mode))
    def attack(case):
        headers = {"X-Api-Key": api_key} if api_key and rng.random() < 0.5 else None
        if api_key and isinstance(case.body, dict) and "api_key" in case.body and rng.random() < 0.7:
            case.body["api_key"] = api_key  # past the key check, into the request's own validation
            if "service_code" in case.body and rng.random() < 0.7:
                case.body["service_code"] = rng.choice(["elevator", "noise"])
        response = case.call(base_url=base_url, headers=headers, timeout=TIMEOUT)
        tally.record(
            operation.label, response, lambda: f"{mode.name} {case.method} {case.formatted_path} "
            f"query={case.query!r:.200} body={case.body!r:.200}",
            open311=case.path.startswith("/open311/"),
        )  # fmt: skip
        try:
            case.validate_response(response, checks=checks)
        except Exception as exc:  # noqa: BLE001 - every failed check is recorded, the run goes on
            if response.status_code < 500:
                tally.mismatches += 1
                tally.note("not as described", f"{operation.label}: {str(exc)[:600]}")

    # A small operation (an enum path) whose every input was already sent has nothing left to try.
    with contextlib.suppress(Unsatisfiable):
        attack()
