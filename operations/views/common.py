"""What the office's views share: the office-only guard, pagination, file responses."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from accounts import policy

from ..word import DOCX_CONTENT_TYPE

PAGE_SIZE = 30


def office_only(view):
    """Office staff only, others 403; goes under `viewer_required` and the method check:

    @viewer_required
    @require_POST
    @office_only
    def view(request): ...
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not policy.can_manage_operations(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def paginate(request: HttpRequest, rows, size: int = PAGE_SIZE):
    return Paginator(rows, size).get_page(request.GET.get("page"))


def docx_response(data: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        data,
        content_type=DOCX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def stored_file_response(obj, field: str, name: str) -> FileResponse:
    """A stored file as an attachment (private, not cached), named after its original name and real type."""
    from workflow.filetypes import download_name

    stored = getattr(obj, field)
    if not stored:
        raise Http404
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=download_name(obj.original_name or name, obj.content_type),
        content_type=obj.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def add_errors(form, error) -> None:
    """Put a service's ValidationError on the form, each message naming its field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = form.fields.get(name)
            for message in errors:
                text = " ".join(message.messages)
                form.add_error(name if field else None, f"{field.label}: {text}" if field else text)
    else:
        form.add_error(None, " ".join(error.messages))
