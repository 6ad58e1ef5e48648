"""Cross-document resolution: one record per meeting, deterministic, order-independent."""
import json
import random

from parley.resolve.merge import resolve


def mention(i, doc, **kw):
    base = {"id": f"em_{i:04d}", "doc": doc, "type": "CONSULT", "trigger": "met", "status": "occurred", "date": None,
            "location": None, "modality": None, "mechanism": None, "round": None, "participants": [], "topics": [],
            "evidence": [], "inferred": {}, "background": False, "doc_kind": "news", "published": None}
    base.update(kw)
    return base


P = {"id": "nikolai-patrushev", "name": "Nikolai Patrushev", "title": None, "country": "RU", "discovered": False}
W = {"id": "wang-yi", "name": "Wang Yi", "title": None, "country": "CN", "discovered": False}
M = "cn-ru-strategic-security-consultation"


def corpus():
    return [
        mention(1, "a", mechanism=M, round=18, date={"start": "2023-09-18", "end": "2023-09-18"}, participants=[P, W], doc_kind="official"),
        mention(2, "b", mechanism=M, round=18, date={"start": "2023-09", "end": "2023-09"}, status="planned"),
        mention(3, "c", mechanism=M, round=17, date={"start": "2022-09-18", "end": "2022-09-19"}, participants=[P]),
        mention(4, "d", mechanism=M, date={"start": "2023-09-18", "end": "2023-09-18"}, location={"city": "Moscow", "country": "RU"}, doc_kind="forum"),
    ]


def test_same_round_merges_and_planned_becomes_occurred():
    events, _ = resolve(corpus())
    r18 = [e for e in events if e["round"] == 18]
    assert len(r18) == 1
    assert r18[0]["status"] == "occurred"
    assert r18[0]["date"] == {"start": "2023-09-18", "end": "2023-09-18"}
    assert {s["doc"] for s in r18[0]["sources"]} == {"a", "b", "d"}


def test_neighbouring_rounds_are_never_merged():
    events, _ = resolve(corpus())
    assert sorted(e["round"] for e in events if e["round"]) == [17, 18]


def test_order_does_not_change_the_result():
    base = json.dumps(resolve(corpus()), sort_keys=True)
    for seed in range(5):
        ms = corpus()
        random.Random(seed).shuffle(ms)
        assert json.dumps(resolve(ms), sort_keys=True) == base


def test_an_event_keeps_an_inferred_field_only_where_no_source_states_it():
    moscow = {"city": "Moscow", "country": "RU"}
    day = {"start": "2023-09-18", "end": "2023-09-18"}
    group = [mention(1, "a", mechanism=M, round=18, date=day, location=moscow, inferred={"location": "where the talks were said to be"}),
             mention(2, "b", mechanism=M, round=18, date=day, modality="video", inferred={"modality": "a call"}),
             mention(3, "c", mechanism=M, round=18, date=day, location=moscow)]
    [event], _ = resolve(group)
    # source c states the city, so the event's location is not inferred; nobody states the modality
    assert event["inferred"] == {"modality": "a call"}
    # hundreds of sources of one meeting: linear, same answer
    many = [mention(i, f"d{i}", mechanism=M, round=18, date=day, location=moscow, inferred={"location": "arrival"}) for i in range(1500)]
    [event], _ = resolve(many)
    assert event["inferred"] == {"location": "arrival"} and len(event["sources"]) == 1500
