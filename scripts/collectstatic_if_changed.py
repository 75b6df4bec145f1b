"""Run collectstatic only when a static source changed since the last run (keeps a second `make run` fast)."""

import hashlib
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
STAMP = ROOT / "var" / ".static-hash"


def source_fingerprint():
    digest = hashlib.sha256()
    roots = [ROOT / "static"] + [p for p in ROOT.glob("**/static") if ".venv" not in p.parts and "var" not in p.parts]
    for root in sorted(set(roots)):
        for path in sorted(root.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def main():
    fingerprint = source_fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint and (ROOT / "var" / "static" / "staticfiles.json").exists():
        print("静态文件无变化，跳过 collectstatic")
        return
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "collectstatic")
    env.setdefault("ALLOWED_HOSTS", "localhost")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "collectstatic",
            "--noinput",
            "--verbosity",
            "0",
            "--settings=portal.settings.production",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    STAMP.write_text(fingerprint)


if __name__ == "__main__":
    main()
