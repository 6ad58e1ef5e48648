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

Most searches find nothing: a sentence holds none of a list's phrases. So a folded pattern also
knows a few strings one of which every match must contain (`required`: "later" for
`(\\w+)\\s+days\\s+later`), and where none of them is in the searched part of the lowercased text
it answers "no match" without running the engine. The strings are read off the parsed pattern, so
they are a necessary condition by construction: the answer is always the engine's.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from typing import Any, Iterator, NamedTuple

try:        # the parser `re` itself compiles with
    from re import _constants as sre, _parser as sre_parse   # type: ignore[attr-defined]
except ImportError:     # Python 3.10
    import sre_constants as sre     # type: ignore[no-redef]
    import sre_parse                # type: ignore[no-redef]

ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{3}|.)|\(\?P(?:<\w+>|=\w+\))", re.DOTALL)
_recent: dict[int, tuple[str, str | None]] = {}    # id(text) -> the text and its lowercase form, least recently used first
_KEEP = 8
_SHORT = 300        # texts this short are not kept: lowercasing one costs less than keeping it
_last: list[tuple[str, str | None]] = [("", "")]    # the entry used last (most calls ask for the same text again)


def lowered(text: str) -> str | None:
    """`text` lowercased, or None when lowercasing changes its length. The texts used last are kept
    (least recently used out first: a document's text stays while its sentences come and go), each
    with the text itself: an entry serves only the very object it was made from (an id is reused
    once its text is gone), so any thread may read or replace any entry."""
    entry = _last[0]
    if entry[0] is text:        # asked again, right after: already the most recently used
        return entry[1]
    if len(text) <= _SHORT:     # a line or a clause: lowercased again sooner than looked up
        low = text.lower()
        entry = (text, low if len(low) == len(text) else None)
        _last[0] = entry
        return entry[1]
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
    _last[0] = entry
    return entry[1]


# a folded pattern looks for its required strings first if it has at most this many (more would
# cost more than the engine's failing), or this many when it is anchored at the start ("^..."),
# where the engine tries every way to fill the optional parts before it gives up
_CHECKED = 10
_CHECKED_ANCHORED = 16
_MANY = 256     # past this many strings a set says too little to be worth its checking


