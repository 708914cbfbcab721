"""The province workbooks as background jobs (jobs app): the matrix and the summary, with their progress."""

from django.http import Http404
from django.utils.translation import gettext as _

from accounts import policy
from jobs.registry import register

from .exports import matrix_filename, matrix_workbook, summary_filename, summary_workbook
from .layout import grid_for


def _year(params: dict) -> int:
    return int(params["year"])


def build_province_matrix(params: dict, progress) -> tuple[bytes, str]:
    """The province's matrix for params['year'] (Http404 when no criteria set applies to it)."""
    grid = grid_for(year=_year(params))
    if grid is None:
        raise Http404(_("No criteria set applies to %(year)s.") % {"year": _year(params)})
    return matrix_workbook(grid, progress=progress), matrix_filename(grid)


def build_province_summary(params: dict, progress) -> tuple[bytes, str]:
    """The provincial summary for params['year'] (Http404 when no criteria set applies to it)."""
    data = summary_workbook(year=_year(params), progress=progress)
    if data is None:
        raise Http404(_("No criteria set applies to %(year)s.") % {"year": _year(params)})
    return data, summary_filename(year=_year(params))


def _reader(user, params) -> bool:
    return policy.can_view(user)


def register_jobs() -> None:
    register(
        "province_matrix",
        build_province_matrix,
        title=lambda params: _("Province matrix %(year)s") % {"year": params["year"]},
        may_start=_reader,
    )
    register(
        "province_summary",
        build_province_summary,
        title=lambda params: _("Provincial summary report %(year)s") % {"year": params["year"]},
        may_start=_reader,
    )
