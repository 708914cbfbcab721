"""Template helpers of the office's pages: `{% load operations %}`.

- `{% sort_link "date" label %}`: a column title that sorts the list by that field (again: the other way).
- `{{ status|request_badge }}`: the Bootstrap colour of a request status.
"""

from django import template
from django.utils.html import format_html

register = template.Library()

BADGES = {"open": "primary", "answered": "info", "done": "success", "overdue": "danger"}


@register.simple_tag(takes_context=True)
def sort_link(context, field: str, label) -> str:
    request = context["request"]
    current = request.GET.get("o", "")
    params = request.GET.copy()
    params["o"] = f"-{field}" if current == field else field
    params.pop("page", None)
    arrow = " ▲" if current == field else (" ▼" if current == f"-{field}" else "")
    sort = "ascending" if current == field else ("descending" if current == f"-{field}" else "none")
    return format_html('<a href="?{}" aria-sort="{}">{}{}</a>', params.urlencode(), sort, label, arrow)


@register.filter
def request_badge(status: str) -> str:
    return BADGES.get(status, "secondary")


@register.simple_tag
def request_status_of(item, today) -> str:
    return item.shown_status(today)
