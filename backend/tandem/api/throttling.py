"""Request throttles for the domain API: fixed-window counters in the cache.

DRF's built-in throttles keep a list of every request timestamp of the
window in the cache and rewrite it on each request, so their cost grows
with the rate (at 1,200/min, a 1,200-item list is read and written per
request). A counter per window is one `add`/`incr`: constant cost, shared
by every worker through Redis. The trade-off: up to twice the rate can pass
around a window boundary, which is fine for abuse protection.
"""

from __future__ import annotations

from rest_framework import throttling


class FixedWindowMixin:
    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window_key = f"{self.key}:{int(now // self.duration)}"
        self._wait = self.duration - (now % self.duration)
        # Counted already, in authentication's single cache round trip.
        counted = getattr(request._request, "tandem_counters", None)
        if counted and window_key in counted:
            return counted[window_key] <= self.num_requests
        if self.cache.add(window_key, 1, self.duration):
            return True
        try:
            count = self.cache.incr(window_key)
        except ValueError:  # the window expired between add and incr
            self.cache.set(window_key, 1, self.duration)
            count = 1
        return count <= self.num_requests

    def wait(self) -> float:
        return self._wait


class AnonRateThrottle(FixedWindowMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(FixedWindowMixin, throttling.UserRateThrottle):
    def window_for(self, user_id: object) -> tuple[str, int] | None:
        """The cache key and lifetime of this user's current window, for
        authentication to count the request in its one round trip."""
        if self.rate is None:
            return None
        key = self.cache_format % {"scope": self.scope, "ident": user_id}
        return f"{key}:{int(self.timer() // self.duration)}", int(self.duration)
