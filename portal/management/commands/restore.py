"""manage.py restore ARCHIVE: check a backup archive completely, then restore it into an empty database."""

import time

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database of the same engine (refuses a damaged archive)."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            manifest = restore_backup(options["archive"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"恢复完成：{rows} 行记录与备份清单一致（备份时间 {manifest['created_at']}），"
            f"用时 {time.monotonic() - started:.1f} 秒。"
        )
