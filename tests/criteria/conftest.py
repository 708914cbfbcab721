"""Fixtures shared with the workflow tests."""

from tests.workflow.conftest import complete  # noqa: F401  (a commune registered for 2014 meeting every criterion)
