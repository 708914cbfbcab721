"""Start-up settings and Vietnamese formats."""

import datetime
import os
import subprocess
import sys

from django import forms
from django.utils import formats, translation


def _start(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**{k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _start({"DJANGO_SETTINGS_MODULE": "ntm.settings.production"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_with_secret_key_starts():
    result = _start({"DJANGO_SETTINGS_MODULE": "ntm.settings.production", "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr


def test_dates_are_typed_day_first_in_vietnamese():
    with translation.override("vi"):
        assert forms.DateField().clean("03/04/2025") == datetime.date(2025, 4, 3)
        assert formats.date_format(datetime.date(2025, 4, 3), "SHORT_DATE_FORMAT") == "03/04/2025"


def test_numbers_group_thousands_with_dots_and_decimals_with_commas():
    with translation.override("vi"):
        assert formats.number_format(1234567.5, decimal_pos=1, use_l10n=True, force_grouping=True) == "1.234.567,5"
