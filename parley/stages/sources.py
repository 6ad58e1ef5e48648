"""Who said what, and what a frame must not read: the quotes of each sentence with their speakers,
and the spans of reporting clauses ("..., spokesman Mao Ning announced on Sunday"), sources
("according to") and wire datelines, whose people and dates belong to no meeting."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..annotate import quotes
from ..published import wire_dateline
from .sentences import Sent

QUOTED = re.compile(r"[“\"][^”\"\n]{3,}[”\"]")


@dataclass
class Sources:
    quotes: list[tuple[Sent, quotes.FoundQuote]]           # each quote with its sentence, in text order
    excluded: dict[tuple[int, int], list[tuple[int, int]]]  # sentence span -> spans no frame reads
    quoted: list[tuple[int, int]]                           # text inside quotation marks


def find(text: str, sents: list[Sent], framed: list[bool]) -> Sources:
    found_quotes: list[tuple[Sent, quotes.FoundQuote]] = []
    dateline = wire_dateline(text)
    excluded: dict[tuple[int, int], list[tuple[int, int]]] = {}
    last_speaker = None
    for st, is_framed in zip(sents, framed):
        pack = st.pack
        ppl = [m for m in st.mentions if m.kind == "person"]
        if not (is_framed or ppl or last_speaker is not None):
            continue    # nobody to quote, and no frame to keep its sources out of
        sources = quotes.according_to(text, st.span, pack)
        words_span = (st.span[0], min([s for s, e in sources if e == st.span[1]] + [st.span[1]]))
        fq = quotes.find(text, words_span, ppl, pack, last_speaker)
        ex = [q.reporting for q in fq] + [q.also for q in fq if q.also] + sources
        closing = quotes.closing_report(text, words_span, pack) if is_framed else None
        if closing and not any(max(q.reporting[1], (q.also or (0, 0))[1]) > closing[0] for q in fq):
            ex.append(closing)
        if dateline and st.span[0] <= dateline[0] < st.span[1]:
            ex.append(dateline)   # "MOSCOW, January 6, 2026 (Agency) -" dates the story, not a meeting
        for q in fq:
            found_quotes.append((st, q))
            last_speaker = q.speaker
        excluded[st.span] = ex
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    return Sources(found_quotes, excluded, quoted)
