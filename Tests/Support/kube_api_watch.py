"""Watch machinery for kube_api_server.py: the event history, open watch streams, bookmarks,
and the response-byte counter. Python 3.11, standard library only.

The model follows kube-apiserver's watch cache (k8s.io/apiserver/pkg/storage/cacher):

- every stored change gets the next value of one global resourceVersion counter and is kept in a
  bounded, ordered history of events (`WatchHub.record`);
- a watch from resourceVersion RV replays the events after RV, then streams new ones; RV older
  than the oldest event the history can still deliver answers one ERROR event carrying a 410
  `Expired` Status, `too old resource version: RV (OLDEST-1)`, exactly as
  `watchCache.getAllEventsSinceLocked` words it (the cacher hands it back through an
  `errWatcher`, so the HTTP status is 200 and the error is the stream's only event);
- an object that stops matching a watcher's selectors reaches it as DELETED (the previous
  content, with the event's resourceVersion), one that starts matching as ADDED
  (`cacheWatcher.convertToWatchEvent`);
- bookmarks carry the current resourceVersion in an otherwise empty object of the watched kind,
  only when the client asked with `allowWatchBookmarks=true`; the cacher sends one about every
  minute and one 2 s before the watch's deadline. Here the period is configurable (default 1 s,
  so tests need not wait a minute).

The hub shares the store's lock: an event is recorded under the same lock that changes the
object, so a watch that snapshots the store and the counter together never misses or repeats
an event.
"""

from __future__ import annotations

import collections
import itertools
import json
import threading
import time
from dataclasses import dataclass, field

DEFAULT_BOOKMARK_INTERVAL = 1.0       # seconds; kube-apiserver: ~60 s
DEFAULT_HISTORY_LIMIT = 10_000        # events; kube-apiserver's watch cache holds 100..102400
DEFAULT_WATCH_TIMEOUT = 1800.0        # no timeoutSeconds: the apiserver's --min-request-timeout
PRE_TIMEOUT_BOOKMARK = 2.0            # cacher: a bookmark 2 s before the deadline
POLL_INTERVAL = 0.25                  # how often an idle stream checks for a closed client


@dataclass
class WatchEvent:
    rv: int
    type: str                 # ADDED, MODIFIED, DELETED
    group: str
    resource: str             # plural
    namespace: str            # "" for cluster-scoped objects
    key_ns: str               # namespace the object's state key names ("" for flat keys)
    obj: dict                 # the object as stored (never mutated afterwards)
    prev: dict | None = None  # the object before a MODIFIED


class Expired(Exception):
    """A watch asked for a resourceVersion the history no longer holds."""

    def __init__(self, requested: int, oldest: int):
        super().__init__(f"too old resource version: {requested} ({oldest})")
        self.requested = requested
        self.oldest = oldest


@dataclass
class Watcher:
    id: int
    path: str
    query: str
    client: str
    started: float = field(default_factory=time.time)
    events_sent: int = 0
    bookmarks_sent: int = 0
    close_mode: str = ""      # "" open; "end" (clean end) or "abort" (cut the connection)

    def to_json(self) -> dict:
        return {"id": self.id, "path": self.path, "query": self.query, "client": self.client,
                "startedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.started)),
                "eventsSent": self.events_sent, "bookmarksSent": self.bookmarks_sent}