def required(source: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of the pattern contains, as few and as long as can be
    read off its parse; None when nothing is required (the pattern can match the empty string, or
    every way to match runs through classes such as `\\w+`). Lookarounds are skipped: they may
    look outside the searched part of a text."""
    return _sequence(sre_parse.parse(source, flags & ~re.IGNORECASE)).need


class _Read(NamedTuple):
    """What is read off a piece of a pattern: every string it can match (if few), strings one of
    which each match contains, and strings one of which each match begins / ends with."""
    exact: frozenset[str] | None
    need: frozenset[str] | None
    begins: frozenset[str] | None
    ends: frozenset[str] | None


_NOTHING = _Read(None, None, None, None)
_EMPTY = frozenset([""])


def _exactly(strings: frozenset[str] | None) -> _Read:
    return _Read(strings, _best([strings]) if strings else None, strings, strings) if strings is not None else _NOTHING


def _cross(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return None
    return frozenset(x + y for x in a for y in b) if len(a) * len(b) <= _MANY else None


def _best(options: list[frozenset[str] | None]) -> frozenset[str] | None:
    """Of sets each of which a match must meet, the one whose shortest string is longest (then the
    smallest); strings holding another of the set are dropped (that one is enough)."""
    sets = [o for o in options if o]
    if not sets:
        return None
    best = max(sets, key=lambda o: (min(map(len, o)), -len(o)))
    if min(map(len, best)) == 0:
        return None
    return frozenset(x for x in best if not any(y != x and y in x for y in best))


def _sequence(items: Any) -> _Read:
    """What a sequence of parsed items gives: the exact strings of consecutive items join into one
    run, and a run meets the beginning of the inexact item after it and the end of the one before
    ("s" then "aid" or "tated\\s+that": "said", "stated")."""
    reads = [_item(op, av) for op, av in items]
    exact: frozenset[str] | None = _EMPTY
    for r in reads:
        exact = _cross(exact, r.exact)
    options: list[frozenset[str] | None] = []
    run: frozenset[str] | None = _EMPTY      # exact strings since the last inexact item (None: too many)
    lead: frozenset[str] | None = _EMPTY     # how every match begins, while only exact items were read
    begins = None
    for r in reads:
        if r.exact is not None:
            longer = _cross(run, r.exact)
            if longer is None:
                options += [run, r.exact]
            run = longer if longer is not None else r.exact
            if lead is not None:
                lead = _cross(lead, r.exact)
            continue
        options += [run, r.need, _cross(run, r.begins)]
        if lead is not None:
            begins = _cross(lead, r.begins) if r.begins else lead
            lead = None
        run = r.ends if r.ends is not None else _EMPTY
    options.append(run)
    if lead is not None:
        begins = lead
    if exact is not None:
        return _Read(exact, _best(options + [exact]), exact, exact)
    return _Read(None, _best(options), _best_or_none(begins), _best_or_none(run))


def _best_or_none(strings: frozenset[str] | None) -> frozenset[str] | None:
    """A beginning or an end worth keeping: a few strings, none empty."""
    return strings if strings and "" not in strings and len(strings) <= _MANY else None


def _item(op: Any, av: Any) -> _Read:
    if op is sre.LITERAL:
        return _exactly(frozenset([chr(av)]))
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):      # zero width
        return _exactly(_EMPTY)
    if op is sre.IN:                                    # a few characters: [,，、]
        if len(av) <= 8 and all(o is sre.LITERAL for o, _ in av):
            return _exactly(frozenset(chr(v) for _, v in av))
        return _NOTHING
    if op is sre.SUBPATTERN:
        _, add, _, body = av
        return _NOTHING if add & re.IGNORECASE else _sequence(body)
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is sre.BRANCH:
        parts = [_sequence(b) for b in av[1]]

        def union(sets: list[frozenset[str] | None]) -> frozenset[str] | None:
            if any(x is None for x in sets):
                return None
            u = frozenset().union(*sets)   # type: ignore[arg-type]
            return u if len(u) <= _MANY else None
        exact = union([p.exact for p in parts])
        if exact is not None:
            return _exactly(exact)
        return _Read(None, union([p.need for p in parts]), union([p.begins if p.begins else p.exact for p in parts]),
                     union([p.ends if p.ends else p.exact for p in parts]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, body = av
        r = _sequence(body)
        if low == 0:
            return _exactly(r.exact | _EMPTY) if high == 1 and r.exact is not None else _NOTHING
        if low == high == 1:
            return r
        return _Read(None, r.need, r.begins, r.ends)
    return _NOTHING         # any character, a class, a back reference: nothing to read


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
        if not self.possible(low, pos, endpos):
            return None
        m = plain(self.folded, low, pos, endpos)
        return FoldedMatch(m, text) if m else None
    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"`re.Pattern.{name}`, case-insensitive, run on the lowercased text."
    return method


class Folded:
    """A case-insensitive pattern that searches the lowercased text case-sensitively."""

    __slots__ = ("original", "folded", "pattern", "flags", "groups", "groupindex", "needs")

    def __init__(self, source: str, flags: int):
        self.original = re.compile(source, flags)
        self.folded = re.compile(source, flags & ~re.IGNORECASE)
        self.pattern, self.flags = source, flags
        self.groups, self.groupindex = self.original.groups, self.original.groupindex
        need = required(source, flags)
        # a few strings are looked for faster than the engine fails; many would cost more than it
        limit = _CHECKED_ANCHORED if source.startswith("^") else _CHECKED      # (measured under callgrind)
        self.needs = tuple(sorted(need, key=lambda x: (-len(x), x))) if need and len(need) <= limit else None

    def possible(self, low: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether a match may lie in low[pos:endpos] (False: surely none)."""
        needs = self.needs
        if needs is None or pos < 0 or endpos < 0:
            return True
        for need in needs:      # (a loop: a generator here costs more than the finds)
            if low.find(need, pos, endpos) >= 0:
                return True
        return False

    search = _folded("search")
    match = _folded("match")
    fullmatch = _folded("fullmatch")

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        low = lowered(text)
        if low is None:
            yield from self.original.finditer(text, pos, endpos)
            return
        if not self.possible(low, pos, endpos):
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


class AnyOf:
    """Whether one of several patterns matches at the start of a text. Each is compiled on its own,
    so each checks its own required strings: a line meets a page's dozen chrome patterns with a few
    finds each, where one alternation of them all ran every branch's engine on every line."""

    __slots__ = ("patterns",)

    def __init__(self, sources: list[str], flags: int = 0):
        self.patterns = [compile(s, flags) for s in dict.fromkeys(sources)]

    def matches(self, text: str) -> bool:
        low = lowered(text)
        for p in self.patterns:
            if low is None or not isinstance(p, Folded):
                if p.match(text):
                    return True
                continue
            # the folded pattern's own work, with the text lowercased once for all of them
            if p.possible(low) and p.folded.match(low):
                return True
        return False


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
