"""Case-insensitive patterns, run fast.

CPython's regex engine matches a case-insensitive pattern several times slower than a
case-sensitive one (it folds every character it compares, and it cannot skip ahead to the
characters a match may begin with). Most of Parley's patterns are lists of lowercase words
searched case-insensitively, so `compile` returns, for those, a pattern that runs
case-sensitively on the text lowercased once (and cached) and hands back matches that read the
original text: the same positions, groups and values as the case-insensitive pattern.

It falls back to the ordinary case-insensitive pattern for a pattern that spells a capital
letter (a character class such as `[A-Z]` means something else case-sensitively) and for a
text whose lowercase form is not as long as itself (a dotted capital I: positions would shift).
"""
from __future__ import annotations

import re
import sys
import unicodedata
from typing import Any, Iterator

ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{3}|.)|\(\?P(?:<\w+>|=\w+\))", re.DOTALL)
_recent: dict[int, tuple[str, str | None]] = {}    # id(text) -> the text and its lowercase form, least recently used first
_KEEP = 8


def lowered(text: str) -> str | None:
    """`text` lowercased, or None when lowercasing changes its length. The texts used last are kept
    (least recently used out first: a document's text stays while its sentences come and go), each
    with the text itself: an entry serves only the very object it was made from (an id is reused
    once its text is gone), so any thread may read or replace any entry."""
    key = id(text)
    entry = _recent.pop(key, None)
    if entry is None or entry[0] is not text:
        low = text.lower()
        entry = (text, low if len(low) == len(text) else None)
        if len(_recent) >= _KEEP:
            try:
                del _recent[next(iter(_recent))]
            except (RuntimeError, KeyError, StopIteration):    # another thread changed it meanwhile
                _recent.clear()
    _recent[key] = entry
    return entry[1]


def foldable(source: str) -> bool:
    """No capital letter in the pattern: none written, none spelled by an escape (`\\x41`,
    `\\N{...}`). Class escapes (`\\W`, `\\S`) and group names are no letters to match."""
    def letter(m: re.Match[str]) -> str:
        esc = m.group()
        try:
            if esc[:2] in ("\\x", "\\u", "\\U") and len(esc) > 2:
                return chr(int(esc[2:], 16))
            if esc[:2] == "\\N" and len(esc) > 2:
                return unicodedata.lookup(esc[3:-1])
            if len(esc) == 4 and esc[1:].isdigit():
                return chr(int(esc[1:], 8))
        except (KeyError, ValueError):
            return "A"      # cannot tell: keep the case-insensitive engine
        return ""
    return not any(ch.isupper() for ch in ESCAPE.sub(letter, source))


def compile(source: str, flags: int = 0) -> Any:
    """`re.compile`, but a foldable case-insensitive pattern runs on the lowercased text."""
    if flags & re.IGNORECASE and foldable(source):
        return Folded(source, flags)
    return re.compile(source, flags)


def _folded(name: str) -> Any:
    """`re.Pattern.<name>` (search, match, fullmatch) run on the lowercased text, or as it is."""
    plain = getattr(re.Pattern, name)

    def method(self: "Folded", text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        low = lowered(text)
        if low is None:
            return plain(self.original, text, pos, endpos)
        m = plain(self.folded, low, pos, endpos)
        return FoldedMatch(m, text) if m else None
    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"`re.Pattern.{name}`, case-insensitive, run on the lowercased text."
    return method


class Folded:
    """A case-insensitive pattern that searches the lowercased text case-sensitively."""

    __slots__ = ("original", "folded", "pattern", "flags", "groups", "groupindex")

    def __init__(self, source: str, flags: int):
        self.original = re.compile(source, flags)
        self.folded = re.compile(source, flags & ~re.IGNORECASE)
        self.pattern, self.flags = source, flags
        self.groups, self.groupindex = self.original.groups, self.original.groupindex

    search = _folded("search")
    match = _folded("match")
    fullmatch = _folded("fullmatch")

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        low = lowered(text)
        if low is None:
            yield from self.original.finditer(text, pos, endpos)
            return
        for m in self.folded.finditer(low, pos, endpos):
            yield FoldedMatch(m, text)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.original.findall(text, pos, endpos)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.original.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return self.original.split(text, maxsplit)

    def __repr__(self) -> str:
        return f"rx.compile({self.pattern!r}, {self.flags!r})"


class FoldedMatch:
    """A match found in the lowercased text, read in the original one."""

    __slots__ = ("m", "string")

    def __init__(self, m: re.Match[str], string: str):
        self.m, self.string = m, string

    def start(self, g: int | str = 0) -> int:
        return self.m.start(g)

    def end(self, g: int | str = 0) -> int:
        return self.m.end(g)

    def span(self, g: int | str = 0) -> tuple[int, int]:
        return self.m.span(g)

    def group(self, *gs: int | str) -> Any:
        if len(gs) > 1:
            return tuple(self.group(g) for g in gs)
        s, e = self.m.span(gs[0] if gs else 0)
        return None if s < 0 else self.string[s:e]

    __getitem__ = group

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        return tuple(default if v is None else v for v in (self.group(i) for i in range(1, self.m.re.groups + 1)))

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return {k: default if (v := self.group(k)) is None else v for k in self.m.re.groupindex}

    @property
    def lastgroup(self) -> str | None:
        return self.m.lastgroup

    @property
    def lastindex(self) -> int | None:
        return self.m.lastindex

    @property
    def pos(self) -> int:
        return self.m.pos

    @property
    def endpos(self) -> int:
        return self.m.endpos

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"<FoldedMatch span={self.span()} match={self.group()!r}>"
