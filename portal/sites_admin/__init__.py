"""The admin's 站点 pages: Wagtail's own site views with Chinese column headers.

Wagtail's ``wagtail.sites`` names three of its index columns from their field names ("Port", "Site name",
"Root page"), which no translation reaches. This app takes its place in ``INSTALLED_APPS``: the same views,
URLs (``wagtailsites:*``, ``/admin/sites/``) and menu item, with labelled columns.
"""
