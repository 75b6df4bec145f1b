"""Wagtail's user viewset with its yes/no column (有效) reading 是/否 instead of the icon titled "True"/"False"."""

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.users.views import users

from portal.ground.admin_columns import YesNoColumn


class UserIndexView(users.IndexView):
    @cached_property
    def columns(self):
        return [
            YesNoColumn(
                column.name,
                label=column.label,
                accessor=column.accessor,
                sort_key=column.sort_key,
                classname=column.classname,
                width=column.width,
            )
            if isinstance(column, BooleanColumn)
            else column
            for column in super().columns
        ]


class UserViewSet(users.UserViewSet):
    index_view_class = UserIndexView
