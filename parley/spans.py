"""Spans taken from a text, none overlapping another."""
from __future__ import annotations

from bisect import bisect_left


class Spans:
    """Non-empty, non-overlapping spans, kept in order: whether a new one overlaps any is a
    bisection, not a look at every span taken."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)      # the spans that begin before `end`; the last ends latest
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> bool:
        """Take [start, end) unless it overlaps a span taken before."""
        if self.overlaps(start, end):
            return False
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True
