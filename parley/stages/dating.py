"""Dating: the day relative expressions count from (the anchor), and the date each frame takes
from its times. What a time expression means is read in annotate/timex.py (`resolve` turns
"last Tuesday" into a date given the anchor); which of a frame's times is its date, and from
which day it counts, is decided here."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Sequence

from ..annotate import timex
from ..dates import parse_iso, weekday_on_or_after
from ..kb import KnowledgeBase
from ..model import Document, Mention
from .cues import cues as cues_of
from .frames import Frame
from .sentences import Sent


def anchor(doc: Document, sents: list[Sent], kb: KnowledgeBase) -> tuple[dt.date | None, str | None, tuple[int, int] | None]:
    """The date relative expressions count from: the publication date, or else a weekday tied
    to a reference event (a summit with known dates) the text names, moved on to the latest
    day the text reports in the past tense."""
    pub = parse_iso(doc.published)
    if pub:
        return pub, "published", None
    places_in_doc = {m.value for st in sents for m in st.mentions if m.kind == "place"}
    people_in_doc = {m.value for st in sents for m in st.mentions if m.kind == "person"}
    fixed: tuple[dt.date, tuple[int, int]] | None = None
    for st in sents:
        refs = [m for m in st.mentions if m.kind == "refevent"]
        wds = [m for m in st.mentions if m.kind == "time" and m.value["type"] == "wd"]
        for r in refs:
            ev = kb.reference_events[r.value]
            if ev.data.get("place") and ev.data["place"] not in places_in_doc and not set(ev.data.get("participants") or []) <= people_in_doc:
                continue
            start, end = parse_iso(ev.data.get("start")), parse_iso(ev.data.get("end") or ev.data.get("start"))
            if not start or not end:
                continue
            for w in wds:
                days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
                hit = [d for d in days if d.weekday() == w.value["wd"]]
                if len(hit) == 1:
                    fixed = (hit[0], (w.start, w.end))
                    break
            if fixed:
                break
        if fixed:
            break
    if not fixed:
        return None, None, None
    now, span = fixed
    for st in sents:
        planned = cues_of(st.pack)["planned"]
        for m in st.mentions:
            if m.kind == "time" and m.value["type"] == "wd" and not m.value.get("shift"):
                clause = doc.text[max(st.span[0], m.start - 80):m.start]
                if planned and planned.search(clause):
                    continue
                d = weekday_on_or_after(fixed[0], m.value["wd"])
                if (d - fixed[0]).days < 7 and d > now:
                    now, span = d, (m.start, m.end)
    return now, "reference-event", span


def with_anchor(doc: Document, anchor: dt.date | None, span: tuple[int, int] | None) -> Document:
    """The document, dated by its anchor when the page states no date (a copy: the input is left as it is)."""
    if doc.published is None and anchor is not None:
        return dataclasses.replace(doc, published=anchor.isoformat(), published_from="inferred", published_span=span)
    return doc


def date_frames(frames: list[Frame], anchor: dt.date | None, sents: list[Sent]) -> None:
    """Each frame's date, from its own times, the years told before them and the days told before."""
    years = sorted((m.start, m.value["y"]) for st in sents for m in st.mentions
                   if m.kind == "time" and m.value.get("type") in ("abs", "abs_range") and m.value.get("y"))
    times = sorted((m for st in sents for m in st.mentions if m.kind == "time"), key=lambda m: m.start)
    for f in frames:
        date_frame(f, anchor, years, times)


def date_frame(f: Frame, anchor: dt.date | None, years: Sequence[tuple[int, int]] = (), told: Sequence[Mention] = ()) -> None:
    """The frame's date from its times; `told` are the document's times in text order ("the
    next day" counts from the last day told before it)."""
    cs, ce = f.clause

    def told_year_before(pos: int) -> int | None:
        """The year of the time told last before `pos` (within 600 characters), if it states a year and a month."""
        last = next((t for t in reversed(told) if pos - 600 <= t.start and t.end <= pos), None)
        if last is None or last.value["type"] not in ("abs", "abs_range") or not (last.value.get("y") and last.value.get("m")):
            return None
        return last.value["y"]

    def last_day(pos: int) -> dt.date | None:
        for m in reversed([t for t in told if t.end <= pos and t.value["type"] != "after_told"]):
            val, _ = timex.resolve(m.value, anchor, f.future, next((y for p, y in reversed(years) if p < m.start), None))
            if val and len(val["start"]) == 10:
                return dt.date.fromisoformat(val["end"])
        return None

    def year_only(m: Mention) -> bool:
        v = m.value
        return (v["type"] == "abs" and v.get("m") is None) or (v["type"] == "rel" and v.get("unit") == "years")
    # the clause's own times before shared ones, a day or month before a bare year, then in order
    times = sorted(f.times, key=lambda m: (not (cs <= m.start < ce), year_only(m), m.start))
    for m in times:
        if m.value.get("since"):
            continue
        last_year = next((y for pos, y in reversed(years) if pos < m.start), None)
        spec, told_year = m.value, None
        if spec["type"] in ("abs", "abs_range") and spec.get("y") is None and spec.get("m") and anchor and not f.future:
            # "at the end of September" in a story about 2021: the year of the date told just before,
            # when that one states its year and month ("on July 28, 2021. ... at the end of September")
            told_year = told_year_before(m.start)
            if told_year is not None and told_year != anchor.year:
                spec = {**spec, "y": told_year}
            else:
                told_year = None
        val, rule = timex.resolve(spec, anchor, f.future, last_year,
                                  last_day(m.start) if m.value["type"] == "after_told" else None)
        if val and told_year is not None:
            rule = "year-of-the-date-told-before"
        if val:
            f.date, f.date_rule, f.date_span = val, f"timex:{rule}", (m.start, m.end)
            return
