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
def examples_en_export(tmp_path_factory):
    return ingest_and_export([EXAMPLES / "en"], tmp_path_factory.mktemp("examples_en"))


def test_english_examples_meet_their_floor(examples_en_export):
    s = score(GOLD / "examples_en.gold.jsonl", examples_en_export)["summary"]
    assert s["facts_f1"] >= FLOOR_EN, s
    docs_ok, docs_n = map(int, s["documents"].split("/"))
    assert docs_ok == docs_n


FLOOR_EN = 0.95
