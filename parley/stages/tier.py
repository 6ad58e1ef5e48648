"""The language-independent tier: what can be read from a document in a language with no pack.

Nothing here knows a language. It reads what needs no grammar: the knowledge base's names in any
script (people, mechanisms), dates in the forms CLDR (through Babel) gives for the document's
language and numeric dates (digits of any script, read with `unicodedata.digit`), and a round
number written next to a mechanism's name. An event is made only where two officials the
knowledge base knows, of different countries, are named in one sentence, and that sentence (or
its paragraph) also gives a date or a mechanism. Such an event carries the rule that made it
(evidence rule "tier:...") and no status, place or modality it cannot read; resolve/values.py
gives events supported only by this tier a lower confidence.
"""
from __future__ import annotations

import functools
import unicodedata
from datetime import date as Date

import ahocorasick
import regex

from ..ids import mention_id
from ..kb import KnowledgeBase
from ..model import Document, Evidence, EventMention, Participant
from ..spans import Spans

RULE = "tier:"
# a sentence ends at a terminal of any script, not at the dot after a number ("9. априла")
SENTENCE = regex.compile(r"(?:[^\p{Sentence_Terminal}\n]|(?<=\d)\.)+(?:\p{Sentence_Terminal}+|$)", regex.M)
ISO = regex.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
NUMERIC = regex.compile(r"(?<!\d)(\d{1,4})[./](\d{1,2})[./](\d{1,4})(?!\d)")
# a number just before a name, with at most a short marker attached ("17.", "17-й", "17ος"), or
# just after it
BEFORE = regex.compile(r"(?<!\d)(\d{1,3})(?:\.|-?\p{L}{1,4})?\s{1,2}$")
AFTER = regex.compile(r"^\s{0,2}\(?(\d{1,3})(?!\d)")


def ascii_digits(text: str) -> str:
    """The text with every decimal digit of any script written as an ASCII digit (same length)."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in text)


@functools.lru_cache(maxsize=64)
def _months(lang: str) -> tuple[regex.Pattern[str] | None, str, dict[str, int]]:
    """A pattern of the language's month names (CLDR: wide and abbreviated, format and
    stand-alone forms), the order of the numeric short date ("dmy", "mdy" or "ymd"), and the
    names (lowercase -> 1..12)."""
    from babel import Locale, UnknownLocaleError
    try:
        loc = Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return None, "dmy", {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in loc.months.get(context, {}).get(width, {}).items():
                name = name.lower().rstrip(".")
                if len(name) >= 3:
                    names.setdefault(name, month)
    short = loc.date_formats["short"].pattern.lower()
    order = "".join(sorted("dmy", key=lambda c: short.find(c) if c in short else 9))
    if not names:
        return None, order, names
    alt = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    day, year = r"(?<!\d)(\d{1,2})(?!\d)", r"(?<!\d)(\d{4})(?!\d)"
    # a month's name may take a case ending CLDR does not list ("април" -> "априла")
    alt = f"(?:{alt})" + r"\p{L}{0,2}"
    pattern = regex.compile(
        rf"{day}\.?\s*(?P<m1>{alt})\.?,?\s*{year}|(?P<m2>{alt})\.?\s*{day},?\s*{year}|(?P<m3>{alt})\.?\s*{year}",
        regex.I)
    return pattern, order, names


def _month(months: dict[str, int], found: str) -> int:
    """The month a name found in text stands for (it may carry a case ending)."""
    found = found.lower()
    return months.get(found) or months[max((n for n in months if found.startswith(n)), key=len)]


def _valid(y: int, m: int, d: int | None) -> str | None:
    if not 1900 <= y <= 2100 or not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return Date(y, m, d).isoformat()
    except ValueError:
        return None


def dates(digits: str, lang: str | None) -> list[tuple[int, int, str]]:
    """Every date in a text whose digits are ASCII: (start, end, ISO at the precision given)."""
    out: list[tuple[int, int, str]] = []
    for m in ISO.finditer(digits):
        iso = _valid(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            out.append((m.start(), m.end(), iso))
    pattern, order, months = _months(lang) if lang else (None, "dmy", {})
    for m in NUMERIC.finditer(digits):
        parts = dict(zip(order, (int(m[1]), int(m[2]), int(m[3]))))
        if len(m[1]) == 4:
            parts = {"y": int(m[1]), "m": int(m[2]), "d": int(m[3])}
        elif len(m[3]) != 4:
            continue
        iso = _valid(parts["y"], parts["m"], parts["d"])
        if iso and not any(s <= m.start() < e for s, e, _ in out):
            out.append((m.start(), m.end(), iso))
    if pattern is not None:
        for m in pattern.finditer(digits):
            if any(s <= m.start() < e for s, e, _ in out):
                continue
            g = m.groups()
            if m["m1"]:
                iso = _valid(int(g[2]), _month(months, m["m1"]), int(g[0]))
            elif m["m2"]:
                iso = _valid(int(g[5]), _month(months, m["m2"]), int(g[4]))
            else:
                iso = _valid(int(g[7]), _month(months, m["m3"]), None)
            if iso:
                out.append((m.start(), m.end(), iso))
    return sorted(out)


@functools.lru_cache(maxsize=None)
def _mechanism_automaton(kb: KnowledgeBase) -> ahocorasick.Automaton:
    """Every knowledge-base mechanism name in every language, lowercase (built once a knowledge base)."""
    auto = ahocorasick.Automaton()
    for mech in kb.mechanisms.values():
        for names in mech.names.values():
            for n in names:
                n = n.strip().lower()
                if len(n) >= 6:
                    auto.add_word(n, (n, mech.id))
    auto.make_automaton()
    return auto


def _bounded(lowered: str, s: int, e: int) -> bool:
    return (s == 0 or not lowered[s - 1].isalnum()) and (e == len(lowered) or not lowered[e].isalnum())


def _longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Leftmost, then longest, none overlapping another."""
    taken = Spans()
    return [f for f in sorted(found, key=lambda x: (x[0], -(x[1] - x[0]))) if taken.add(f[0], f[1])]


