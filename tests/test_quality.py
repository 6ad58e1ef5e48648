"""Quality floors: the seeds and the bundled examples scored by the acceptance scorer.
Floors only go up; lowering one needs a written reason in the commit."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES, GOLD, SEEDS_GOLD, ingest_and_export, score


def test_seeds_meet_the_acceptance_floor(seeds_export):
    s = score(SEEDS_GOLD, seeds_export)["summary"]
    assert s["facts_f1"] >= 1.0, s
    assert s["events_found"] == "9/9"
    assert s["extra_events"] == 0
    assert s["documents"] == "10/10"
    found, total = map(int, s["quote_speakers"].split("/"))
    assert found >= 10 and total == 10
    assert s["mechanism_facts"] == "2/2"
    assert s["topics_f1"] >= 0.9


@pytest.fixture(scope="module")
def export_of(tmp_path_factory):
    """The export of one examples folder, made once per module."""
    made = {}

    def get(folder: str):
        if folder not in made:
            made[folder] = ingest_and_export([EXAMPLES / folder], tmp_path_factory.mktemp(folder))
        return made[folder]
    return get


def test_english_examples_meet_their_floor(export_of):
    s = score(GOLD / "examples_en.gold.jsonl", export_of("en"))["summary"]
    assert s["facts_f1"] >= FLOOR_EN, s
    docs_ok, docs_n = map(int, s["documents"].split("/"))
    assert docs_ok == docs_n
    assert s["quote_speakers"] == "22/22", s     # "Wang Yi in his turn said ..." included


FLOOR_EN = 0.95


FLOOR_HISTORY = 0.94


def test_history_examples_meet_their_floor(export_of):
    s = score(GOLD / "examples_history.gold.jsonl", export_of("history"))["summary"]
    assert s["facts_f1"] >= FLOOR_HISTORY, s
    assert s["events_found"] == "15/15"
    found, total = map(int, s["quote_speakers"].split("/"))
    assert found >= 41 and total == 43, s


def test_history_timeline_rebuilds_every_round_the_texts_give(export_of):
    history_export = export_of("history")
    import json
    from parley.timeline import build
    events = [json.loads(line) for line in (history_export / "events.jsonl").read_text().splitlines()]
    rows = {r["round"]: r for r in build(events, "cn-ru-strategic-security-consultation") if r["round"] and not r["gap"]}
    gold = json.loads((GOLD / "history_timeline.json").read_text())
    for g in gold:
        if g["date"] is None:
            assert g["round"] not in rows or rows[g["round"]].get("round_inferred"), g
            continue
        r = rows[g["round"]]
        assert r["date"]["start"].startswith(g["date"]), (g, r["date"])
        loc = r["location"] or {}
        assert (loc.get("city"), loc.get("country")) == (g["city"], g["country"]) or g["city"] is None and loc.get("country") == g["country"], (g, loc)


# English articles a helper wrote blind (without seeing the code) after the rules above existed:
# 0.638 at first reading; the failures they showed became general rules and tests.
FLOOR_HELDOUT = 0.83


def test_heldout_examples_meet_their_floor(export_of):
    s = score(GOLD / "examples_heldout.gold.jsonl", export_of("heldout"))["summary"]
    assert s["facts_f1"] >= FLOOR_HELDOUT, s


# The same, two articles each in French, German, Spanish, Russian and Chinese: 0.770 at first reading.
FLOOR_HELDOUT_ML = 0.82


def test_multilingual_heldout_examples_meet_their_floor(export_of):
    s = score(GOLD / "examples_heldout_ml.gold.jsonl", export_of("heldout_ml"))["summary"]
    assert s["facts_f1"] >= FLOOR_HELDOUT_ML, s


# Floors per language pack, scored on each language's own examples.
FLOORS = {"ru": 0.98, "zh": 0.98, "de": 0.96, "fr": 0.96, "es": 0.94}


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_language_examples_meet_their_floor(lang, export_of):
    s = score(GOLD / f"examples_{lang}.gold.jsonl", export_of(lang))["summary"]
    assert s["facts_f1"] >= FLOORS[lang], s


def test_reports_in_three_languages_become_one_event(tmp_path):
    import json
    files = [EXAMPLES / "en" / "en_04_eighteenth_round_held.txt", EXAMPLES / "ru" / "ru_03_vosemnadtsatyi_raund_moskva.txt",
             EXAMPLES / "zh" / "zh_04_eighteenth_round_moscow.txt"]
    out = ingest_and_export(files, tmp_path)
    docs = {d["id"]: d["language"] for d in map(json.loads, (out / "documents.jsonl").read_text().splitlines())}
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    (ev,) = [e for e in events if e["mechanism"] == "cn-ru-strategic-security-consultation" and e["round"] == 18]
    assert sorted(docs[s["doc"]] for s in ev["sources"]) == ["en", "ru", "zh"]
    assert all(s["evidence"] for s in ev["sources"])
