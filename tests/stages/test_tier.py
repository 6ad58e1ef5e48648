"""The language-independent tier: a document in a language with no pack (Greek, Serbian, Swahili,
Urdu here) is read by what needs no grammar: knowledge-base names in its script, CLDR dates,
knowledge-base mechanisms and a number beside one. Its events say so: every piece of evidence
carries a rule `tier:...`, and the event a lower confidence."""
import json

from parley.ingest import ingest
from parley.settings import Settings
from parley.store import Store

from conftest import EXAMPLES, ingest_and_export


def events(export_dir):
    return [json.loads(line) for line in open(export_dir / "events.jsonl", encoding="utf-8")]


def test_pack_less_languages_give_their_meetings_marked_by_the_tier(tmp_path):
    out = ingest_and_export(sorted((EXAMPLES / "tier").iterdir()), tmp_path)
    evs = sorted(events(out), key=lambda e: e["date"]["start"])
    assert [e["date"]["start"] for e in evs] == ["2019-04-03", "2023-09-19", "2024-04-09", "2024-07-25"]
    for ev in evs:
        rules = {x["rule"] for s in ev["sources"] for x in s["evidence"]}
        assert rules and all(r.startswith("tier:") for r in rules), rules
        assert ev["confidence"] <= 0.5
        assert len(ev["participants"]) == 2
    greek = evs[1]     # the 18th round, named by the mechanism's Greek name and a number before it
    assert (greek["mechanism"], greek["round"]) == ("cn-ru-strategic-security-consultation", 18)
    assert evs[2]["mechanism"] is None and evs[3]["mechanism"] is None     # two ministers, no mechanism named


def test_one_official_or_no_date_makes_no_event(tmp_path):
    # Greek: one official with a date; then two officials with neither a date nor a mechanism
    (tmp_path / "a.txt").write_text(
        "Δηλώσεις\n\nΟ Σεργκέι Λαβρόφ μίλησε στους δημοσιογράφους στις 5 Μαΐου 2024 για την οικονομία.\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Ανάλυση\n\nΟ Σεργκέι Λαβρόφ και ο Ουάνγκ Γι είναι από τους πιο γνωστούς διπλωμάτες του κόσμου.\n",
        encoding="utf-8")
    db = tmp_path / "p.db"
    s = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], Settings(db=str(db)))
    assert len(s.ingested) == 2
    with Store(db, readonly=True) as st:
        assert st.events() == []
