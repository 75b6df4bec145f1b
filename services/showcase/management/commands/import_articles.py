"""manage.py import_articles PATH... --kind news|case [--publish] [--parent SLUG] [--dry-run]

Prints one JSON line per imported page on stdout; per-file errors go to stderr as JSON lines and the
other files are still imported. Exits with status 1 when any file failed.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from services.showcase.importer.reader import SUPPORTED_SUFFIXES, ArticleImportError
from services.showcase.importer.service import KINDS, find_parent, import_article, read_articles


def expand_paths(paths):
    """Files as given, and the supported files inside given folders (sorted)."""
    result = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            result += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            result.append(path)
    return result


class Command(BaseCommand):
    help = "Import news or case studies from .txt (UTF-8/GBK), .md, .html, .docx and .pdf files; idempotent by content."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders to import")
        parser.add_argument("--kind", choices=KINDS, required=True, help="news → NewsPage, case → CaseStudyPage")
        parser.add_argument("--publish", action="store_true", help="Publish the pages (default: save as drafts)")
        parser.add_argument("--parent", metavar="SLUG", help="Slug of the index page (default: news or cases)")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report without writing anything")

    def handle(self, *args, **options):
        kind = options["kind"]
        try:
            parent = find_parent(kind, options["parent"])
        except ArticleImportError as exc:
            raise CommandError(str(exc)) from exc
        files = expand_paths(options["paths"])
        counts = {"created": 0, "updated": 0, "failed": 0}
        progress_stream = getattr(self.stderr, "_out", sys.stderr)
        # Read as one batch: lines repeated across the files (a site's footer) are dropped as chrome.
        articles = read_articles(files)
        for path, article in tqdm(
            articles, desc="导入文章", unit="个文件", file=progress_stream, disable=None, leave=False
        ):
            try:
                if isinstance(article, ArticleImportError):
                    raise article
                outcome = import_article(
                    article, kind, parent, publish=options["publish"], dry_run=options["dry_run"], name=str(path)
                )
            except ArticleImportError as exc:
                counts["failed"] += 1
                self.stderr.write(json.dumps({"file": str(path), "error": str(exc)}, ensure_ascii=False))
                continue
            counts["updated" if "update" in outcome.action else "created"] += 1
            self.stdout.write(json.dumps(outcome.as_json(), ensure_ascii=False))
        self.stderr.write(
            f"{'（试运行，未写入）' if options['dry_run'] else ''}新建 {counts['created']} 篇，"
            f"更新 {counts['updated']} 篇，失败 {counts['failed']} 个文件。"
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} 个文件未能导入，见上方错误信息。", returncode=1)
