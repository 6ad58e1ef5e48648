"""Quality floors of the languages added to the first six: each language's own examples
(examples/<code>/, written here) scored against their gold by the acceptance scorer. Floors only
go up; lowering one needs a written reason in the commit."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES, GOLD, ingest_and_export, score

FLOORS = {"zh_hant": 0.93, "it": 0.95, "pt": 0.9, "uk": 0.92, "id": 0.92, "tr": 0.85, "pl": 0.92, "vi": 0.78}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_added_language_examples_meet_their_floor(folder, tmp_path):
    s = score(GOLD / f"examples_{folder}.gold.jsonl", ingest_and_export([EXAMPLES / folder], tmp_path))["summary"]
    assert s["facts_f1"] >= FLOORS[folder], s
    ok, n = map(int, s["documents"].split("/"))
    assert ok == n, s
