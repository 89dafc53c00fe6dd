"""Django's Redis cache, with the request hot path in one round trip.

- Django's RedisCacheClient builds a new `redis.Redis` object (and its table
  of response callbacks) for every cache call; a redis-py client is safe to
  share between threads (its pool hands out connections), so one per pool
  is kept.
- `auth_round_trip` reads a session's auth record and, only when there is a
  live record, counts the request in each rate-limit window and marks the
  session's activity: one EVALSHA instead of four round trips. A revoked
  or unknown session counts nothing against the user it names.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.core.cache.backends import redis as django_redis

_AUTH_SCRIPT = """
local record = redis.call('GET', KEYS[1])
if (not record) or record == ARGV[1] then
    return {''}
end
local out = {record}
for i = 2, #KEYS - 1 do
    redis.call('SET', KEYS[i], 0, 'EX', ARGV[i], 'NX')
    out[#out + 1] = redis.call('INCR', KEYS[i])
end
if redis.call('SET', KEYS[#KEYS], 1, 'EX', ARGV[#KEYS], 'NX') then
    out[#out + 1] = 1
else
    out[#out + 1] = 0
end
return out
"""


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}
        self._scripts: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client

    def auth_script(self) -> Any:
        script = self._scripts.get(0)
        if script is None:
            script = self._scripts[0] = self.get_client(write=True).register_script(_AUTH_SCRIPT)
        return script


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient


def auth_round_trip(
    record_key: str, tombstone: Any, counters: list[tuple[str, int]], seen: tuple[str, int] | None
) -> tuple[Any, list[int], bool | None]:
    """(record or None, each counter after +1, whether `seen` was newly set).

    Counters and `seen` change only when a live record exists. One round
    trip with Redis; separate calls with any other cache (local memory).
    """
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        client = cache._cache
        # Without a session to mark, the script marks a key of the record's own (harmless).
        seen_key, seen_ttl = seen or (f"{record_key}:seen", 1)
        keys = [cache.make_and_validate_key(key) for key in (record_key, *(k for k, _ in counters), seen_key)]
        args = [client._serializer.dumps(tombstone), *(ttl for _, ttl in counters), seen_ttl]
        reply = client.auth_script()(keys=keys, args=args)
        if not reply or reply[0] in (b"", ""):
            return None, [], None
        newly_seen = bool(reply[-1]) if seen is not None else None
        return client._serializer.loads(reply[0]), [int(n) for n in reply[1:-1]], newly_seen
    record = cache.get(record_key)
    if record is None or record == tombstone:
        return None, [], None
    counts = []
    for key, ttl in counters:
        if cache.add(key, 1, ttl):
            counts.append(1)
        else:
            try:
                counts.append(cache.incr(key))
            except ValueError:
                cache.set(key, 1, ttl)
                counts.append(1)
    return record, counts, cache.add(seen[0], 1, seen[1]) if seen is not None else None
