"""manage.py prepare_site: everything `make run` needs before serving, in one process.

Migrates, loads the demo content once (marker file var/.demo-loaded), builds the search index once
(var/.search-built), and makes sure an admin account exists. Each step is skipped when already done,
so a second `make run` starts in seconds.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load demo content once, build the search index once, ensure an admin account."

    def handle(self, *args, **options):
        var = Path(settings.VAR_DIR)
        var.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=1)
        demo_marker = var / ".demo-loaded"
        if demo_marker.exists():
            self.stdout.write("演示内容已加载（删除 var/.demo-loaded 可重新加载）")
        else:
            call_command("load_demo")
            demo_marker.touch()
        # Rebuild the search index on the first run and whenever the search app's migrations
        # changed (new dictionary terms or analysis change how text is tokenised).
        search_marker = var / ".search-built"
        state = self._search_state()
        if "rebuild_search_index" in get_commands() and (
            not search_marker.exists() or search_marker.read_text() != state
        ):
            call_command("rebuild_search_index")
            search_marker.write_text(state)
        call_command("ensure_admin")

    @staticmethod
    def _search_state():
        """The applied migrations of the search app, as a string to compare with the marker."""
        from django.db.migrations.recorder import MigrationRecorder

        names = MigrationRecorder.Migration.objects.filter(app="search").order_by("name").values_list("name", flat=True)
        return ",".join(names)
