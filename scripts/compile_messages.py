"""Compile every locale/*.po into .mo with polib, so no GNU gettext is needed to run the site."""

import pathlib
import sys

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    count = 0
    for po_path in ROOT.glob("**/locale/*/LC_MESSAGES/*.po"):
        if ".venv" in po_path.parts or "node_modules" in po_path.parts:
            continue
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        count += 1
    print(f"compiled {count} message catalogue(s)", file=sys.stderr)


if __name__ == "__main__":
    main()
