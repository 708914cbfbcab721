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


def _upload_limits(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup()\nfrom django.conf import settings as s\n"
        "print(s.NTM_UPLOAD_MAX_BYTES, s.NTM_UPLOAD_MAX_UNPACKED_BYTES, s.NTM_UPLOAD_MAX_RATIO,"
        " s.NTM_EVIDENCE_MAX_BYTES)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "ntm.settings.local", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_upload_limits_default_and_come_from_the_environment():
    defaults = _upload_limits({})
    assert defaults.stdout.split() == [str(10 * 2**20), str(200 * 2**20), "100", str(20 * 2**20)], defaults.stderr
    chosen = _upload_limits(
        {
            "NTM_UPLOAD_MAX_BYTES": "5000000",
            "NTM_UPLOAD_MAX_UNPACKED_BYTES": "90000000",
            "NTM_UPLOAD_MAX_RATIO": "40",
            "NTM_EVIDENCE_MAX_BYTES": "1000000",
        }
    )
    assert chosen.stdout.split() == ["5000000", "90000000", "40", "1000000"], chosen.stderr


def test_an_upload_limit_that_is_not_a_number_stops_the_start_naming_the_variable():
    result = _upload_limits({"NTM_UPLOAD_MAX_BYTES": "10MB"})
    assert result.returncode != 0
    assert "NTM_UPLOAD_MAX_BYTES must be a whole number, not '10MB'" in result.stderr
