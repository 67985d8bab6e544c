"""A small bounded cache shared by the catalog and the store.

Example:
    >>> c = Lru[int](1); _ = c.put("a", 1); _ = c.put("b", 2); c.get("a") is None
    True
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class Lru(Generic[V]):
    """A small thread-safe least-recently-used map.

    >>> c = Lru[int](2); _ = c.put("a", 1); _ = c.put("b", 2); _ = c.get("a"); _ = c.put("c", 3)
    >>> sorted(c._d)
    ['a', 'c']
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = max(1, maxsize)
        self._d: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        """The cached value, marked as recently used, or None."""
        with self._lock:
            value = self._d.get(key)
            if value is not None:
                self._d.move_to_end(key)
            return value

    def put(self, key: str, value: V) -> V:
        """Cache a value (evicting the least recently used) and return it."""
        with self._lock:
            self._d[key] = value
            self._d.move_to_end(key)
            while len(self._d) > self.maxsize:
                self._d.popitem(last=False)
        return value

    def pop(self, key: str, default: V | None = None) -> V | None:
        """Forget a key."""
        with self._lock:
            return self._d.pop(key, default)
