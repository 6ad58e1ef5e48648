"""Score an export against annotated gold: `parley eval GOLD EXPORT_DIR`.

The gold is JSON lines in the acceptance format (README, "Scoring Parley on your own articles"):
`document`, `event`, `quote` and `mechanism` records. The export is the folder `parley export DIR
--format jsonl` wrote. Facts are counted, not records: an event that exists is one fact, and so is
every scalar field the gold states (mechanism, round, status, modality, city, country, date start,
date end) and every participant. A field the gold leaves null must be null in the output; a value
there is a false fact. Only CONSULT events are compared, and an output event is matched only to
gold events of a document it cites.

This module reads files and returns a report; it never writes, and it does not import the analysis.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from .errors import UsageError

FIELDS = ("mechanism", "round", "status", "modality", "city", "country", "date_start", "date_end")
ALL_FIELDS = ("exists",) + FIELDS + ("participants",)
MIN_AFFINITY = 2          # an output event must earn this much agreement to stand for a gold event
_PUNCT = str.maketrans({c: " " for c in "-.,'’()"})


def name_tokens(name) -> Set[str]:
    """Lowercase ASCII word set of a name: 'Lavrov, Sergey V.' -> {'lavrov', 'sergey', 'v'}."""
    s = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode().lower()
    return set(s.translate(_PUNCT).split())


def read_jsonl(path: Path, required: bool = False) -> List[dict]:
    if not path.exists():
        if required:
            raise UsageError(f"{path}: no such file")
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise UsageError(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(row, dict):
            raise UsageError(f"{path}:{n}: a JSON object was expected")
        rows.append(row)
    return rows


def _stem(source) -> str:
    return Path(str(source or "")).name.rsplit(".", 1)[0]


def scalars(ev: dict) -> Dict[str, object]:
    """The eight scalar facts of an event record (gold or output); None where absent."""
    date, loc = ev.get("date") or {}, ev.get("location") or {}
    return {"mechanism": ev.get("mechanism"), "round": ev.get("round"), "status": ev.get("status"),
            "modality": ev.get("modality"), "city": loc.get("city") or None, "country": loc.get("country") or None,
            "date_start": date.get("start") or None, "date_end": date.get("end") or None}


def _participant_names(ev: dict) -> List[str]:
    return [p.get("name") if isinstance(p, dict) else p for p in ev.get("participants") or []]


def agrees(name: str, gold_ev: dict, want, got) -> bool:
    """Whether the output value `got` is right for the gold value `want` of field `name`."""
    if isinstance(want, dict) and "not" in want:          # "anything but these" (a known mechanism is wrong)
        return got not in want["not"]
    if got is None:
        return False
    if name == "status":
        return got == want or got in gold_ev.get("status_also_ok", [])
    if name == "city":
        return name_tokens(want) == name_tokens(got)
    if name == "country":
        return str(want).upper() == str(got).upper()
    if name.startswith("date_"):
        w, g = str(want), str(got)
        return (w == g or (len(w) == 7 and g.startswith(w))
                or (bool(gold_ev.get("date_month_ok")) and len(g) >= 7 and w[:7] == g[:7]))
    return want == got


def count_participants(gold_parts: List[dict], out_names: List[str]) -> int:
    """Gold participants found among the output's, each output name used once."""
    pool = [name_tokens(n) for n in out_names]
    found = 0
    for gp in gold_parts:
        need = set(gp.get("match") or name_tokens(gp.get("name")))
        for i, toks in enumerate(pool):
            if toks is not None and need <= toks:
                pool[i] = None
                found += 1
                break
    return found


