"""`parley eval`: the scorer a user runs on their own gold. It must count facts exactly as the
acceptance scorer does (checked on the seeds and on the bundled examples' gold), and each counting
rule is pinned on a small gold file and a hand-written export."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, GOLD, SEEDS_GOLD, ingest_and_export, score
from parley.cli import app
from parley.errors import UsageError
from parley.evaluate import evaluate, render

SUMMARY_KEYS = ("facts_precision", "facts_recall", "facts_f1", "events_found", "extra_events",
                "documents", "quote_speakers", "mechanism_facts")


def _same_as_acceptance(gold: Path, export_dir: Path) -> dict:
    mine = evaluate(gold, export_dir).as_dict()
    theirs = score(gold, export_dir)
    assert {k: mine["summary"][k] for k in SUMMARY_KEYS} == {k: theirs["summary"][k] for k in SUMMARY_KEYS}
    assert sorted(m["gold"] for m in mine["misses"]) == sorted(theirs["missing"])
    assert sorted(x["output"] for x in mine["extras"]) == sorted(x["id"] for x in theirs["extra"])
    assert {(m["gold"], m["output"]) for m in mine["matched"]} == {(e["gold"], e["output"]) for e in theirs["events"]}
    return mine


def test_agrees_with_the_acceptance_scorer_on_the_seeds(seeds_export):
    mine = _same_as_acceptance(SEEDS_GOLD, seeds_export)
    assert mine["summary"]["events_found"] == "9/9"


@pytest.mark.parametrize("folder", ["en", "heldout_ml"])
def test_agrees_with_the_acceptance_scorer_on_the_examples(folder, tmp_path):
    """Examples with misses, extras and wrong fields: every count and every pairing must agree."""
    out = ingest_and_export([EXAMPLES / folder], tmp_path)
    mine = _same_as_acceptance(GOLD / f"examples_{folder}.gold.jsonl", out)
    f = mine["fields"]
    assert sum(t["right"] for t in f.values()) / sum(t["gold"] for t in f.values()) == pytest.approx(
        mine["summary"]["facts_recall"], abs=1e-3)


# A small world written here: two documents, three gold events, four output events.
GOLD_LINES = [
    {"kind": "document", "doc": "a_talks", "published": "2024-03-05", "language": "en"},
    {"kind": "document", "doc": "b_call", "published": None, "language": "de"},
    {"kind": "event", "id": "G1", "docs": ["a_talks"], "type": "CONSULT", "status": "occurred",
     "mechanism": {"not": ["xx-yy-known-dialogue"]}, "round": 3, "date": {"start": "2024-03-04", "end": "2024-03-04"},
     "location": {"city": "New Delhi", "country": "IN"}, "modality": "in_person",
     "participants": [{"name": "Asha Verma", "match": ["verma"]}, {"name": "Li Wen", "match": ["li", "wen"]}], "topics": None},
    {"kind": "event", "id": "G2", "docs": ["b_call"], "type": "CONSULT", "status": "occurred", "status_also_ok": ["planned"],
     "mechanism": None, "round": None, "date": {"start": "2024-02", "end": "2024-02"}, "date_month_ok": True,
     "location": {"city": None, "country": None}, "modality": "phone",
     "participants": [{"name": "Karl Brandt", "match": ["brandt"]}, {"name": "Omar Haddad", "match": ["haddad"]}], "topics": None},
    {"kind": "event", "id": "G3", "docs": ["a_talks"], "type": "CONSULT", "status": "planned", "mechanism": None,
     "round": 4, "date": None, "location": {"city": None, "country": None}, "modality": None,
     "participants": [{"name": "Asha Verma", "match": ["verma"]}], "topics": None},
]
DOCS = [{"id": "d1", "source": "/x/a_talks.txt", "language": "en", "published": "2024-03-05"},
        {"id": "d2", "source": "/x/b_call.html", "language": "de", "published": "2024-02-20"}]
EVENTS = [
    # G1, right on everything but the city; the output names no mechanism, which "anything but" accepts.
    {"id": "o1", "type": "CONSULT", "status": "occurred", "mechanism": None, "round": 3,
     "date": {"start": "2024-03-04", "end": "2024-03-04"}, "location": {"city": "Delhi", "country": "in"},
     "modality": "in_person", "participants": [{"name": "Asha Verma"}, {"name": "Wen Li"}], "sources": [{"doc": "d1"}]},
    # G2, status planned (also accepted), a day in the right month, and a city the gold leaves null.
    {"id": "o2", "type": "CONSULT", "status": "planned", "mechanism": None, "round": None,
     "date": {"start": "2024-02-19", "end": "2024-02-19"}, "location": {"city": "Berlin", "country": None},
     "modality": "phone", "participants": [{"name": "Karl Brandt"}, {"name": "Omar Haddad"}], "sources": [{"doc": "d2"}]},
    # Would fit G3 perfectly, but cites only the other document: an extra, and G3 is missed.
    {"id": "o3", "type": "CONSULT", "status": "planned", "mechanism": None, "round": 4, "date": None, "location": None,
     "modality": None, "participants": [{"name": "Asha Verma"}], "sources": [{"doc": "d2"}]},
    # Not a consultation: never compared, never counted.
    {"id": "o4", "type": "ACCUSE", "status": "occurred", "participants": [{"name": "Asha Verma"}], "sources": [{"doc": "d1"}]},
]


def _write(tmp: Path, gold=GOLD_LINES, docs=DOCS, events=EVENTS) -> tuple[Path, Path]:
    g = tmp / "gold.jsonl"
    g.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    out = tmp / "out"
    out.mkdir()
    (out / "documents.jsonl").write_text("".join(json.dumps(r) + "\n" for r in docs), encoding="utf-8")
    (out / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in events), encoding="utf-8")
    return g, out


def test_each_counting_rule_on_a_small_world(tmp_path):
    g, out = _write(tmp_path)
    r = evaluate(g, out).as_dict()
    f = r["fields"]
    assert f["exists"] == {**f["exists"], "right": 2, "gold": 3, "output": 3}     # the ACCUSE event is not counted
    assert f["mechanism"]["right"] == 1 and f["mechanism"]["gold"] == 1             # null passes "anything but"
    assert f["mechanism"]["right_unstated"] == 1 and f["mechanism"]["precision"] == 0.0   # ... but claims nothing
    assert f["city"] == {**f["city"], "right": 0, "gold": 1, "output": 2}           # Delhi != New Delhi; Berlin is a false fact
    assert f["country"]["right"] == 1                                               # "in" == "IN"
    assert f["status"]["right"] == 2                                                # planned is also ok for G2
    assert f["date_start"]["right"] == 2                                            # month-precise gold, and date_month_ok
    assert f["round"] == {**f["round"], "right": 1, "gold": 2, "output": 2}
    assert f["participants"] == {**f["participants"], "right": 4, "gold": 5, "output": 5}   # word order is free
    assert [m["gold"] for m in r["misses"]] == ["G3"]
    assert [x["output"] for x in r["extras"]] == ["o3"]
    g2 = next(m for m in r["matched"] if m["gold"] == "G2")
    assert g2["stated_where_gold_has_none"] == [{"field": "city", "got": "Berlin"}]
    assert r["summary"] == {**r["summary"], **{k: v for k, v in score(g, out)["summary"].items() if k in SUMMARY_KEYS}}
    assert r["summary"]["documents"] == "3/4"                                       # b_call has a date the gold says is absent
    assert set(r["languages"]) == {"en", "de"}


def test_languages_split_the_facts_by_the_gold_documents_language(tmp_path):
    g, out = _write(tmp_path)
    r = evaluate(g, out)
    de, en = r.languages["de"], r.languages["en"]
    assert de.gold == 1 + 4 + 2           # G2: exists; status, modality, date start and end; two participants
    assert en.gold == (1 + 8 + 2) + (1 + 2 + 1)   # G1: exists, eight fields, two people; G3: exists, status, round, one person
    assert de.gold + en.gold == r.facts.gold
    assert de.out + en.out == r.facts.out  # the extra o3 cites b_call, so its facts count as German


def test_render_ends_with_the_headline_and_lists_misses_and_extras(tmp_path):
    g, out = _write(tmp_path)
    lines = render(evaluate(g, out))
    assert lines[-1].startswith("facts F1 ")
    assert any(line.startswith("miss ") and '"G3"' in line for line in lines)
    assert any(line.startswith("extra ") and '"o3"' in line for line in lines)
    assert any(line.startswith("wrong ") and "city 'Delhi' (want 'New Delhi')" in line for line in lines)
    assert any(line.startswith("city ") for line in lines)           # the per-field table


def test_cli_prints_the_report_and_json(tmp_path):
    g, out = _write(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["eval", str(g), str(out)])
    assert res.exit_code == 0, res.output
    assert res.output.strip().splitlines()[-1] == f"facts F1 {evaluate(g, out).facts.f1:.3f}"
    res = runner.invoke(app, ["eval", str(g), str(out), "--json"])
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["summary"]["events_found"] == "2/3" and data["fields"]["exists"]["gold"] == 3


@pytest.mark.parametrize("gold, message", [
    ([{"kind": "evnt", "id": "x"}], "unknown kind"),
    ([{"kind": "event", "id": "E", "docs": []}], "non-empty 'docs'"),
    ([{"kind": "event", "id": "E", "docs": ["a"]}, {"kind": "event", "id": "E", "docs": ["a"]}], "used twice"),
    ([{"kind": "event", "id": "E", "docs": ["a"], "participants": ["Lavrov"]}], "participant needs"),
])
def test_bad_gold_is_a_clear_error(tmp_path, gold, message):
    g, out = _write(tmp_path, gold=gold)
    with pytest.raises(UsageError, match=message):
        evaluate(g, out)
    res = CliRunner().invoke(app, ["eval", str(g), str(out)])
    assert res.exit_code == 2 and message in res.output


def test_missing_inputs_are_clear_errors(tmp_path):
    g, out = _write(tmp_path)
    with pytest.raises(UsageError, match="not a folder"):
        evaluate(g, tmp_path / "nowhere")
    with pytest.raises(UsageError, match="no such file"):
        evaluate(tmp_path / "none.jsonl", out)
    (out / "events.jsonl").unlink()
    with pytest.raises(UsageError, match="no events.jsonl"):
        evaluate(g, out)
    (tmp_path / "bad.jsonl").write_text('{"kind": "document", "doc": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(UsageError, match="bad.jsonl:2: not JSON"):
        evaluate(tmp_path / "bad.jsonl", out)
