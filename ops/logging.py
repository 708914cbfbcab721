"""JSON lines for the production logs: one object per record, the traceback as a field, never on the page."""

import datetime
import json
import logging
from typing import Any

from django.utils.functional import empty

# Attributes every LogRecord has; anything else was passed through `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request"}


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON: time, level, logger, message, request fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            payload["method"] = request.method
            payload["path"] = request.path
            user = getattr(request, "user", None)
            user = getattr(user, "_wrapped", user)  # a lazy user not loaded yet stays unloaded: no query here
            if user is not None and user is not empty and getattr(user, "is_authenticated", False):
                payload["user_id"] = user.pk
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            payload["exception"] = record.exc_text
        if record.stack_info:
            payload["stack"] = self.formatStack(record.stack_info)
        return json.dumps(payload, ensure_ascii=False, default=str)