@dataclass
class Tally:
    """Right, stated-by-gold and stated-by-output counts of one field (or of all facts). `unstated`
    counts the right facts the output earned by stating nothing: a null where the gold says
    "anything but these" mechanisms. Recall counts them; a field's precision does not (its output
    made no claim), while the all-facts precision does, as the acceptance scorer's does."""
    right: int = 0
    gold: int = 0
    out: int = 0
    unstated: int = 0
    all_facts: bool = False   # True: precision over all facts, as the acceptance scorer's headline

    def add(self, other: "Tally") -> None:
        self.right += other.right
        self.gold += other.gold
        self.out += other.out
        self.unstated += other.unstated

    @property
    def precision(self) -> float:
        right = self.right if self.all_facts else self.right - self.unstated
        return right / self.out if self.out else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"right": self.right, "gold": self.gold, "output": self.out, "right_unstated": self.unstated,
                "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Report:
    fields: Dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in ALL_FIELDS})
    languages: Dict[str, Tally] = field(default_factory=lambda: defaultdict(lambda: Tally(all_facts=True)))
    events_found: int = 0
    events_gold: int = 0
    matched: List[dict] = field(default_factory=list)
    misses: List[dict] = field(default_factory=list)
    extras: List[dict] = field(default_factory=list)
    documents: List[dict] = field(default_factory=list)
    quotes: Tally = field(default_factory=Tally)
    quotes_missing: List[str] = field(default_factory=list)
    mechanism_facts: Tally = field(default_factory=Tally)

    @property
    def facts(self) -> Tally:
        total = Tally(all_facts=True)
        for t in self.fields.values():
            total.add(t)
        return total

    def as_dict(self) -> dict:
        f = self.facts
        docs_ok = sum(d["published_ok"] + d["language_ok"] for d in self.documents)
        return {
            "summary": {"facts_precision": round(f.precision, 3), "facts_recall": round(f.recall, 3),
                        "facts_f1": round(f.f1, 3), "events_found": f"{self.events_found}/{self.events_gold}",
                        "extra_events": len(self.extras), "documents": f"{docs_ok}/{2 * len(self.documents)}",
                        "quote_speakers": f"{self.quotes.right}/{self.quotes.gold}",
                        "mechanism_facts": f"{self.mechanism_facts.right}/{self.mechanism_facts.gold}"},
            "fields": {k: t.as_dict() for k, t in self.fields.items()},
            "languages": {k: t.as_dict() for k, t in sorted(self.languages.items())},
            "matched": self.matched, "misses": self.misses, "extras": self.extras,
            "documents": self.documents, "quotes_missing": self.quotes_missing,
        }


def _check_gold(gold: List[dict], path: Path) -> None:
    seen = set()
    for n, g in enumerate(gold, 1):
        kind = g.get("kind")
        if kind not in ("document", "event", "quote", "mechanism"):
            raise UsageError(f"{path}: record {n}: unknown kind {kind!r} (document, event, quote or mechanism)")
        if kind == "event":
            if not g.get("id") or not isinstance(g.get("docs"), list) or not g["docs"]:
                raise UsageError(f"{path}: record {n}: an event needs an 'id' and a non-empty 'docs' list")
            if g["id"] in seen:
                raise UsageError(f"{path}: record {n}: event id {g['id']!r} is used twice")
            seen.add(g["id"])
            for p in g.get("participants") or []:
                if not isinstance(p, dict) or not (p.get("match") or p.get("name")):
                    raise UsageError(f"{path}: record {n}: a participant needs 'name' and 'match'")
        if kind == "document" and not g.get("doc"):
            raise UsageError(f"{path}: record {n}: a document needs 'doc'")


def _affinity(gold_ev: dict, gs: dict, out_ev: dict, os_: dict) -> int:
    """How well an output event stands for a gold event: participants found, plus agreement (or minus
    disagreement) on mechanism and round (two each), city and month of the start date (one each)."""
    score = count_participants(gold_ev.get("participants") or [], _participant_names(out_ev))
    for name, weight in (("mechanism", 2), ("round", 2), ("city", 1)):
        want, got = gs[name], os_[name]
        if want is None or got is None or isinstance(want, dict):
            continue
        score += weight if agrees(name, gold_ev, want, got) else -weight
    if gs["date_start"] and os_["date_start"]:
        score += 1 if str(gs["date_start"])[:7] == str(os_["date_start"])[:7] else -1
    return score


