"""Admin list columns shared by every app: a yes/no column that reads 是/否 (ground layer)."""

from wagtail.admin.ui.tables import BooleanColumn


class YesNoColumn(BooleanColumn):
    """A boolean column with the word beside its icon (Wagtail's own titles the icons “True”/“False”)."""

    cell_template_name = "includes/yes_no_cell.html"
