"""manage.py backup [--output PATH] [--keep N]: one archive with the database, the media files and a manifest."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, prune, write_backup


class Command(BaseCommand):
    help = "Write one backup archive (database, media, manifest with counts and checksums); see docs/OPERATIONS.md."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="archive path (default: BACKUP_DIR/portal-backup-<time>.tar.gz)")
        parser.add_argument("--keep", type=int, default=0, help="then keep only the newest N archives in BACKUP_DIR")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            path, manifest = write_backup(options["output"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"备份完成：{path}（{manifest['engine']}，{rows} 行记录，{media} 个媒体文件，"
            f"{path.stat().st_size / 1e6:.1f} MB，用时 {time.monotonic() - started:.1f} 秒）"
        )
        if options["keep"]:
            for old in prune(settings.BACKUP_DIR, options["keep"]):
                self.stdout.write(f"已删除旧备份：{old}")
