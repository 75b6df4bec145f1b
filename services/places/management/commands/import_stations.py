"""manage.py import_stations FILE.csv [--dry-run]: upsert station pages by their external code.

See services/places/csvio.py for the columns. Files may be UTF-8, UTF-8 with BOM or GBK/GB18030;
coordinates WGS-84 or GCJ-02. Every bad row is reported with its line number and reason; it never
leaves a half-written station, and the good rows are imported.
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from tqdm import tqdm

from services.places.csvio import FileError, RowError, community_lookup, parse_row, read_rows
from services.places.models import StationPage
from services.places.stations import station_index, upsert_station


class Command(BaseCommand):
    help = "Import stations from a CSV file (UTF-8, UTF-8 with BOM, GBK); upserts by the code column."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the CSV file")
        parser.add_argument("--dry-run", action="store_true", help="check every row without writing anything")
        parser.add_argument("--no-progress", action="store_true", help="do not show the progress bar")
        parser.add_argument("--draft", action="store_true", help="save new revisions as drafts for moderation")

    def handle(self, *args, **options):
        # Row reasons come from the translated validation messages; editors read them in Chinese.
        with translation.override(settings.LANGUAGE_CODE):
            self.import_file(options)

    def import_file(self, options):
        try:
            with open(options["file"], "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc.strerror}（{options['file']}）")
        try:
            encoding, rows = read_rows(data)
        except FileError as exc:
            raise CommandError(str(exc))
        index = station_index()
        if index is None and not options["dry_run"]:
            raise CommandError("还没有“服务站点”总览页：请先在后台创建，或运行 load_demo。")
        self.stdout.write(f"文件编码：{encoding}，共 {len(rows)} 行数据")
        communities = community_lookup()
        existing = set(StationPage.objects.exclude(code=None).values_list("code", flat=True))
        seen = {}
        created = updated = 0
        errors = []
        progress = tqdm(
            rows, desc="导入站点", unit="行", file=sys.stderr, disable=options["no_progress"] or None, leave=False
        )
        for line, row in progress:
            try:
                code, fields, weekly = parse_row(row, communities)
                if code in seen:
                    raise RowError(f"编码 {code} 与第 {seen[code]} 行重复")
                seen[code] = line
                if options["dry_run"]:
                    created, updated = (created, updated + 1) if code in existing else (created + 1, updated)
                    continue
                with transaction.atomic():
                    _page, was_created = upsert_station(code, fields, weekly, index=index, publish=not options["draft"])
                created, updated = (created + 1, updated) if was_created else (created, updated + 1)
            except RowError as exc:
                errors.append((line, str(exc)))
            except Exception as exc:  # noqa: BLE001 - one broken row must not stop the others
                errors.append((line, f"保存失败：{exc}"))
        progress.close()
        verb = "将" if options["dry_run"] else "已"
        self.stdout.write(f"{verb}新建 {created} 个站点，{verb}更新 {updated} 个站点。")
        if errors:
            self.stdout.write(f"有 {len(errors)} 行未导入：")
            for line, reason in errors:
                self.stdout.write(f"  第 {line} 行：{reason}")
        if options["dry_run"]:
            self.stdout.write("试运行（--dry-run）：没有写入任何数据。")
        if errors:
            raise CommandError(f"{len(errors)} 行有错误，其余行已处理。", returncode=2)
        self.stdout.write(self.style.SUCCESS("导入完成。"))
