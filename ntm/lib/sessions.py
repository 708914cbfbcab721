"""Sessions read from the cache and written through to the database, surviving a cache server that is down.

Django's `cached_db` engine already logs a failed write to the cache, but a failed read falls back to the
database and then writes to the cache unguarded, and `exists` and `delete` ask the cache unguarded: with Redis
down every signed-in page would fail. Here each cache call is guarded, so the site keeps working from the
database (one query more per page) until the cache is back.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.warning("session cache unavailable", exc_info=True)
            data = None
        if data is not None:
            return data
        session = self._get_session_from_db()
        if not session:
            return {}
        data = self.decode(session.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=session.expire_date))
        except Exception:
            logger.warning("session cache unavailable", exc_info=True)
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            logger.warning("session cache unavailable", exc_info=True)
        return super(cached_db.SessionStore, self).exists(session_key)

    def delete(self, session_key=None):
        key = session_key or self.session_key
        try:
            if key is not None:
                self._cache.delete(self.cache_key_prefix + key)
        except Exception:
            logger.warning("session cache unavailable", exc_info=True)
        super(cached_db.SessionStore, self).delete(session_key)
