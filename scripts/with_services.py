"""Run a command with throw-away PostgreSQL and Redis servers (Debian's packages): DATABASE_URL and REDIS_URL set.

python scripts/with_services.py pytest tests/browser/...
"""

import os
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from tests.support.postgres import temporary_postgres  # noqa: E402
from tests.support.redis import temporary_redis  # noqa: E402


def main():
    with temporary_postgres() as database_url, temporary_redis() as redis_url:
        env = dict(os.environ, DATABASE_URL=database_url, REDIS_URL=redis_url)
        print(f"PostgreSQL: {database_url}  Redis: {redis_url}", file=sys.stderr)
        sys.exit(subprocess.call(sys.argv[1:], env=env))


if __name__ == "__main__":
    main()
