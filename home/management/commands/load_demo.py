"""manage.py load_demo: build the demo site idempotently (safe to run again)."""

from django.core.cache import caches
from django.core.management.base import BaseCommand

from home import demo


class Command(BaseCommand):
    help = "Load realistic Chinese demo content for every part of the portal (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write("正在加载演示内容……")
        demo.load(stdout=self.stdout)
        for alias in caches:
            caches[alias].clear()
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))
