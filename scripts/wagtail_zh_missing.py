"""List the Wagtail admin messages that Wagtail's own zh_Hans catalogues leave untranslated,
and keep them in locale/zh_Hans/LC_MESSAGES/django.po at the repository root.

For every wagtail/**/locale/en/LC_MESSAGES/django.po in the installed Wagtail, each entry
(msgctxt, msgid, msgid_plural) is compared with the matching zh_Hans/LC_MESSAGES/django.po of the
same Wagtail app. An entry counts as missing when the zh_Hans catalogue lacks it, or has it
fuzzy, obsolete or with an empty msgstr (any empty msgstr[n] for plural entries).

Messages that one of the project's own zh_Hans catalogues (portal/locale, home/locale,
services/*/locale, ...) already translates are left out and reported: Django merges every catalogue
into one, so Wagtail gets the project's wording for them anyway, and because this catalogue is on
LOCALE_PATHS it would otherwise override the project's wording on the public site as well
(e.g. "Caption" 图片说明 in home, "Revoke" 停用 in services/feedback).

The output catalogue keeps every translation already present in it, adds new entries
untranslated, and drops nothing (entries no longer missing are reported, not removed, so that a
Wagtail upgrade cannot silently throw translations away; pass --prune to remove them).

Usage:
    .venv/bin/python scripts/wagtail_zh_missing.py            # update the catalogue, print a summary
    .venv/bin/python scripts/wagtail_zh_missing.py --list     # also print every missing entry
    .venv/bin/python scripts/wagtail_zh_missing.py --check    # exit 1 if entries are untranslated
"""

import argparse
import os
import pathlib
import sys
from datetime import UTC, datetime

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
HEADER = {
    "Project-Id-Version": "yunxi-portal wagtail-zh_Hans-supplement",
    "Report-Msgid-Bugs-To": "",
    "Language": "zh_Hans",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def wagtail_dir():
    import wagtail

    return pathlib.Path(wagtail.__file__).resolve().parent


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def is_translated(entry):
    if entry is None or entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(v for v in entry.msgstr_plural.values())
    return bool(entry.msgstr)


def find_missing(base):
    """Return {key: (en_entry, [app labels])} for entries untranslated in the app's zh_Hans po."""
    missing = {}
    total = set()
    for en_path in sorted(base.glob("**/locale/en/LC_MESSAGES/django.po")):
        locale_dir = en_path.parent.parent.parent
        app = str(locale_dir.parent.relative_to(base.parent))
        zh_path = locale_dir / "zh_Hans" / "LC_MESSAGES" / "django.po"
        zh = {}
        if zh_path.exists():
            zh = {key(e): e for e in polib.pofile(str(zh_path)) if not e.obsolete}
        for en_entry in polib.pofile(str(en_path)):
            if en_entry.obsolete or not en_entry.msgid:
                continue
            k = key(en_entry)
            total.add(k)
            if not is_translated(zh.get(k)):
                missing.setdefault(k, (en_entry, []))[1].append(app)
    return missing, total


def project_translations():
    """Keys translated by the project's own zh_Hans catalogues (not Wagtail's, not this output)."""
    covered = {}
    for po_path in sorted(ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po")):
        rel = po_path.relative_to(ROOT)
        # Skip this script's own output (the root locale/) and anything that is not project code.
        if po_path == OUTPUT or rel.parts[0] in ("locale", ".venv", "node_modules", "var"):
            continue
        for entry in polib.pofile(str(po_path)):
            if is_translated(entry):
                covered.setdefault(key(entry), str(rel.parent.parent.parent.parent))
    return covered


def new_entry(en_entry, apps):
    entry = polib.POEntry(
        msgid=en_entry.msgid,
        msgctxt=en_entry.msgctxt,
        msgstr="",
        comment=en_entry.comment,
        occurrences=[(f"{app}/{path}", line) for app in apps[:1] for path, line in en_entry.occurrences],
        flags=[f for f in en_entry.flags if f != "fuzzy"],
    )
    if en_entry.msgid_plural:
        entry.msgid_plural = en_entry.msgid_plural
        entry.msgstr_plural = {0: ""}
    return entry


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every missing entry")
    parser.add_argument("--check", action="store_true", help="exit 1 if any entry is untranslated")
    parser.add_argument("--prune", action="store_true", help="drop entries Wagtail now translates itself")
    args = parser.parse_args(argv)

    base = wagtail_dir()
    missing, total = find_missing(base)
    covered = project_translations()
    by_project = {k: covered[k] for k in missing if k in covered}
    for k in by_project:
        del missing[k]

    if OUTPUT.exists():
        po = polib.pofile(str(OUTPUT), wrapwidth=0)
    else:
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        po = polib.POFile(wrapwidth=0)
        po.header = (
            "Chinese (Simplified) for the Wagtail admin messages that Wagtail's own zh_Hans\n"
            "catalogues leave untranslated. Generated by scripts/wagtail_zh_missing.py;\n"
            "translations are edited by hand and kept when the script runs again."
        )
    po.metadata.update(HEADER)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    po.metadata.setdefault("POT-Creation-Date", now)
    po.metadata.setdefault("PO-Revision-Date", now)

    existing = {key(e): e for e in po if not e.obsolete}
    added = 0
    for k, (en_entry, apps) in sorted(missing.items(), key=lambda item: (item[1][1][0], item[0][1], item[0][0] or "")):
        if k in existing:
            entry = existing[k]
            # Refresh the source references and translator comments, keep the translation.
            entry.occurrences = new_entry(en_entry, apps).occurrences
            entry.comment = en_entry.comment
            continue
        po.append(new_entry(en_entry, apps))
        added += 1

    # Entries no longer needed: Wagtail translates them now, or a project catalogue does.
    stale = [e for e in po if not e.obsolete and key(e) not in missing]
    pruned = False
    if args.prune and stale:
        for e in stale:
            po.remove(e)
        stale = []
        pruned = True
    if added or pruned:
        po.metadata["PO-Revision-Date"] = now

    po.save(str(OUTPUT))

    untranslated = [e for e in po if not e.obsolete and key(e) in missing and not is_translated(e)]
    if args.list:
        for k, (_en_entry, apps) in sorted(missing.items(), key=lambda item: (item[1][1][0], item[0][1])):
            ctx = f"[{k[0]}] " if k[0] else ""
            plural = f" | {k[2]!r}" if k[2] else ""
            print(f"{', '.join(apps)}: {ctx}{k[1]!r}{plural}")
    for k, where in sorted(by_project.items(), key=lambda item: item[0][1]):
        print(f"left to the project's catalogue {where}: {k[1]!r}", file=sys.stderr)
    print(
        f"{len(total)} Wagtail messages, {len(missing) + len(by_project)} missing or untranslated in "
        f"Wagtail's zh_Hans ({len(by_project)} of them translated by the project's own catalogues); "
        f"{added} added to {os.path.relpath(OUTPUT, ROOT)}, {len(untranslated)} still untranslated there"
        + (f", {len(stale)} no longer needed (use --prune)" if stale else ""),
        file=sys.stderr,
    )
    if args.check and untranslated:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
