"""Fuzz every public form and both APIs on a live server: no 5xx, every 4xx in Chinese, forms reach validation.

CI runs a short budget; ``make fuzz`` runs ``FUZZ_REQUESTS=12000`` (see the Makefile) and prints the figures.
"""

import json
import os

import pytest

from .runner import Tally, fuzz_api, fuzz_forms

pytestmark = pytest.mark.fuzz
BUDGET = int(os.environ.get("FUZZ_REQUESTS", "600"))


def _report(name, tally, capsys):
    with capsys.disabled():
        print(f"\nfuzz {name}: " + json.dumps(tally.summary(), ensure_ascii=False, indent=1))


def test_public_forms(fuzz_world, capsys):
    tally = Tally()
    fuzz_forms(fuzz_world["base_url"], fuzz_world, BUDGET // 2, tally)
    _report("forms", tally, capsys)
    assert tally.form_requests >= BUDGET // 2 - 10
    assert tally.server_errors == 0, tally.problems
    assert tally.not_chinese == 0, tally.problems
    assert tally.reached_share >= 0.8, tally.summary()


def test_apis_as_described(fuzz_world, capsys):
    tally = Tally()
    fuzz_api(fuzz_world["base_url"], BUDGET // 2, tally, api_key=fuzz_world["api_key"])
    _report("api", tally, capsys)
    assert tally.requests >= BUDGET // 2 - 20
    assert tally.server_errors == 0, tally.problems
    assert tally.not_chinese == 0, tally.problems
    assert tally.mismatches == 0, tally.problems
