"""The JSON lines formatter of the production logs."""

import json
import logging
import sys

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from ops.logging import JsonFormatter


def _record(**extra) -> logging.LogRecord:
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Lỗi: %s", ("/communes/",), None)
    record.__dict__.update(extra)
    return record


def test_a_record_is_one_line_of_json_with_its_extra_fields():
    line = JsonFormatter().format(_record(status_code=500, commune_code="18256"))
    assert "\n" not in line
    payload = json.loads(line)
    assert payload["level"] == "ERROR" and payload["logger"] == "django.request"
    assert payload["message"] == "Lỗi: /communes/"
    assert payload["status_code"] == 500 and payload["commune_code"] == "18256"
    assert payload["time"].endswith("+00:00")


def test_the_traceback_is_a_field_of_the_same_line():
    try:
        raise ValueError("hỏng")
    except ValueError:
        record = _record(exc_info=sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: hỏng" in json.loads(line)["exception"]


def test_a_user_not_loaded_yet_is_not_loaded_by_the_log():
    """With the database down, formatting the record must not query it for the user."""
    request = RequestFactory().get("/communes/")

    def explode():
        raise AssertionError("the formatter loaded the user")

    request.user = SimpleLazyObject(explode)
    payload = json.loads(JsonFormatter().format(_record(request=request)))
    assert payload["method"] == "GET" and payload["path"] == "/communes/"
    assert "user_id" not in payload
    request.user = AnonymousUser()
    assert "user_id" not in json.loads(JsonFormatter().format(_record(request=request)))
