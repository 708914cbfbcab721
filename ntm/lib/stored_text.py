"""Every text people type or import is stored in Unicode NFC: one `pre_save` receiver for the project's models.

Forms, the admin, imports and commands all end in `Model.save()`, so normalising there covers them all: a
one-line field (CharField, EmailField, SlugField...) goes through `ntm.lib.text.normalize` (NFC, trimmed, one
space, Ð -> Đ), a TextField through `normalize_multiline` (line breaks kept). Fields holding secrets or machine
values (passwords, tokens, hashes, file names) are left as they are. `bulk_create` / `update()` skip signals: the
importers normalise their values themselves (`ntm.lib.sheets` / `ntm.lib.text`).
"""

from django.db import models
from django.db.models.signals import pre_save

from .text import normalize, normalize_multiline

_SKIPPED_NAMES = {"password", "token", "secret", "key", "checksum", "sha256", "session_key"}


def _is_text(field: models.Field) -> bool:
    if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
        return False
    name = field.name.lower()
    return not any(part in _SKIPPED_NAMES for part in name.split("_"))


def normalize_stored_text(sender, instance, raw: bool = False, **kwargs) -> None:
    """Normalise the text fields of `instance` before it is written (not when loading fixtures: `raw`)."""
    if raw:
        return
    for field in sender._meta.concrete_fields:
        if not _is_text(field):
            continue
        value = getattr(instance, field.attname)
        if not isinstance(value, str) or not value:
            continue
        cleaned = normalize_multiline(value) if isinstance(field, models.TextField) else normalize(value)
        if cleaned != value:
            setattr(instance, field.attname, cleaned)


def connect(app_labels: set[str]) -> None:
    """Connect the receiver for every model of `app_labels` (the project's own apps)."""
    from django.apps import apps

    for model in apps.get_models(include_auto_created=False):
        if model._meta.app_label in app_labels:
            pre_save.connect(normalize_stored_text, sender=model, dispatch_uid=f"stored_text:{model._meta.label}")
