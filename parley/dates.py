"""Calendar arithmetic and absolute date patterns shared by the publication-date finder and the
time-expression annotator. Month names come from the language pack (which takes them from CLDR).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import rx
from .rx import Folded, FoldedMatch, lowered
from .spans import Spans

if TYPE_CHECKING:     # a pack's module imports this one: only the type, never the package
    from .lang import LanguagePack


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    rule: str

    def iso(self) -> str | None:
        return None if self.year is None else iso(self.year, self.month, self.day)


def iso(y: int, m: int | None = None, d: int | None = None) -> str:
    """A date at the precision known: 2023, 2023-09, 2023-09-15."""
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


# the all-number forms every language writes alike (a day-first 15/09/2023 is the pack's choice)
NUMBERS_ONLY = [
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), "iso"),
    (re.compile(r"\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"), "ymd-slash"),
    (re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"), "dmy-dots"),
]


@functools.lru_cache(maxsize=None)
def absolute_patterns(pack: LanguagePack) -> list[tuple[re.Pattern[str], str]]:
    names = sorted(pack.months, key=len, reverse=True)
    month = "(?P<mon>" + "|".join(re.escape(n) for n in names) + r")\.?"
    day_first = [(re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b"), "dmy-slash")] if pack["dates"].get("day_first") else []
    return day_first + NUMBERS_ONLY + [
        (rx.compile(r"\b" + month + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b(?!:)", re.IGNORECASE), "month-day"),
        (rx.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?" + month + r"(?:,?\s+(?:de\s+)?(?P<y>\d{4}))?\b", re.IGNORECASE), "day-month"),
        (rx.compile(r"\b" + month + r",?\s+(?P<y>\d{4})\b", re.IGNORECASE), "month-year"),
    ]


NUMERIC = frozenset({"dmy-slash", "iso", "ymd-slash", "dmy-dots"})   # the all-number patterns above
NUMBER_SEPARATOR = re.compile(r"\d[-/.]\d")


def scan(rx: re.Pattern[str], text: str, starts: list[int] | None, end: int | None = None):
    """Like rx.finditer(text), but trying only the given start offsets (token starts that can
    begin a match): the hot path looks at a few dozen places instead of every character."""
    if starts is None:
        yield from rx.finditer(text, 0, len(text) if end is None else end)
        return
    last = -1
    end = len(text) if end is None else end
    # a folded pattern: its case-sensitive form on the lowercased text, matches read in the original
    low = lowered(text) if isinstance(rx, Folded) else None
    pattern, subject = (rx.folded, low) if low is not None else (rx, text)
    if low is not None and not rx.possible(low, 0, end):
        return
    for s in starts:
        if s < last:
            continue
        m = pattern.match(subject, s, end)
        if m and m.end() > m.start():
            last = m.end()
            yield FoldedMatch(m, text) if low is not None else m


def find_absolute(text: str, pack: LanguagePack, starts: list[int] | None = None) -> list[DateMatch]:
    """Absolute dates in `text`, longest first where they overlap; a missing year stays None.
    `starts`, when given, are the offsets where a date may begin (digits and month names)."""
    return _find(text, absolute_patterns(pack), pack.months, starts)


def find_numeric(text: str) -> list[DateMatch]:
    """The dates written in numbers only (2023-09-15, 2023/09/15, 15.09.2023), in any language."""
    return _find(text, NUMBERS_ONLY, {}, None)


def _find(text: str, patterns, months: dict[str, int], starts: list[int] | None) -> list[DateMatch]:
    found: list[DateMatch] = []
    taken = Spans()
    numeric = NUMBER_SEPARATOR.search(text) is not None
    for rx, rule in patterns:
        if rule in NUMERIC and not numeric:
            continue    # "2023-09-15", "15.09.2023", "15/09/2023": a digit, a separator, a digit
        for m in scan(rx, text, starts):
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            g = m.groupdict()
            try:
                mon = int(g["m"]) if g.get("m") else months[g["mon"].lower().rstrip(".")] if g.get("mon") else None
            except KeyError:
                continue
            day = int(g["d"]) if g.get("d") else None
            year = int(g["y"]) if g.get("y") else None
            if mon is None or not 1 <= mon <= 12:
                continue
            if year is not None and not 1900 <= year <= 2100:
                continue
            if day is not None:
                if not 1 <= day <= 31:
                    continue
                if year is not None and not valid(year, mon, day):
                    continue
            found.append(DateMatch(s, e, year, mon, day, rule))
            taken.add(s, e)
    found.sort(key=lambda d: d.start)
    return found


def valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def parse_iso(s: str | None) -> dt.date | None:
    if not s or len(s) < 10:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1
