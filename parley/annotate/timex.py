"""Time expressions: find them as spans, then resolve them against an anchor date.

Finding is per language (month names from CLDR through the pack, relative words from the pack).
Resolution never adds precision the text lacks: "in May 2021" is 2021-05, "early January" is a
month, "on Tuesday" is a day only when there is an anchor to count from.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from ..dates import add_months, find_absolute, iso, scan, valid, weekday_on_or_after, weekday_on_or_before
from .. import rx
from ..lang import LanguagePack
from ..model import Mention
from ..spans import Spans


YEAR_PREPS = ("in", "since", "of", "from", "by", "until", "early", "mid", "late", "during")   # before a bare year


@functools.lru_cache(maxsize=None)
def _patterns(pack: LanguagePack) -> dict[str, Any]:
    d = pack["dates"]
    wd = "(?P<wd>" + "|".join(re.escape(n) for n in sorted(pack.weekdays, key=len, reverse=True) if len(n) > 2) + r")\.?"
    wd2 = wd.replace("?P<wd>", "?P<wd2>")
    months = "(?P<mon>" + "|".join(re.escape(n) for n in sorted(pack.months, key=len, reverse=True) if len(n) > 2) + r")\.?"
    frm = "|".join(re.escape(w) for w in d.get("range_from", []))
    to = "|".join(re.escape(w) for w in d.get("range_to", []))
    part = "|".join(re.escape(w) for w in sorted(d.get("part_of_month", []), key=len, reverse=True))
    last = "|".join(re.escape(w) for w in d.get("last", []))
    nxt = "|".join(re.escape(w) for w in d.get("next", []))
    rel = {**d.get("relative_days", {}), **d.get("relative_weeks", {}), **d.get("relative_months", {}), **d.get("relative_years", {})}
    relw = "|".join(re.escape(w) for w in sorted(rel, key=len, reverse=True))
    rel_years = "|".join(re.escape(w) for w in sorted(d.get("relative_years", {}), key=len, reverse=True)) or "(?!x)x"
    preps = "|".join(re.escape(w) for w in sorted(d.get("month_preps", []), key=len, reverse=True))
    that_year = "|".join(re.escape(w) for w in d.get("anaphoric_year", []))
    told = "|".join(re.escape(w) for w in sorted(d.get("days_after_told") or {}, key=len, reverse=True))
    return {
        "after_told": rx.compile(rf"(?<!\w)(?P<rel>{told})(?!\w)", re.IGNORECASE) if told else None,
        # "eleven days later", "trois jours plus tard": a count of days from the day told
        "days_later": rx.compile(rf"(?<!\w)(?:{d['days_later']})(?!\w)", re.IGNORECASE) if d.get("days_later") else None,
        "told": {str(k).lower(): int(v) for k, v in (d.get("days_after_told") or {}).items()},
        "tied": frozenset(str(w).lower() for w in d.get("tied_to_event", [])),
        "cardinals": {str(k).lower(): int(v) for k, v in (pack["numbers"].get("cardinals") or {}).items()},
        "wd_range": rx.compile(rf"\b(?:(?:{frm})\s+)?{wd}\s+(?:{to})\s+{wd2}\b", re.IGNORECASE),
        "bare_month": rx.compile(rf"\b(?P<prep>{preps})\s+(?:the\s+)?{months}(?!\s*\d)\b(?:,?\s+(?P<rel>{rel_years}))?", re.IGNORECASE) if preps else None,
        "that_year": rx.compile(rf"\b(?:{that_year})\b", re.IGNORECASE) if that_year else None,
        "weekday": rx.compile(rf"\b(?:(?P<dir>{last}|{nxt})\s+)?{wd}\b", re.IGNORECASE),
        "part_month": rx.compile(rf"\b(?P<part>{part})[\s-]+{months}(?:,?\s+(?P<y>\d{{4}}))?\b", re.IGNORECASE),
        "day_range": rx.compile(rf"\b{months}\s+(?P<d1>\d{{1,2}})\s*(?:-|–|{to})\s*(?P<d2>\d{{1,2}})(?:,?\s+(?P<y>\d{{4}}))?\b", re.IGNORECASE),
        "day_range2": rx.compile(rf"\b(?P<d1>\d{{1,2}})\s*(?:-|–|{to})\s*(?P<d2>\d{{1,2}})\s+{months}(?:,?\s+(?P<y>\d{{4}}))?\b", re.IGNORECASE),
        "year": rx.compile(rf"\b(?P<prep>{'|'.join(YEAR_PREPS)})\s+(?P<y>(?:19|20)\d{{2}})\b(?![-/.]\d)", re.IGNORECASE),
        "relative": rx.compile(rf"\b(?P<rel>{relw})\b", re.IGNORECASE) if relw else None,
    }


def _since(m: re.Match[str], pack: LanguagePack) -> bool:
    """"since 2008" starts a span: not the date of a meeting unless a clause ties one to it."""
    if m.group("prep").lower() not in {w.lower() for w in pack["dates"].get("since", [])}:
        return False
    tail = m.string[m.end():m.end() + 8].lower()
    return not any(tail.startswith(t) for t in pack["dates"].get("since_tie", []))


@functools.lru_cache(maxsize=None)
def _start_words(pack: LanguagePack) -> dict[str, tuple[str, ...]]:
    """The words a time expression can begin with, and which kinds of expression each begins: a
    month ("month", "dm"), a part of a month, a weekday or a word before one ("wd"), a
    preposition before a year or a month ("prep"), a relative word ("rel")."""
    d = pack["dates"]
    groups = {
        "month": set(pack.months), "dm": set(pack.months),
        "part": {w.split()[0].lower() for w in d.get("part_of_month", [])},
        "wd": set(pack.weekdays) | {w.lower() for w in d.get("last", []) + d.get("next", []) + d.get("range_from", [])},
        "prep": {w.split()[0].lower() for w in d.get("month_preps", [])} | set(YEAR_PREPS),
        "rel": {w.split()[0].lower() for key in ("relative_days", "relative_weeks", "relative_months", "relative_years", "anaphoric_year",
                                                 "days_after_told") for w in (d.get(key) or [])},
    }
    table: dict[str, tuple[str, ...]] = {}
    for kind, words in groups.items():
        for w in words:
            table[w] = table.get(w, ()) + (kind,)
    return table


def find(text: str, start: int, end: int, pack: LanguagePack, toks=None) -> list[Mention]:
    """Time expressions in text[start:end], as mentions whose value is an unresolved spec.
    `toks` (the tokens of that range) lets it look only where an expression can begin."""
    seg = text[start:end]
    pats = _patterns(pack)
    starts = None
    by: dict[str, list[int] | None] = {name: None for name in ("digit", "month", "dm", "part", "wd", "prep", "rel")}
    if toks is not None:
        # each pattern is tried only where it can begin: at a number, a month, a weekday, a
        # preposition before a year or a month, a relative word
        table = _start_words(pack)
        at: dict[str, list[int]] = {k: [] for k in by}
        n = len(toks)
        months = pack.months
        # (a token is a run of word characters: it holds no full stop to strip)
        for i, t in [(i, t) for i, t in enumerate(toks) if t.lower in table or t.text[0].isdigit()]:
            kinds = table.get(t.lower)
            digit = t.text[0].isdigit()
            s = t.start - start
            if digit:
                at["digit"].append(s)
                at["dm"].append(s)
            for kind in kinds or ():
                if kind == "prep":
                    nxt = toks[i + 1].lower if i + 1 < n else ""
                    if not (nxt[:1].isdigit() or nxt in months or nxt == "the"):
                        continue
                at[kind].append(s)
        starts = sorted(set(at["dm"]))
        by = dict(at)
    found: list[tuple[int, int, dict[str, Any], str]] = []
    taken = Spans()     # the spans of `found` (each is added only where it is free)

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    def take(item: tuple[int, int, dict[str, Any], str]) -> None:
        found.append(item)
        taken.add(item[0], item[1])

    for name, kind in (("day_range", "month"), ("day_range2", "digit")):
        for m in scan(pats[name], seg, by[kind]):
            mon = pack.months.get(m.group("mon").lower().rstrip("."))
            if mon and free(*m.span()):
                y = int(m.group("y")) if m.group("y") else None
                take((m.start(), m.end(), {"type": "abs_range", "y": y, "m": mon, "d1": int(m.group("d1")), "d2": int(m.group("d2"))}, name))
    for m in scan(pats["part_month"], seg, by["part"]):
        mon = pack.months.get(m.group("mon").lower().rstrip("."))
        if mon and free(*m.span()):
            y = int(m.group("y")) if m.group("y") else None
            take((m.start(), m.end(), {"type": "abs", "y": y, "m": mon, "d": None, "part": m.group("part").lower()}, "part-of-month"))
    for dm in find_absolute(seg, pack, starts):
        if free(dm.start, dm.end):
            take((dm.start, dm.end, {"type": "abs", "y": dm.year, "m": dm.month, "d": dm.day}, dm.rule))
    for m in scan(pats["wd_range"], seg, by["wd"]):
        if free(*m.span()):
            take((m.start(), m.end(), {"type": "wd_range", "wd": pack.weekdays[m.group("wd").lower().rstrip(".")],
                                               "wd2": pack.weekdays[m.group("wd2").lower().rstrip(".")]}, "weekday-range"))
    for m in scan(pats["weekday"], seg, by["wd"]):
        word = m.group("wd")
        if not word[0].isupper() and pack.code in ("en", "de"):
            continue  # weekday names are capitalized in English and German
        if free(*m.span()):
            direction = (m.group("dir") or "").lower()
            shift = -1 if direction in pack["dates"].get("last", []) else 1 if direction else 0
            take((m.start(), m.end(), {"type": "wd", "wd": pack.weekdays[word.lower().rstrip(".")], "shift": shift}, "weekday"))
    if pats["bare_month"] is not None:
        for m in scan(pats["bare_month"], seg, by["prep"]):
            word = m.group("mon")
            if pack.code in ("en", "de") and not word[0].isupper():
                continue   # "in may" is a verb's company, "in May" a month
            mon = pack.months.get(word.lower().rstrip("."))
            s, e = m.start("mon"), m.end()
            if mon and free(s, e):
                spec = {"type": "abs", "y": None, "m": mon, "d": None, "since": _since(m, pack)}
                if m.group("rel"):     # "in September last year"
                    spec["year_shift"] = pack["dates"]["relative_years"][m.group("rel").lower()]
                take((s, e, spec, "bare-month"))
    if pats["that_year"] is not None:
        for m in scan(pats["that_year"], seg, by["rel"]):
            if free(*m.span()):
                take((m.start(), m.end(), {"type": "that_year"}, "anaphoric-year"))
    for m in scan(pats["year"], seg, by["prep"]):
        s, e = m.start("y"), m.end("y")
        if free(s, e):
            take((s, e, {"type": "abs", "y": int(m.group("y")), "m": None, "d": None, "since": _since(m, pack)}, "year"))
    if pats["relative"] is not None:
        d = pack["dates"]
        for m in scan(pats["relative"], seg, by["rel"]):
            w = m.group("rel").lower()
            if not free(*m.span()):
                continue
            for unit in ("relative_days", "relative_weeks", "relative_months", "relative_years"):
                if w in d.get(unit, {}):
                    take((m.start(), m.end(), {"type": "rel", "unit": unit.split("_")[1], "n": d[unit][w]}, "relative"))
                    break
    if pats["after_told"] is not None:
        for m in scan(pats["after_told"], seg, by["rel"]):
            after = re.match(r"\s*(\w+)", seg[m.end():])
            nxt = after.group(1).lower() if after else ""
            if nxt in pats["tied"]:
                continue    # "the day after the summit": counted from that event, not from the day told
            if free(*m.span()):
                take((m.start(), m.end(), {"type": "after_told", "n": pats["told"][(m.group("rel") or "").lower()]}, "days-after-told"))
    if pats["days_later"] is not None:
        for m in pats["days_later"].finditer(seg):
            word = m.group("n").lower()
            n = int(word) if word.isdigit() else pats["cardinals"].get(word)
            if n and n < 60 and free(*m.span()):
                take((m.start(), m.end(), {"type": "after_told", "n": n}, "days-later"))
    found.sort(key=lambda f: f[0])
    return [Mention("time", start + s, start + e, text[start + s:start + e], spec, f"timex:{rule}") for s, e, spec, rule in found]


def resolve(spec: dict[str, Any], anchor: dt.date | None, future: bool, last_year: int | None = None,
            last_day: dt.date | None = None) -> tuple[dict[str, str] | None, str]:
    """A spec to {"start", "end"} (ISO, any precision) and the rule used; None when it cannot be
    anchored. `last_year` is the year the text named last before the expression ("that year"),
    `last_day` the day it named last ("the next day")."""
    t = spec["type"]
    if t == "after_told":
        if last_day is None:
            return None, "no-anchor"
        v = (last_day + dt.timedelta(days=spec["n"])).isoformat()
        return {"start": v, "end": v}, "days-after-the-day-told"
    if t == "that_year":
        return ({"start": f"{last_year:04d}", "end": f"{last_year:04d}"}, "year-named-before") if last_year else (None, "no-anchor")
    if t == "abs":
        y = spec["y"]
        if y is None and "year_shift" in spec:
            if anchor is None:
                return None, "no-anchor"
            y = anchor.year + spec["year_shift"]
            return {"start": iso(y, spec["m"]), "end": iso(y, spec["m"])}, "month-relative-year"
        if y is None:
            if anchor is None:
                return None, "no-anchor"
            y = anchor.year
            # "December 20" read in a January article is most likely last December, unless it is ahead
            if spec["m"] and not future and spec["m"] > anchor.month + 1:
                y -= 1
            elif spec["m"] and future and spec["m"] < anchor.month - 1:
                y += 1
        if spec.get("d") and not valid(y, spec["m"], spec["d"]):
            return None, "invalid"
        v = iso(y, spec.get("m"), spec.get("d"))
        return {"start": v, "end": v}, "absolute" if spec["y"] else "absolute-year-from-anchor"
    if t == "abs_range":
        y = spec["y"] or (anchor.year if anchor else None)
        if y is None or not (valid(y, spec["m"], spec["d1"]) and valid(y, spec["m"], spec["d2"])) or spec["d2"] < spec["d1"]:
            return None, "no-anchor"
        return {"start": iso(y, spec["m"], spec["d1"]), "end": iso(y, spec["m"], spec["d2"])}, "absolute-range"
    if anchor is None:
        return None, "no-anchor"
    if t == "day_of_month":
        # "18日" in a story of the 19th is this month's 18th; of the 2nd, last month's
        y, m = anchor.year, anchor.month
        if spec["d"] > anchor.day + (7 if future else 1):
            y, m = add_months(y, m, -1)
        if not valid(y, m, spec["d"]):
            return None, "invalid"
        v = iso(y, m, spec["d"])
        return {"start": v, "end": v}, "day-of-month"
    if t == "wd":
        if spec.get("shift", 0) < 0:
            day = weekday_on_or_before(anchor - dt.timedelta(days=1), spec["wd"])
        elif spec.get("shift", 0) > 0 or future:
            day = weekday_on_or_after(anchor, spec["wd"])
        else:
            day = weekday_on_or_before(anchor, spec["wd"])
        v = day.isoformat()
        return {"start": v, "end": v}, "weekday-future" if future or spec.get("shift", 0) > 0 else "weekday-past"
    if t == "wd_range":
        first = weekday_on_or_after(anchor, spec["wd"]) if future else weekday_on_or_before(anchor, spec["wd"])
        second = weekday_on_or_after(first, spec["wd2"])
        return {"start": first.isoformat(), "end": second.isoformat()}, "weekday-range"
    if t == "rel":
        n, unit = spec["n"], spec["unit"]
        if unit == "days":
            v = (anchor + dt.timedelta(days=n)).isoformat()
            return {"start": v, "end": v}, "relative-day"
        if unit == "weeks":
            monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=n)
            return {"start": monday.isoformat(), "end": (monday + dt.timedelta(days=6)).isoformat()}, "relative-week"
        if unit == "months":
            y, m = add_months(anchor.year, anchor.month, n)
            return {"start": iso(y, m), "end": iso(y, m)}, "relative-month"
        if unit == "years":
            return {"start": iso(anchor.year + n), "end": iso(anchor.year + n)}, "relative-year"
    return None, "unknown"
