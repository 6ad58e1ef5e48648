"""The publication date of a document, and where it came from.

Order of trust: the page's metadata (HTML), then the thread's own start date on a forum, then a
date behind a cue ("Updated:", "Published:"), then a date-and-time line near the top, then a bare
date line near the top of a page that is not a forum. Never a forum page's render date, a member's
join date, or a copyright year. Null when the text has none (it may later be inferred from a
reference event; that is the analyzer's business, not this module's).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import Cleaned
from .dates import find_absolute
from .lang import LanguagePack

HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
TOP_LINES = 15
WIRE = re.compile(r"^(?P<city>[A-ZÀ-ÖØ-ÞА-ЯЁ][A-Za-zÀ-ÖØ-öø-ÿА-яЁё .'’-]{1,40}),\s+(?P<date>[^()\n]{6,40}?)\s*(?:\(|[-–—]\s)")


@dataclass(frozen=True)
class Published:
    date: str | None
    source: str | None      # meta | text | inferred | None
    line: str | None = None


def wire_dateline(text: str) -> tuple[int, int] | None:
    """The span of a wire dateline opening the story ("MOSCOW, January 6, 2026 (Agency) -")."""
    pos = 0
    for para in text.split("\n")[:12]:
        m = WIRE.match(para)
        if m and re.search(r"\d", m.group("date")):
            return pos, pos + m.end()
        pos += len(para) + 1
    return None


def _full_date(text: str, pack: LanguagePack) -> str | None:
    finder = pack.hook("find_dates")
    for d in (finder(text) if finder else find_absolute(text, pack)):
        if d.year and d.month and d.day:
            return d.iso()
    return None


def find_published(cleaned: Cleaned, packs: LanguagePack | list[LanguagePack], meta: str | None = None) -> Published:
    """The publication date; `packs` are the languages to read date words in, most likely first."""
    if meta:
        return Published(meta[:10], "meta")
    packs = [packs] if isinstance(packs, LanguagePack) else [p for i, p in enumerate(packs) if p and p not in packs[:i]]
    for pack in packs:
        found = _find(cleaned, pack)
        if found.date:
            return found
    return Published(None, None)


def _find(cleaned: Cleaned, pack: LanguagePack) -> Published:
    candidates: list[tuple[int, int, str, str]] = []   # (priority, line index, date, line)
    for index, line, reason in cleaned.date_lines:
        date = _full_date(line, pack)
        if not date:
            continue
        low = line.lower()
        if reason == "thread header":
            candidates.append((0, index, date, line))
        elif low.startswith(tuple(c.lower() for c in pack["boilerplate"].get("published_cues", []))):
            candidates.append((1, index, date, line))
        elif cleaned.forum:
            continue            # a bare date on a forum page is the render date or a join date
        elif index < TOP_LINES and HAS_TIME.search(line):
            candidates.append((2, index, date, line))
        elif index < TOP_LINES:
            candidates.append((3, index, date, line))
    # a wire dateline opening the story: "MOSCOW, January 6, 2026 (Agency) - ..."
    for para in cleaned.text.split("\n")[:12]:
        m = WIRE.match(para)
        if m:
            date = _full_date(m.group("date"), pack)
            if date:
                candidates.append((2, 0, date, para[: m.end()]))
            break
    if not candidates:
        return Published(None, None)
    best = min(candidates)
    return Published(best[2], "text", best[3])
