"""Run a command with DATABASE_URL pointing at a throw-away PostgreSQL server.

python scripts/with_postgres.py pytest -m "not browser"
"""

import os
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from tests.support.postgres import temporary_postgres  # noqa: E402


def main():
    with temporary_postgres() as url:
        env = dict(os.environ, DATABASE_URL=url)
        print(f"PostgreSQL: {url}", file=sys.stderr)
        sys.exit(subprocess.call(sys.argv[1:], env=env))


if __name__ == "__main__":
    main()
