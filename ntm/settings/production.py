"""Production: everything comes from the environment through base."""

from .base import *  # noqa: F403
