"""Print the portal's secret key: generated once into VAR_DIR/secret_key (0600), or a fresh one with --ephemeral."""

import os
import pathlib
import secrets
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.settings.env import private_dir, var_dir  # noqa: E402 - the checkout is importable only now


def main():
    if "--ephemeral" in sys.argv:
        print(secrets.token_urlsafe(50))
        return
    path = private_dir(var_dir(ROOT)) / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    elif path.stat().st_mode & 0o077:
        path.chmod(0o600)
    print(path.read_text().strip())


if __name__ == "__main__":
    main()
