"""Print the portal's secret key: generated once into var/secret_key (0600), or a fresh one with --ephemeral."""

import os
import pathlib
import secrets
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    if "--ephemeral" in sys.argv:
        print(secrets.token_urlsafe(50))
        return
    path = ROOT / "var" / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    print(path.read_text().strip())


if __name__ == "__main__":
    main()