class WatchHub:
    """Bounded event history plus the registry of open watch streams.

    All methods must be called with `lock` held (it is the store's lock); `wait` releases it
    while it sleeps, like Condition.wait."""

    def __init__(self, lock, history_limit: int = DEFAULT_HISTORY_LIMIT,
                 bookmark_interval: float = DEFAULT_BOOKMARK_INTERVAL):
        self.cond = threading.Condition(lock)
        self.history: collections.deque[WatchEvent] = collections.deque()
        self.history_limit = history_limit
        self.bookmark_interval = bookmark_interval
        # The oldest resourceVersion a watch may start from: events after it are all kept.
        self.floor = 0
        self.watchers: dict[int, Watcher] = {}
        self.ids = itertools.count(1)
        self.stopping = False
        self.expired_total = 0      # watches answered 410
        self.closed_total = 0       # streams ended by close_all

    # --- history -------------------------------------------------------------------------

    def reset(self, floor: int):
        """Forget every event; watches may start at `floor` or later (a fresh list's RV)."""
        self.history.clear()
        self.floor = floor

    def record(self, event: WatchEvent):
        if self.history and event.rv <= self.history[-1].rv:
            raise AssertionError(f"resourceVersion went backwards: {event.rv} after "
                                 f"{self.history[-1].rv}")
        self.history.append(event)
        while len(self.history) > max(1, self.history_limit):
            self.floor = self.history.popleft().rv
        self.cond.notify_all()

    def expire(self, current_rv: int):
        """Drop the whole history: any watch from before `current_rv` now gets 410."""
        self.reset(current_rv)

    def check_start(self, rv: int):
        if rv < self.floor:
            self.expired_total += 1
            raise Expired(rv, self.floor)

    def events_after(self, rv: int) -> list[WatchEvent]:
        """Events with resourceVersion > rv, oldest first. Walks back from the newest, so a live
        watcher pays only for what it has not seen."""
        out = []
        for event in reversed(self.history):
            if event.rv <= rv:
                break
            out.append(event)
        out.reverse()
        return out

    # --- watchers ------------------------------------------------------------------------

    def register(self, path: str, query: str, client: str) -> Watcher:
        w = Watcher(next(self.ids), path, query, client)
        self.watchers[w.id] = w
        self.cond.notify_all()
        return w

    def unregister(self, w: Watcher):
        self.watchers.pop(w.id, None)
        self.cond.notify_all()

    def close_all(self, mode: str) -> int:
        n = 0
        for w in self.watchers.values():
            if not w.close_mode:
                w.close_mode = mode
                n += 1
        self.closed_total += n
        self.cond.notify_all()
        return n

    def stop(self):
        self.stopping = True
        self.close_all("end")

    def wait(self, timeout: float):
        self.cond.wait(max(0.0, timeout))

    def wait_for(self, predicate, timeout: float) -> bool:
        return self.cond.wait_for(predicate, timeout)

    def config(self) -> dict:
        return {"bookmarkIntervalSeconds": self.bookmark_interval,
                "historyLimit": self.history_limit}

    def stats(self, current_rv: int) -> dict:
        return {"open": len(self.watchers),
                "watches": [w.to_json() for w in self.watchers.values()],
                "resourceVersion": str(current_rv),
                "oldestResourceVersion": str(self.floor),
                "historyEvents": len(self.history),
                "expiredTotal": self.expired_total,
                "closedTotal": self.closed_total,
                **self.config()}


# ---------------------------------------------------------------------------------------------
# Wire format
# ---------------------------------------------------------------------------------------------

def encode_event(etype: str, obj: dict) -> bytes:
    """One watch event as kube-apiserver's JSON watch encoder writes it: compact JSON, one line."""
    return json.dumps({"type": etype, "object": obj}, separators=(",", ":")).encode() + b"\n"


def bookmark_object(kind: str, api_version: str, rv: int, builtin: bool,
                    initial_events_end: bool = False) -> dict:
    """The object of a BOOKMARK event: the watched kind with only metadata.resourceVersion.
    Built-in kinds are typed Go structs on a real server, so their empty ObjectMeta carries
    `creationTimestamp: null`; custom resources (unstructured) carry only what is set."""
    meta: dict = {"resourceVersion": str(rv)}
    if builtin:
        meta["creationTimestamp"] = None
    if initial_events_end:
        meta["annotations"] = {"k8s.io/initial-events-end": "true"}
    obj = {"kind": kind, "apiVersion": api_version, "metadata": meta}
    return obj


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


LAST_CHUNK = b"0\r\n\r\n"


# ---------------------------------------------------------------------------------------------
# Response bytes
# ---------------------------------------------------------------------------------------------

class ByteCounter:
    """Bytes the API server sent, overall and per request path (query left off). `body` counts
    response bodies (each streamed event included); `wire` adds status lines, headers and
    chunk framing. /_control/* answers are not counted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.since = time.time()
            self.by_path: dict[str, list[int]] = {}   # path -> [body, wire, responses]

    def add(self, path: str, body: int, wire: int, responses: int = 0):
        with self.lock:
            row = self.by_path.setdefault(path, [0, 0, 0])
            row[0] += body
            row[1] += wire
            row[2] += responses

    def snapshot(self, prefixes: list[str]) -> dict:
        with self.lock:
            rows = {p: list(v) for p, v in self.by_path.items()}
            since = self.since

        def total(match) -> dict:
            sel = [v for p, v in rows.items() if match(p)]
            return {"body": sum(v[0] for v in sel), "wire": sum(v[1] for v in sel),
                    "responses": sum(v[2] for v in sel)}

        out = {**total(lambda p: True),
               "seconds": round(time.time() - since, 3),
               "byPath": {p: {"body": v[0], "wire": v[1], "responses": v[2]}
                          for p, v in sorted(rows.items())}}
        if prefixes:
            out["byPrefix"] = {pre: total(lambda p, pre=pre: p.startswith(pre)) for pre in prefixes}
        return out


class CountingWriter:
    """Wraps a handler's wfile; counts every byte written."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def write(self, data) -> int:
        n = self.raw.write(data)
        self.count += len(data)
        return n

    def flush(self):
        self.raw.flush()

    def __getattr__(self, name):
        return getattr(self.raw, name)
