"""Sortable lists: `?sort=name` sorts by a column, `?sort=-name` the other way; anything else sorts by the default.

    queryset, sorting = sort_queryset(queryset, request.GET.get("sort"), {"name": [vietnamese("name")], ...}, "name")

Names sort in Vietnamese order (`vietnamese`): ICU's `vi-x-icu` collation on PostgreSQL, the stored sort key
(`ntm.lib.text.vi_sort_key`) elsewhere. Empty values go last whichever the direction. The template tag
`{% sort_link sorting "name" _("Name") %}` (`ntm.lib.templatetags`) writes a header link that toggles it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Expression, F, QuerySet
from django.db.models.functions import Collate


def vietnamese(field: str = "name", key_field: str = "sort_name") -> Expression:
    """An expression ordering `field` alphabetically the Vietnamese way (a ă â b c d đ ...)."""
    if connection.vendor == "postgresql":
        return Collate(F(field), "vi-x-icu")
    return F(key_field)


@dataclass(frozen=True)
class Sorting:
    """The list's current order, for the column header links."""

    current: str
    columns: tuple[str, ...]

    @property
    def column(self) -> str:
        return self.current.removeprefix("-")

    @property
    def descending(self) -> bool:
        return self.current.startswith("-")

    def toggled(self, column: str) -> str:
        """The ?sort= value of a link on `column`: the other direction when it is the current one."""
        if column == self.column and not self.descending:
            return f"-{column}"
        return column

    def arrow(self, column: str) -> str:
        if column != self.column:
            return ""
        return "▼" if self.descending else "▲"


def sort_queryset(
    queryset: QuerySet, raw: str | None, columns: dict[str, Sequence[str | Expression]], default: str
) -> tuple[QuerySet, Sorting]:
    """`queryset` ordered by the column `raw` names (its expressions, then the primary key, so pages are stable)."""
    key = (raw or "").strip()
    if key.removeprefix("-") not in columns:
        key = default
    descending = key.startswith("-")
    order = []
    for expression in columns[key.removeprefix("-")]:
        expression = F(expression) if isinstance(expression, str) else expression
        order.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
    return queryset.order_by(*order, "-pk" if descending else "pk"), Sorting(key, tuple(columns))
