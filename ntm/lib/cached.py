"""Compute-once caching for figures whose keys carry their version (they are never stale, only missing).

`cached_many(keys, compute)` returns every key's value: from the cache, or computed by one request while the
others asking for the same keys at the same moment wait for its result (no stampede of identical heavy
computations), computing themselves only after `wait` seconds. Keys must name the versions of the data (versions
that are never reused, so a value computed inside a transaction that later rolls back sits under a key nobody will
ask for). When the cache server is down the values are computed and a warning is logged.
"""

import logging
import time
from collections.abc import Callable

from django.core.cache import cache

logger = logging.getLogger(__name__)

SECONDS = 24 * 3600  # entries are never stale (the key holds the version): this only bounds unused ones
WAIT_SECONDS = 10


def cached_many(keys: list[str], compute: Callable[[list[str]], dict[str, object]], *, wait: float = WAIT_SECONDS):
    """{key: value} for every key; `compute(missing_keys)` returns the values of the keys not in the cache."""
    try:
        found = cache.get_many(keys)
    except Exception:
        logger.warning("figures cache unavailable", exc_info=True)
        return compute(keys)
    missing = [key for key in keys if key not in found]
    if not missing:
        return found
    store = True
    lock = f"{missing[0]}:building"
    try:
        leader = not store or cache.add(lock, 1, wait)
    except Exception:
        logger.warning("figures cache unavailable", exc_info=True)
        leader, store = True, False
    if not leader:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(0.05)
            ready = cache.get_many(missing)
            if len(ready) == len(missing):
                return found | ready
    computed = compute(missing)
    if store:
        try:
            cache.set_many(computed, SECONDS)
            cache.delete(lock)
        except Exception:
            logger.warning("figures cache unavailable", exc_info=True)
    return found | computed