def evaluate(gold_path, export_dir) -> Report:
    """Score the export in `export_dir` against the gold file; raises UsageError on bad input."""
    gold_path, export_dir = Path(gold_path), Path(export_dir)
    if not export_dir.is_dir():
        raise UsageError(f"{export_dir}: not a folder (write one with `parley export DIR --format jsonl`)")
    gold = read_jsonl(gold_path, required=True)
    _check_gold(gold, gold_path)
    out_docs = read_jsonl(export_dir / "documents.jsonl")
    events_file = export_dir / "events.jsonl"
    if not events_file.exists():
        raise UsageError(f"{export_dir}: no events.jsonl (is this a `parley export --format jsonl` folder?)")
    out_events = [e for e in read_jsonl(events_file) if (e.get("type") or "CONSULT") == "CONSULT"]
    doc_name = {d.get("id"): _stem(d.get("source") or d.get("path") or d.get("url")) for d in out_docs}
    by_name = {_stem(d.get("source") or d.get("path") or d.get("url")): d for d in out_docs}
    gold_lang = {g["doc"]: g.get("language") for g in gold if g["kind"] == "document"}

    def lang_of(names) -> str:
        for n in sorted(names):
            lang = gold_lang.get(n) or (by_name.get(n) or {}).get("language")
            if lang:
                return str(lang)
        return "?"

    report = Report()
    _score_documents(report, gold, by_name)

    gold_events = [g for g in gold if g["kind"] == "event"]
    g_scal = [scalars(g) for g in gold_events]
    o_scal = [scalars(o) for o in out_events]
    o_docs = []
    for o in out_events:
        cited = set()
        for s in o.get("sources") or []:
            d = s.get("doc") if isinstance(s, dict) else s
            cited.add(doc_name.get(d, _stem(d)))
        o_docs.append(cited)

    # Pair gold and output events greedily, best agreement first (ties: the later gold event, then the
    # later output event, as the acceptance scorer breaks them), each event used once.
    candidates = []
    for i, g in enumerate(gold_events):
        for j, o in enumerate(out_events):
            if set(g["docs"]) & o_docs[j]:
                a = _affinity(g, g_scal[i], o, o_scal[j])
                if a >= MIN_AFFINITY:
                    candidates.append((-a, -i, -j, i, j))
    candidates.sort()
    pair: Dict[int, int] = {}
    used: Set[int] = set()
    for _, _, _, i, j in candidates:
        if i not in pair and j not in used:
            pair[i] = j
            used.add(j)

    report.events_gold = len(gold_events)
    report.events_found = len(pair)
    for i, g in enumerate(gold_events):
        ignored = set(g.get("ignore") or [])
        lang = report.languages[lang_of(g["docs"])]
        gs = g_scal[i]
        stated = [k for k in FIELDS if gs[k] is not None and k not in ignored]
        parts = g.get("participants") or []
        tallies = {"exists": Tally(gold=1)}
        tallies.update({k: Tally(gold=1) for k in stated})
        tallies["participants"] = Tally(gold=len(parts))
        j = pair.get(i)
        if j is None:
            report.misses.append({"gold": g["id"], "docs": g["docs"], **{k: gs[k] for k in stated},
                                  "participants": [p.get("name") for p in parts]})
        else:
            o, os_ = out_events[j], o_scal[j]
            tallies["exists"].right = 1
            wrong, false = [], []
            for k in stated:
                if agrees(k, g, gs[k], os_[k]):
                    tallies[k].right = 1
                    tallies[k].unstated = int(os_[k] is None)
                else:
                    wrong.append({"field": k, "want": gs[k], "got": os_[k]})
            for k in FIELDS:
                if gs[k] is None and os_[k] is not None and k not in ignored:
                    false.append({"field": k, "got": os_[k]})
            hit = count_participants(parts, _participant_names(o))
            tallies["participants"].right = hit
            report.matched.append({"gold": g["id"], "output": o.get("id"), "wrong": wrong, "stated_where_gold_has_none": false,
                                   "participants": f"{hit}/{len(parts)}",
                                   "participants_output": _participant_names(o)})
        for k, t in tallies.items():
            report.fields[k].add(t)
            lang.add(Tally(right=t.right, gold=t.gold, unstated=t.unstated))

    # Everything the output states counts among its facts, matched or not; a field the gold marks
    # `ignore` is left out of recall only (as in the acceptance scorer, so the figures agree).
    gold_of = {j: i for i, j in pair.items()}
    for j, o in enumerate(out_events):
        i = gold_of.get(j)
        lang = report.languages[lang_of(gold_events[i]["docs"] if i is not None else o_docs[j])]
        stated = {"exists": 1, "participants": len(o.get("participants") or [])}
        stated.update({k: 1 for k in FIELDS if o_scal[j][k] is not None})
        for k, n in stated.items():
            report.fields[k].out += n
            lang.out += n
        if i is None:
            report.extras.append({"output": o.get("id"), "docs": sorted(o_docs[j]),
                                  **{k: v for k, v in o_scal[j].items() if v is not None},
                                  "participants": _participant_names(o)})

    _score_quotes(report, gold, read_jsonl(export_dir / "quotes.jsonl"), doc_name)
    mechs = {m.get("id"): m for m in read_jsonl(export_dir / "mechanisms.jsonl")}
    for g in (r for r in gold if r["kind"] == "mechanism"):
        o = mechs.get(g.get("id"), {})
        for k in ("established", "parties"):
            if k not in g:
                continue
            want, got = g[k], o.get(k)
            ok = sorted(want) == sorted(got or []) if isinstance(want, list) else want == got
            report.mechanism_facts.add(Tally(right=int(ok), gold=1, out=1))
    return report