def officials(lowered: str, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """The people the knowledge base knows, named in full or by their short name, any script."""
    found = []
    for s, e, _, values in kb.find(lowered):
        if not _bounded(lowered, s, e):
            continue
        for kind, ident, _how in values:
            a = kb.actors.get(ident) if kind == "actor" else None
            if a is not None and a.type == "person" and a.country:
                found.append((s, e, ident))
                break
    return _longest(found)


def mechanisms(lowered: str, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    found = [(end - len(n) + 1, end + 1, ident) for end, (n, ident) in _mechanism_automaton(kb).iter(lowered)]
    return _longest([f for f in found if _bounded(lowered, f[0], f[1])])


def read(doc: Document, kb: KnowledgeBase, first_index: int = 0) -> list[EventMention]:
    """The events of a pack-less document this tier can read (see the module's doc)."""
    text = doc.text
    lowered = text.lower()
    if len(lowered) != len(text):       # a lowercase form of another length: offsets would move
        return []
    digits = ascii_digits(text)
    all_dates = [d for d in dates(digits, doc.language) if not doc.published or d[2] <= doc.published[: len(d[2])]]
    all_people = officials(lowered, kb)
    all_mechs = mechanisms(lowered, kb)
    out: list[EventMention] = []
    seen: set[frozenset[str]] = set()      # the people of each event made: one event for them a document
    pos = 0
    for para in text.split("\n"):
        ps, pe = pos, pos + len(para)
        pos = pe + 1
        in_para = lambda items: [x for x in items if ps <= x[0] < pe]    # noqa: E731
        p_dates, p_mechs = in_para(all_dates), in_para(all_mechs)
        if not p_dates and not p_mechs:
            continue
        for sm in SENTENCE.finditer(para):
            ss, se = ps + sm.start(), ps + sm.end()
            inside = lambda items: [x for x in items if ss <= x[0] < se]   # noqa: E731
            people = inside(all_people)
            by_country: dict[str, tuple[int, int, str]] = {}
            for p in people:
                by_country.setdefault(kb.actors[p[2]].country, p)
            if len(by_country) < 2:
                continue
            s_dates, s_mechs = inside(p_dates) or p_dates, inside(p_mechs) or p_mechs
            when = s_dates[0] if s_dates else None
            mech = s_mechs[0] if s_mechs else None
            if mech is not None and not set(kb.mechanisms[mech[2]].data.get("parties") or []) <= set(by_country):
                mech = None         # a mechanism of other parties than the people named
                if when is None:
                    continue
            ids = frozenset(p[2] for p in people if kb.actors[p[2]].country in by_country)
            if ids in seen:
                continue
            seen.add(ids)
            rule = RULE + "two-officials+" + ("+".join(x for x, v in (("date", when), ("mechanism", mech)) if v))
            ev = EventMention(id=mention_id(doc.id, first_index + len(out)), doc=doc.id, doc_kind=doc.kind,
                              published=doc.published, trigger=text[ss:se].strip()[:200])
            ev.evidence.append(Evidence("trigger", ss, se, text[ss:se], rule))
            for p in people:
                if p[2] in ids and all(x.id != p[2] for x in ev.participants):
                    a = kb.actors[p[2]]
                    role = a.role_at(when[2] if when else doc.published)
                    ev.participants.append(Participant(id=a.id, name=a.name, title=None, country=a.country,
                                                       title_from=None, role=role.title if role else None))
                    ev.evidence.append(Evidence("participants", p[0], p[1], text[p[0]:p[1]], RULE + "kb-name"))
            if when:
                ev.date = {"start": when[2], "end": when[2]}
                ev.evidence.append(Evidence("date", when[0], when[1], text[when[0]:when[1]], RULE + "cldr-date"))
            if mech:
                ev.mechanism = mech[2]
                ev.evidence.append(Evidence("mechanism", mech[0], mech[1], text[mech[0]:mech[1]], RULE + "kb-mechanism"))
                n = BEFORE.search(digits[max(0, mech[0] - 12):mech[0]]) or AFTER.search(digits[mech[1]:mech[1] + 8])
                if n and 1 <= int(n[1]) <= 200:
                    rs = (max(0, mech[0] - 12) + n.start(1)) if n.re is BEFORE else mech[1] + n.start(1)
                    ev.round = int(n[1])
                    ev.evidence.append(Evidence("round", rs, rs + len(n[1]), text[rs:rs + len(n[1])], RULE + "number-by-mechanism"))
            out.append(ev)
    return out
