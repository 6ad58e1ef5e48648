"""Text shown in the browser: spans of a document's clean text highlighted, every character
escaped. Evidence is marked with <mark>; nothing from a document is ever emitted unescaped."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable

from markupsafe import Markup, escape

from ..annotate.text import sentences


def highlight(text: str, spans: Iterable[dict[str, Any]], start: int = 0, end: int | None = None,
              link=None) -> Markup:
    """`text[start:end]` with each span (dicts with start, end, field, rule) in a <mark>; a span
    that overlaps one already marked is left out (they are listed beside the text). `link(span)`
    gives an address to make the mark a link, or None."""
    end = len(text) if end is None else end
    same: dict[tuple[int, int], list[dict[str, Any]]] = {}   # one mark for a span several fields share
    for s in spans:
        same.setdefault((s["start"], s["end"]), []).append(s)
    out: list[str] = []
    pos = start
    for (a, b), group in sorted(same.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        a, b = max(a, start), min(b, end)
        if a < pos or a >= b:
            continue
        fields = list(dict.fromkeys(s.get("field") or "span" for s in group))
        label = "; ".join(dict.fromkeys(f"{s.get('field') or 'span'}: {s.get('rule') or '?'}" for s in group))
        inner = escape(text[a:b])
        href = next((h for h in (link(s) if link else None for s in group) if h), None)
        if href:
            inner = Markup('<a href="{}">{}</a>').format(href, inner)
        out.append(escape(text[pos:a]))
        out.append(Markup('<mark class="f-{}" title="{}">{}</mark><sub class="field">{}</sub>').format(
            fields[0], label, inner, ", ".join(fields)))
        pos = b
    out.append(escape(text[pos:end]))
    return Markup("").join(out)


class Sentences:
    """A document's sentences, split once: the sentence around a span."""

    def __init__(self, text: str):
        self.text = text
        self.spans = sentences(text)
        self.starts = [s for s, _ in self.spans]

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_right(self.starts, start) - 1
        if i >= 0:
            s, e = self.spans[i]
            if s <= start < e:
                j = i
                while j + 1 < len(self.spans) and self.spans[j][1] < end:
                    j += 1
                return s, max(self.spans[j][1], end)
        return max(0, start - 80), min(len(self.text), end + 80)


def evidence_sentences(text: str, evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentences that hold a source's evidence, in text order, each with its spans marked and
    the fields and rules it supports."""
    split = Sentences(text)
    groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in evidence:
        if 0 <= e["start"] < e["end"] <= len(text):
            groups.setdefault(split.around(e["start"], e["end"]), []).append(e)
    return [{"start": s, "end": e, "html": highlight(text, evs, s, e),
             "fields": sorted({x["field"] for x in evs}),
             "rules": sorted({f"{x['field']}: {x.get('rule') or '?'}" for x in evs})}
            for (s, e), evs in sorted(groups.items())]
