"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and redis-py's constructor
fills a table of some 170 response callbacks each time: about half a millisecond per call on this project's
machine, three to four calls per page (the session, the cached page). A `redis.Redis` over a connection pool is
thread-safe and holds no state of its own between commands, so one per pool is kept and reused. Everything else
(pools, serialisation, the `django.core.cache` API) is Django's.

    CACHES = {"default": {"BACKEND": "ntm.lib.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}}
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
