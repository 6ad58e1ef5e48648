"""`parley show`: an event's fields, each with the sentence of every source it came from and the
evidence highlighted, the mentions that were merged and on what grounds, conflicts and inferences."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from .annotate.text import sentences


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    for s, e in sentences(text):
        if s <= start < e or (s < end <= e):
            return s, max(e, end)
    return max(0, start - 80), min(len(text), end + 80)


def render(console: Console, ev: dict[str, Any], docs: dict[str, dict[str, Any]]) -> None:
    p = console.print
    p(f"[bold]{ev['id']}[/bold]  {ev['type']} (CAMEO {ev['cameo']})  confidence {ev['confidence']}")
    if ev.get("rejected"):
        r = ev["rejected"]
        p(f"  [red]rejected by an analyst (correction {r['correction']}, {escape(r.get('author') or '')}, "
          f"{escape((r.get('created') or '')[:10])}): {escape(r.get('note') or 'not a meeting')}[/red]")
    corrected = ev.get("corrected") or {}
    date = ev["date"]
    loc = ev["location"] or {}
    fields = [
        ("status", ev["status"]), ("mechanism", ev["mechanism"]), ("round", ev["round"]),
        ("date", f"{date['start']}..{date['end']}" if date else None),
        ("location", ", ".join(x for x in (loc.get("city"), loc.get("country")) if x) or None),
        ("modality", ev["modality"]),
        ("participants", "; ".join(f"{x['name']} ({x['title']})" if x.get("title") else x["name"] for x in ev["participants"]) or None),
        ("topics", ", ".join(ev["topics"]) or None),
    ]
    for name, value in fields:
        note = ""
        if name in (ev.get("inferred") or {}):
            note = f"  [yellow](inferred: {escape(ev['inferred'][name])})[/yellow]"
        if name in corrected or (name == "location" and "location" in corrected):
            note = f"  [magenta](corrected: correction {corrected[name]})[/magenta]"
        p(f"  [cyan]{name:<12}[/cyan] {escape(str(value)) if value is not None else '[dim]—[/dim]'}{note}")
    if ev["conflicts"]:
        p("[bold]conflicts[/bold]")
        for c in ev["conflicts"]:
            vals = "; ".join(f"{v['value']} ({len(v['docs'])} source{'s' if len(v['docs']) != 1 else ''})" for v in c["values"])
            p(f"  {c['field']}: {escape(vals)}")
    p(f"[bold]sources[/bold] ({len(ev['sources'])} mentions merged)")
    for s in ev["sources"]:
        d = docs.get(s["doc"])
        if not d:
            continue
        p(f"\n  [bold]{escape(d['title'] or d['source'])}[/bold]  [dim]{escape(d['source'])} · {d['kind']} · published {d['published'] or '—'} ({d['published_from'] or 'none'})[/dim]")
        merged = s.get("merged") or []
        if merged:
            for g in merged:
                p(f"  mention {s['mention']} merged with {g['with']}: {escape(g['grounds'])}")
        else:
            p(f"  mention {s['mention']}" + (": the only source" if len(ev["sources"]) == 1 else ""))
        text = d["text"]
        by_sentence: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for e in s["evidence"]:
            by_sentence.setdefault(_sentence(text, e["start"], e["end"]), []).append(e)
        for (ss, se), evs in sorted(by_sentence.items()):
            marks = sorted(evs, key=lambda e: e["start"])
            out, pos = [], ss
            for e in marks:
                if e["start"] < pos:
                    continue
                out.append(escape(text[pos:e["start"]]))
                out.append(f"[reverse]{escape(text[e['start']:e['end']])}[/reverse][dim]₍{e['field']}₎[/dim]")
                pos = e["end"]
            out.append(escape(text[pos:se]))
            p("    " + "".join(out))
            p("    [dim]" + escape(", ".join(sorted({f"{e['field']}: {e['rule']}" for e in evs}))) + "[/dim]")
