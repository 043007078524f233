"""The cache on Redis, degrading to misses (never errors) while Redis is down.

django-redis with IGNORE_EXCEPTIONS turns every failure into a miss, which suits caching.
One call needs more: `add` is also how allauth takes the lock around its rate-limit counters,
and a failed `add` reads as "someone else holds the lock", so with Redis down every sign-in
and sign-up would wait a second and be refused as rate-limited. Here `add` reports success
instead: while Redis is down the counters are not kept (rate limits are off, logged as such)
and people can still sign in; they are back as soon as Redis is.
"""

import logging
from typing import Any

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


class DegradingRedisCache(RedisCache):
    def add(self, *args: Any, **kwargs: Any) -> bool:
        try:
            return bool(self.client.add(*args, **kwargs))
        except ConnectionInterrupted:
            logger.warning("Cache unreachable: add() treated as done; rate limits are off")
            return True
