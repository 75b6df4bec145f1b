"""manage.py export_stations [--output FILE] [--encoding utf-8-sig|utf-8|gbk]: the import format."""

import io

from django.core.management.base import BaseCommand, CommandError

from services.places.csvio import write_csv
from services.places.models import StationPage


class Command(BaseCommand):
    help = "Export live stations as CSV in the import_stations format (WGS-84)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--encoding",
            default="utf-8-sig",
            choices=["utf-8-sig", "utf-8", "gbk", "gb18030"],
            help="utf-8-sig (default) opens correctly in Excel; gbk for older tools",
        )
        parser.add_argument("--all", action="store_true", help="include unpublished stations")

    def handle(self, *args, **options):
        stations = StationPage.objects.all() if options["all"] else StationPage.objects.live()
        stations = stations.select_related("community").order_by("code", "pk")
        buffer = io.StringIO(newline="")
        write_csv(stations, buffer)
        try:
            data = buffer.getvalue().encode(options["encoding"])
        except UnicodeEncodeError as exc:
            raise CommandError(
                f"有字符无法用 {options['encoding']} 编码（{exc.object[exc.start : exc.end]}），请改用 utf-8-sig。"
            )
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(data)
            self.stderr.write(f"已导出 {stations.count()} 个站点到 {options['output']}")
            return
        binary = getattr(self.stdout._out, "buffer", None)
        if binary is not None:  # a real terminal or pipe: write the encoded bytes as they are
            self.stdout.flush()
            binary.write(data)
            binary.flush()
        else:  # a text stream (call_command in tests)
            self.stdout.write(data.decode(options["encoding"]), ending="")
