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


# The history set: 84 articles in six languages on the strategic security consultation (rounds
# 1-20 but 12), the law-enforcement mechanism and the counter-terrorism consultations. On the 32
# English articles it had before, the floor was 0.94 with 15/15 events and 41/43 quote speakers;
# the larger set is not comparable, so its floors are what it measures (see tests/gold for the
# notes on each event and the misreadings that keep it below 1).
FLOOR_HISTORY = 0.87     # 0.847 when pinned; 0.872 once one round was no longer joined across years


def test_history_examples_meet_their_floor(export_of):
    s = score(GOLD / "examples_history.gold.jsonl", export_of("history"))["summary"]
    assert s["facts_f1"] >= FLOOR_HISTORY, s
    found, total = map(int, s["events_found"].split("/"))
    assert found >= 39 and total == 44, s
    assert s["extra_events"] <= 5, s
    docs_ok, docs_n = map(int, s["documents"].split("/"))
    assert docs_ok >= 167 and docs_n == 168, s
    found, total = map(int, s["quote_speakers"].split("/"))
    assert found >= 87 and total == 90, s


def _timeline_marks(events, mechanism, gold):
    """Which of the gold's rounds, gaps and unnumbered meetings the timeline shows as the texts give
    them: a set of round numbers and unnumbered meetings' start dates, and the number of times a
    round appears more than once."""
    from parley.timeline import build
    rows = build(events, mechanism)

    def same_date(g, r):
        if g is None or r is None:
            return g is None and r is None
        return all(r[k] == g[k] or len(g[k]) < 10 and r[k].startswith(g[k]) for k in ("start", "end"))

    def same_place(g, r):
        loc = r["location"] or {}
        return (loc.get("city"), loc.get("country")) == (g["city"], g["country"])

    numbered = [r for r in rows if r["round"]]
    twice = len(numbered) - len({r["round"] for r in numbered})
    by_round = {r["round"]: r for r in numbered}
    right = set()
    for g in gold["rounds"]:
        r = by_round.get(g["round"])
        if g.get("gap"):
            if r is not None and r["gap"]:
                right.add(g["round"])
        elif r is not None and not r["gap"] and same_date(g["date"], r["date"]) and same_place(g, r):
            right.add(g["round"])
    shown = [r for r in rows if not r["round"]]
    wanted = {g["date"]["start"]: g for g in gold["unnumbered"]}
    for r in shown:
        g = wanted.get((r["date"] or {}).get("start"))
        if g and same_date(g["date"], r["date"]) and same_place(g, r):
            right.add(g["date"]["start"])
    # an unnumbered meeting the gold does not list (a meeting given to the wrong mechanism) is wrong
    extra = [r for r in shown if (r["date"] or {}).get("start") not in wanted]
    # unnumbered meetings sit between their neighbours by date
    order = [(r["date"] or {}).get("start") or "" for r in rows if not r["gap"] and r["date"]]
    return right, twice, extra, order == sorted(order)


# What each timeline rebuilds as the texts give it today; floors only go up. Not yet: SSC rounds 2
# (one day of three), 8 (one of two), 15, 18 and 20 (the month, the visit or "this week" taken over
# the day); the law-enforcement mechanism's pre-mechanism 2011 meeting shown as one of its meetings.
TIMELINE_RIGHT = {
    "cn-ru-strategic-security-consultation": {1, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 19, "2023-02-21"},
    "cn-ru-law-enforcement-security-cooperation": {1, 2, 3, 4, 5, 6, 7, 8, 9},
    "cn-ru-mfa-counterterrorism-consultation": {"2022-01-19", "2024-04-11"},
}
TIMELINE_EXTRA = {"cn-ru-law-enforcement-security-cooperation": 1}


@pytest.mark.parametrize("mechanism", sorted(TIMELINE_RIGHT))
def test_history_timelines_rebuild_what_the_texts_give(mechanism, export_of):
    import json
    history_export = export_of("history")
    events = [json.loads(line) for line in (history_export / "events.jsonl").read_text().splitlines()]
    gold = json.loads((GOLD / "history_timeline.json").read_text())[mechanism]
    right, twice, extra, in_order = _timeline_marks(events, mechanism, gold)
    assert TIMELINE_RIGHT[mechanism] <= right, sorted(TIMELINE_RIGHT[mechanism] - right, key=str)
    assert twice == 0                                   # no round number shown twice
    assert len(extra) <= TIMELINE_EXTRA.get(mechanism, 0), extra
    assert in_order
    if mechanism == "cn-ru-strategic-security-consultation":
        assert 12 in right                              # the one round no text gives stays a gap


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
