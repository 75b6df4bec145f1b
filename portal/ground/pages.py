"""Helpers for Wagtail's page tree that several apps need."""


def unique_child_slug(parent, base, exclude_pk=None):
    """``base``, or ``base-2``, ``base-3`` … : the first slug no other child of ``parent`` uses."""
    siblings = parent.get_children().exclude(pk=exclude_pk) if exclude_pk else parent.get_children()
    slug, n = base, 2
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