def _score_documents(report: Report, gold: List[dict], by_name: Dict[str, dict]) -> None:
    for g in (r for r in gold if r["kind"] == "document"):
        o = by_name.get(g["doc"], {})
        got = o.get("published")
        got = got[:10] if isinstance(got, str) else got
        want = g.get("published")
        ok_pub = want == "*" or got == want or got in (g.get("published_also_ok") or [])
        ok_lang = str(o.get("language") or "").split("-")[0] == str(g.get("language") or "").split("-")[0]
        report.documents.append({"doc": g["doc"], "published": got, "want": want, "published_ok": ok_pub,
                                 "language": o.get("language"), "language_want": g.get("language"), "language_ok": ok_lang,
                                 "found": bool(o)})


def _score_quotes(report: Report, gold: List[dict], quotes: List[dict], doc_name: Dict[str, str]) -> None:
    for g in (r for r in gold if r["kind"] == "quote"):
        need = set((g.get("speaker") or {}).get("match") or [])
        found = False
        for q in quotes:
            sp = q.get("speaker")
            if doc_name.get(q.get("doc"), _stem(q.get("doc"))) == g.get("doc") and \
                    need <= name_tokens(sp.get("name") if isinstance(sp, dict) else sp):
                found = True
                break
        report.quotes.add(Tally(right=int(found), gold=1, out=1))
        if not found:
            report.quotes_missing.append(f"{g.get('doc')}: {(g.get('speaker') or {}).get('name')}")


def render(report: Report) -> List[str]:
    """The plain-text report, one line each: per-field table, per-language table, the wrong fields,
    the misses, the extras, documents, then the headline `facts F1 x.xxx` last."""
    lines = [f"{'field':<14}{'right':>7}{'gold':>7}{'output':>8}{'P':>8}{'R':>8}{'F1':>8}"]
    for k, t in report.fields.items():
        lines.append(f"{k:<14}{t.right:>7}{t.gold:>7}{t.out:>8}{t.precision:>8.3f}{t.recall:>8.3f}{t.f1:>8.3f}")
    f = report.facts
    lines.append(f"{'all facts':<14}{f.right:>7}{f.gold:>7}{f.out:>8}{f.precision:>8.3f}{f.recall:>8.3f}{f.f1:>8.3f}")
    if len(report.languages) > 1:
        lines.append("")
        lines.append(f"{'language':<14}{'right':>7}{'gold':>7}{'output':>8}{'P':>8}{'R':>8}{'F1':>8}")
        for k, t in sorted(report.languages.items()):
            lines.append(f"{k:<14}{t.right:>7}{t.gold:>7}{t.out:>8}{t.precision:>8.3f}{t.recall:>8.3f}{t.f1:>8.3f}")
    lines.append("")
    for m in report.matched:
        have, want = m["participants"].split("/")
        if m["wrong"] or m["stated_where_gold_has_none"] or have != want:
            wrong = ", ".join(f"{w['field']} {w['got']!r} (want {w['want']!r})" for w in m["wrong"]) or "-"
            false = ", ".join(f"{w['field']} {w['got']!r}" for w in m["stated_where_gold_has_none"]) or "-"
            lines.append(f"wrong  {m['gold']} -> {m['output']}: {wrong}; stated where gold has none: {false}; "
                         f"participants {m['participants']} {m['participants_output']}")
    for m in report.misses:
        lines.append("miss   " + json.dumps(m, ensure_ascii=False))
    for x in report.extras:
        lines.append("extra  " + json.dumps(x, ensure_ascii=False))
    for d in report.documents:
        if not d["found"]:
            lines.append(f"document {d['doc']}: not in the export")
        elif not (d["published_ok"] and d["language_ok"]):
            lines.append(f"document {d['doc']}: published {d['published']!r} (want {d['want']!r}), "
                         f"language {d['language']!r} (want {d['language_want']!r})")
    for q in report.quotes_missing:
        lines.append(f"quote speaker not found: {q}")
    s = report.as_dict()["summary"]
    lines.append(" ".join(f"{k}={v}" for k, v in s.items()))
    lines.append(f"facts F1 {f.f1:.3f}")
    return lines
