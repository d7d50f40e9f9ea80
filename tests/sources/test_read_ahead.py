"""Reading ahead changes when batches are read, never what the caller gets, and never leaks a reader."""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.read_ahead import read_ahead


class Stream:
    """A stream that records which thread read and closed it."""

    def __init__(self, items: list[int], fail_at: int | None = None) -> None:
        self.items = items
        self.fail_at = fail_at
        self.read = 0
        self.closed_in: str | None = None
        self.read_in: set[str] = set()

    def __iter__(self) -> Iterator[int]:
        try:
            for position, item in enumerate(self.items):
                self.read_in.add(threading.current_thread().name)
                if position == self.fail_at:
                    raise RuntimeError(f"stream failed at {position}")
                self.read += 1
                yield item
        finally:
            self.closed_in = threading.current_thread().name


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=4))
def test_the_caller_gets_every_item_in_order(items: list[int], depth: int) -> None:
    stream = Stream(items)
    assert list(read_ahead(iter(stream), depth)) == items


def test_the_stream_is_read_and_closed_in_the_reader_thread() -> None:
    stream = Stream(list(range(5)))
    assert list(read_ahead(iter(stream))) == list(range(5))
    assert stream.read_in == {"clinicscan-read-ahead"}
    assert stream.closed_in == "clinicscan-read-ahead"


def test_an_error_reaches_the_caller_after_the_items_before_it() -> None:
    got: list[int] = []
    with pytest.raises(RuntimeError, match="failed at 3"):
        for item in read_ahead(iter(Stream(list(range(10)), fail_at=3))):
            got.append(item)
    assert got == [0, 1, 2]


def test_stopping_early_closes_the_stream_and_the_reader() -> None:
    stream = Stream(list(range(1000)))
    reader = read_ahead(iter(stream), depth=2)
    assert isinstance(reader, Generator)  # close() is how a consumer stops early
    assert [next(reader), next(reader)] == [0, 1]
    reader.close()
    assert stream.closed_in == "clinicscan-read-ahead"
    assert stream.read < 10  # it read at most a few items ahead, not the whole stream
    assert not any(t.name == "clinicscan-read-ahead" for t in threading.enumerate())
