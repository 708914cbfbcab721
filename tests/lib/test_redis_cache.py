"""The Redis cache backend keeps one client per connection pool instead of building one per call, and still
behaves as Django's: values round-trip, and many threads share the client."""

from concurrent.futures import ThreadPoolExecutor

from django.core.cache import cache, caches

from ntm.lib.redis_cache import RedisCache


def test_the_tests_and_production_use_it():
    assert isinstance(caches["default"], RedisCache)


def test_one_client_serves_every_call_and_values_round_trip():
    client = caches["default"]._cache.get_client()
    cache.set("redis-cache-test", {"year": 2014, "name": "Xã Tùng Ảnh"})
    assert cache.get("redis-cache-test") == {"year": 2014, "name": "Xã Tùng Ảnh"}
    assert caches["default"]._cache.get_client(write=True) is client


def test_threads_share_the_client_without_mixing_answers():
    def round_trip(n: int) -> int:
        cache.set(f"redis-cache-thread-{n}", n)
        return cache.get(f"redis-cache-thread-{n}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(round_trip, range(200))) == list(range(200))
