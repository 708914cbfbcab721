"""The kinds of background job: each app registers a builder for the long work it hands out.

    register("province_matrix", build, title=...)

`build(params, progress) -> (data: bytes, filename: str)` does the work; it calls `progress(done, total)` now and
then (rows written, say). It must only read: the result becomes visible when the whole file is written.
"""

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int], None]
Builder = Callable[[dict, Progress], tuple[bytes, str]]


@dataclass(frozen=True)
class JobKind:
    name: str
    build: Builder
    title: Callable[[dict], str]
    may_start: Callable[[object, dict], bool]  # (user, params) -> whether this user may run it


_KINDS: dict[str, JobKind] = {}


def register(name: str, build: Builder, *, title: Callable[[dict], str], may_start: Callable[[object, dict], bool]):
    """Make a kind of job available under `name` (called from an app's `ready()`)."""
    _KINDS[name] = JobKind(name, build, title, may_start)


def kind_of(name: str) -> JobKind:
    """The registered kind; KeyError for an unknown name."""
    return _KINDS[name]
