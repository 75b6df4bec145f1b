"""The embedded engine's contract on a real PostgreSQL (tsvector 'simple' + GIN + ts_rank).

pytest-django configures one database per run, so this starts a throw-away server and runs the
contract suite (and the view tests) again in a child pytest pointed at it.
"""

import os
import subprocess
import sys

import pytest

from tests.support.postgres import PostgresUnavailable, temporary_postgres

pytestmark = pytest.mark.postgres


def test_contract_suite_passes_on_postgresql():
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("this whole run already uses PostgreSQL: the contract suite ran on it directly")
    try:
        server = temporary_postgres("portal_search")
        url = server.__enter__()
    except (PostgresUnavailable, subprocess.CalledProcessError) as exc:
        pytest.skip(f"PostgreSQL not available: {exc}")
    try:
        env = {**os.environ, "DATABASE_URL": url, "ELASTICSEARCH_URL": ""}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-x",
                "tests/search/test_contract.py",
                "tests/search/test_views.py",
                "tests/search/test_wagtail_backend.py",
                "tests/search/test_embedded.py",
                "tests/search/test_estimates.py",
                "tests/search/test_rebuild.py",
                "tests/search/test_migrations.py",
                "tests/search/test_warm.py",
                "-k",
                "not Elasticsearch",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
    finally:
        server.__exit__(None, None, None)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
