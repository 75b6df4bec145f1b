"""manage.py prepare_site: everything a server needs before serving, in one process.

Each step looks at the installation it is pointed at (VAR_DIR, STATIC_ROOT, DATABASE_URL), so a new
one of any of them is prepared instead of served half-made:
migrations; the holiday calendar (seeded from the chinesecalendar package, editors' days kept); static files (collected again when the sources changed or STATIC_ROOT lacks them);
demo content, only when asked (``--demo`` or LOAD_DEMO=1) and only into a database without content;
the search index, built once per database; an admin account. A second run takes seconds.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import connection

from portal.settings.env import env_bool, private_dir

STATIC_STAMP = ".source-fingerprint"


def database_has_content():
    """True once the database holds any page of the portal's own types (Wagtail's welcome page is not content)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    generic = ContentType.objects.get_for_model(Page)
    return Page.objects.filter(depth__gt=1).exclude(content_type=generic).exists()


def static_fingerprint():
    """A digest of every static source file the finders see (name, size, modification time)."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in sorted(finder.list([]), key=lambda item: item[0]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def database_identity():
    """Which database this is (engine, host, port, name): markers kept in VAR_DIR are per database."""
    db = connection.settings_dict
    return f"{db['ENGINE']}|{db.get('HOST') or ''}|{db.get('PORT') or ''}|{db['NAME']}"


class Command(BaseCommand):
    help = "Migrate, collect static files if needed, load demo content if asked, build the search index once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            default=env_bool("LOAD_DEMO", False),
            help="load the demo site into a database without content (also LOAD_DEMO=1)",
        )

    def handle(self, *args, **options):
        var = private_dir(settings.VAR_DIR)
        call_command("migrate", interactive=False, verbosity=1)
        call_command("seed_holidays")
        self.collect_static()
        if options["demo"]:
            if database_has_content():
                self.stdout.write("数据库中已有内容，不加载演示内容。")
            else:
                call_command("load_demo")
        self.build_search_index(var / ".search-built")
        call_command("ensure_admin")

    def collect_static(self):
        """Collect static files when STATIC_ROOT lacks the manifest or the sources changed since it was filled."""
        if not isinstance(staticfiles_storage, ManifestFilesMixin):
            return  # development and tests serve the sources directly
        root = Path(settings.STATIC_ROOT)
        stamp = root / STATIC_STAMP
        fingerprint = static_fingerprint()
        manifest = root / staticfiles_storage.manifest_name
        if manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint:
            self.stdout.write("静态文件无变化，跳过 collectstatic")
            return
        self.stdout.write(f"正在收集静态文件到 {root} ……")
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint)

    @staticmethod
    def index_is_empty():
        """True when the database has content but the search engine reports no documents (e.g. a wiped index)."""
        from search.engine import get_engine

        return get_engine().health().get("documents") == 0 and database_has_content()

    def build_search_index(self, marker):
        """Rebuild on a new database and whenever the search app's migrations changed the analysis."""
        from django.db.migrations.recorder import MigrationRecorder

        if "rebuild_search_index" not in get_commands():
            return
        names = MigrationRecorder.Migration.objects.filter(app="search").order_by("name").values_list("name", flat=True)
        state = f"{database_identity()}\n{','.join(names)}"
        if not marker.exists() or marker.read_text() != state or self.index_is_empty():
            call_command("rebuild_search_index")
            marker.write_text(state)
