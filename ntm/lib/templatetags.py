"""Template helpers shared by every app, loaded with `{% load ntm %}` (registered in settings.TEMPLATES).

- `{% elided_pages page_obj as pages %}`: page numbers with gaps (1 2 … 9 10 11 … 99 100), for lists of any size.
- `{{ mapping|get_item:key }}`: a dictionary's value for a key held in a variable (empty list when missing).
"""

from django import template

register = template.Library()


@register.simple_tag
def elided_pages(page_obj, on_each_side: int = 2, on_ends: int = 1) -> list:
    """The page numbers to show around the current page; `Paginator.ELLIPSIS` marks a gap."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends))


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or an empty list when the mapping has no such key."""
    return (mapping or {}).get(key, [])
