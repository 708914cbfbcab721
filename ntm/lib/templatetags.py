"""Template helpers shared by every app, loaded with `{% load ntm %}` (registered in settings.TEMPLATES).

- `{% elided_pages page_obj as pages %}`: page numbers with gaps (1 2 … 9 10 11 … 99 100), for lists of any size.
- `{{ mapping|get_item:key }}`: a dictionary's value for a key held in a variable (empty list when missing).
- `{% sort_link sorting "name" _("Name") %}`: a column header that sorts the list (`ntm.lib.sorting`).
- `{{ amount|money }}`: money in million VND, grouped the way of the language (1.234,5); "—" when empty.
- `{{ score|decimal }}`: a number without grouping or trailing zeros (26,4).
- `{% nav %}`: the menu (templates/snippets/nav.html), rendered once per process for each language and kind of user.
"""

import functools
from types import SimpleNamespace

from django import template
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .numbers import format_decimal

register = template.Library()


@register.simple_tag
def elided_pages(page_obj, on_each_side: int = 2, on_ends: int = 1) -> list:
    """The page numbers to show around the current page; `Paginator.ELLIPSIS` marks a gap."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends))


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or an empty list when the mapping has no such key."""
    return (mapping or {}).get(key, [])


@register.simple_tag(takes_context=True)
def sort_link(context, sorting, column: str, label) -> str:
    """A column header link sorting the list by `column` (again: the other way), keeping the filters; no page."""
    query = context["request"].GET.copy()
    query["sort"] = sorting.toggled(column)
    query.pop("page", None)
    arrow = sorting.arrow(column)
    return format_html(
        '<a href="?{}" class="link-dark text-decoration-none" data-sort="{}">{}{}</a>',
        query.urlencode(),
        column,
        label,
        f" {arrow}" if arrow else "",
    )


@register.filter
def money(value, places: str = "-1") -> str:
    """An amount the Vietnamese way, grouped: 1.234,5 (one decimal when there is one); "—" for no value."""
    if value is None or value == "":
        return "—"
    return floatformat(value, f"{places}g")


@register.filter
def decimal(value) -> str:
    """A number as the language writes it, without grouping or trailing zeros: 26,4 (vi), 26.4 (en); "—" if empty."""
    if value is None or value == "":
        return "—"
    return format_decimal(value)


@register.filter
def given_name(user) -> str:
    """How to greet `user`: the given name, the last word of a Vietnamese full name ('Nguyễn Văn An' -> 'An').

    Users are created with the full name split at its last space (first_name 'Nguyễn Văn', last_name 'An'), so
    Django's own `get_short_name` would greet 'Nguyễn Văn'. Falls back to the user name.
    """
    full = " ".join(part for part in (user.first_name, user.last_name) if part).split()
    return full[-1] if full else user.get_username()


@register.simple_tag(takes_context=True)
def nav(context) -> str:
    """The menu of every page: its links and labels depend only on the language, the site's prefix and whether the
    user is signed in, has a district and may use the admin (URLs and translations do not change while a process
    runs), so it is rendered once per such combination and process instead of on every page."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    district_id = getattr(getattr(user, "profile", None), "district_id", None)
    return _nav(get_language(), get_script_prefix(), district_id, bool(user.is_staff))


@functools.lru_cache(maxsize=1024)
def _nav(language: str, prefix: str, district_id: int | None, is_staff: bool) -> SafeString:
    user = SimpleNamespace(is_authenticated=True, is_staff=is_staff, profile=SimpleNamespace(district_id=district_id))
    return render_to_string("snippets/nav.html", {"user": user})
