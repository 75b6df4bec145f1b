"""manage.py check_search_index: report drift between live public content and the index (exit 1 on drift)."""

from django.core.management.base import BaseCommand, CommandError

from search.engine import get_engine

SHOW = 20


class Command(BaseCommand):
    help = "Compare live public content with the search index; exits with status 1 when they differ."

    def handle(self, *args, **options):
        engine = get_engine()
        health = engine.health()
        if not health.get("ok"):
            raise CommandError(f"搜索引擎不可用：{health}")
        report = engine.check()
        self.stdout.write(f"引擎 {engine.name}：应有 {report.expected} 篇，索引中 {report.indexed} 篇。")
        for label, keys in (
            ("缺失（未入索引）", report.missing),
            ("过期（内容已变）", report.stale),
            ("多余（已下线或删除）", report.orphaned),
        ):
            if keys:
                self.stdout.write(f"{label}：{len(keys)} 篇")
                for key in keys[:SHOW]:
                    self.stdout.write(f"  - {key}")
                if len(keys) > SHOW:
                    self.stdout.write(f"  …… 另有 {len(keys) - SHOW} 篇")
        if not report.ok:
            raise CommandError("索引与内容不一致：请运行 manage.py rebuild_search_index", returncode=1)
        self.stdout.write(self.style.SUCCESS("索引与内容一致。"))
