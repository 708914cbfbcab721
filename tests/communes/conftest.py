"""Fixtures shared by the commune tests."""

from tests.communes.reform import reformed, set_2026  # noqa: F401 (a province on both sides of 1/7/2025)
