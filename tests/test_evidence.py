"""Every value an event states is backed: evidence for the field in the document that states it,
or an `inferred` reason. Checked on every bundled example and the seeds, per document (each
mention) and per resolved event (some source's evidence, or the event's reason)."""
from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, SEEDS, ingest_and_export

FIELDS = ("date", "location", "mechanism", "round", "modality", "participants")
FOLDERS = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())


def _unbacked_mentions(paths) -> list[str]:
    from parley.ingest import analyze_inputs
    from parley.settings import Settings
    out = []
    for source, res, *_ in analyze_inputs([str(p) for p in paths], Settings()):
        for ev in res.events if res else ():
            have = {e.field for e in ev.evidence}
            for name in FIELDS:
                if getattr(ev, name) and name not in have and name not in ev.inferred:
                    out.append(f"{source}: {ev.id} {name}={getattr(ev, name)!r}")
    return out


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_stated_field_of_a_mention_is_backed(folder):
    assert _unbacked_mentions([EXAMPLES / folder]) == []


def test_every_stated_field_of_a_seed_mention_is_backed():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    unbacked = _unbacked_mentions([SEEDS])
    assert unbacked == []


def test_every_stated_field_of_an_event_is_backed(tmp_path):
    paths = [EXAMPLES] + ([SEEDS] if SEEDS.is_dir() else [])
    out = ingest_and_export(paths, tmp_path)
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert sum(1 for e in events if e["round"]) >= 10     # the check covers numbered rounds
    unbacked = []
    for e in events:
        have = {ev["field"] for s in e["sources"] for ev in s["evidence"]}
        for name in FIELDS:
            if e[name] and name not in have and name not in e["inferred"]:
                unbacked.append(f"{e['id']} {name}={e[name]!r}")
    assert unbacked == []


def test_a_round_beside_its_named_mechanism_has_its_evidence(analyze):
    text = ("Beijing, 3 March 2025 — The 21st round of China-Russia strategic security consultations "
            "was held in Beijing on Monday, co-chaired by Wang Yi and Sergei Shoigu.\n")
    res = analyze(text)
    ev = next(e for e in res.events if e.round == 21)
    rounds = [x for x in ev.evidence if x.field == "round"]
    assert rounds and rounds[0].text == "21st"
    assert any(x.field == "mechanism" for x in ev.evidence)
