"""Reading the next batch while the caller works on this one: a stream in its own thread.

The ADBC and Arrow readers decode in C++ without the GIL, and the detectors' polars passes release it
too, so on two cores a full scan can read batch n+1 while it detects in batch n. The stream is consumed
and closed in one thread (its database connection never changes threads), at most ``depth`` batches
wait in memory, and an error in the stream reaches the caller at the batch where it happened.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

_POLL_SECONDS = 0.1


class _End:
    """Marks the end of the stream, with the error that ended it, if any."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def read_ahead(stream: Iterator[T], depth: int = 1) -> Iterator[T]:
    """Yield what ``stream`` yields, reading up to ``depth`` items ahead in a background thread.

    Closing the returned generator (or dropping it) stops the reader and closes ``stream`` in the
    reader's thread, so a connection it holds is released even when the caller stops early.
    """
    handoff: queue.Queue[T | _End] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(item: T | _End) -> bool:
        while not stop.is_set():
            try:
                handoff.put(item, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in stream:
                if not offer(item):
                    break
        except BaseException as exc:  # handed to the consumer, which raises it in its own thread
            offer(_End(exc))
        else:
            offer(_End())
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()

    reader = threading.Thread(target=produce, name="clinicscan-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            item = handoff.get()
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                return
            yield item
    finally:
        stop.set()
        reader.join()
