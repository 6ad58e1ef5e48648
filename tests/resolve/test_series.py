"""Mechanism histories across sources, on articles written here: one event per meeting whatever
the order of arrival, neighbouring rounds kept apart, conflicts recorded, round numbers inferred
only when the series makes them certain."""
import json
import random

import pytest

from conftest import EXAMPLES, SEEDS, ingest_and_export

ANNOUNCE = """Security chiefs to meet in Moscow

2023-09-15 10:00

Wang Yi will travel to Russia from Monday to Thursday and will hold the 18th round of the China-Russia
strategic security consultation with Nikolai Patrushev in Moscow during the trip, the foreign ministry said on Friday.
"""
REPORT = """China, Russia hold security talks

Updated: Sep 20, 2023 By A Reporter

Wang Yi and Nikolai Patrushev co-chaired the 18th round of the China-Russia strategic security consultation
in Moscow on Tuesday.
"""
WRONG_NUMBER = """Forum thread

Discussion in 'Asia' started by Somebody, Sep 21, 2023.

  1. Somebody

    Somebody MEMBER

    Jan 1, 2015
    +0 / 10 / -0
    Wang Yi and Nikolai Patrushev held the 9th round of the strategic security consultation in Moscow on Tuesday.
"""


def write(tmp, name, text):
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def events_of(out):
    return [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]


def test_announcement_report_and_a_wrong_number_are_one_meeting_with_the_conflict_kept(tmp_path):
    docs = [write(tmp_path, "a.txt", ANNOUNCE), write(tmp_path, "b.txt", REPORT), write(tmp_path, "c.txt", WRONG_NUMBER)]
    out = ingest_and_export(docs, tmp_path / "run")
    (ev,) = [e for e in events_of(out) if e["mechanism"] == "cn-ru-strategic-security-consultation"]
    assert ev["round"] == 18
    assert ev["status"] == "occurred"                      # planned by one source, reported held by another
    assert ev["date"] == {"start": "2023-09-19", "end": "2023-09-19"}
    assert ev["location"] == {"city": "Moscow", "country": "RU"}
    (conflict,) = [c for c in ev["conflicts"] if c["field"] == "round"]
    assert sorted(v["value"] for v in conflict["values"]) == [9, 18]
    assert len({s["doc"] for s in ev["sources"]}) == 3


def round_article(n, year, month):
    return f"""Round {n}

{year}-{month:02d}-20 09:00

Dai Bingguo and Nikolai Patrushev held the {n}th round of the China-Russia strategic security consultation in Beijing on Monday.
"""


def test_neighbouring_rounds_with_the_same_chairs_and_city_stay_apart(tmp_path):
    docs = [write(tmp_path, f"r{n}.txt", round_article(n, 2005 + n, 10)) for n in (5, 6, 7)]
    out = ingest_and_export(docs, tmp_path / "run")
    assert sorted(e["round"] for e in events_of(out)) == [5, 6, 7]


def unnumbered(year, month):
    return f"""Talks

{year}-{month:02d}-20 09:00

Dai Bingguo and Nikolai Patrushev held strategic security consultations in Beijing on Monday.
"""


def test_a_round_number_is_inferred_only_when_certain(tmp_path):
    docs = [write(tmp_path, "r5.txt", round_article(5, 2010, 3)), write(tmp_path, "r7.txt", round_article(7, 2012, 3)),
            write(tmp_path, "u.txt", unnumbered(2011, 4))]
    evs = events_of(ingest_and_export(docs, tmp_path / "one"))
    (middle,) = [e for e in evs if e["date"]["start"].startswith("2011")]
    assert middle["round"] == 6 and "round" in middle["inferred"]
    # two unnumbered meetings for one free number: nothing is certain
    docs.append(write(tmp_path, "u2.txt", unnumbered(2011, 9)))
    evs = events_of(ingest_and_export(docs, tmp_path / "two"))
    assert sorted(e["round"] for e in evs if e["round"]) == [5, 7]


def corpus():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    return sorted(SEEDS.iterdir()) + sorted((EXAMPLES / "en").iterdir())


def export_bytes(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_shuffled_input_gives_the_same_export_byte_for_byte(tmp_path):
    files = corpus()
    base = export_bytes(ingest_and_export(files, tmp_path / "sorted"))
    for seed in (1, 2):
        shuffled = list(files)
        random.Random(seed).shuffle(shuffled)
        assert export_bytes(ingest_and_export(shuffled, tmp_path / f"shuffled{seed}")) == base


def test_one_by_one_equals_all_at_once(tmp_path):
    from parley import kb
    from parley.export import export
    from parley.ingest import ingest
    from parley.settings import Settings
    from parley.store import Store
    files = corpus()
    base = export_bytes(ingest_and_export(files, tmp_path / "batch"))
    db = tmp_path / "inc.db"
    for f in reversed(files):
        ingest([str(f)], Settings(db=str(db)))
    with Store(db) as store:
        export(store, kb.load(), tmp_path / "inc", "jsonl")
    assert export_bytes(tmp_path / "inc") == base


def test_undated_article_gets_its_date_from_a_reference_event(seeds_export):
    docs = {d["source"].rsplit("/", 1)[-1]: d for d in map(json.loads, (seeds_export / "documents.jsonl").read_text().splitlines())}
    d = docs["002_eee14f7ce2fa8480.txt"]
    assert (d["published"], d["published_from"]) == ("2022-09-18", "inferred")
    assert docs["004_9ec706368f579bca.txt"]["published"] is None


def test_a_process_pool_gives_the_same_export_as_one_process(tmp_path):
    from parley import kb
    from parley.export import export
    from parley.ingest import ingest
    from parley.settings import Settings
    from parley.store import Store
    files = corpus()
    base = export_bytes(ingest_and_export(files, tmp_path / "serial"))
    db = tmp_path / "pool.db"
    ingest([str(f) for f in files], Settings(db=str(db), workers=2))
    with Store(db) as store:
        export(store, kb.load(), tmp_path / "pool", "jsonl")
    assert export_bytes(tmp_path / "pool") == base
