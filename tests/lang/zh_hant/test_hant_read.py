"""A Traditional Chinese document read end to end: cleaned, dated and analysed as simplified,
cited in its own characters."""
import json

from conftest import EXAMPLES, ingest_and_export


def _events(path, tmp_path):
    out = ingest_and_export([path], tmp_path)
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    return docs, events


def _key(ev):
    return json.dumps((ev["mechanism"], ev["round"], json.dumps(ev["date"]), json.dumps(ev["location"]), ev["modality"],
            tuple(sorted(p["id"] for p in ev["participants"]))))


def test_a_traditional_copy_of_a_simplified_article_gives_the_same_events(tmp_path):
    import opencc
    src = EXAMPLES / "zh" / "zh_04_eighteenth_round_moscow.txt"
    trad = opencc.OpenCC("s2twp").convert(src.read_text(encoding="utf-8"))
    assert trad != src.read_text(encoding="utf-8")
    copy = tmp_path / "trad" / "zh_04_trad.txt"
    copy.parent.mkdir()
    copy.write_text(trad, encoding="utf-8")
    _, simple_events = _events(src, tmp_path / "s")
    docs, trad_events = _events(copy, tmp_path / "t")
    assert docs[0]["language"] == "zh"
    assert sorted(map(_key, trad_events)) == sorted(map(_key, simple_events))
    assert any(e["round"] == 18 for e in trad_events)
    # the evidence quotes the original, traditional text, at offsets valid in it
    text = trad  # the cleaned text is what the offsets are into; every quoted piece is in the original
    for ev in trad_events:
        for source in ev["sources"]:
            for e in source["evidence"]:
                assert e["text"] in text, e
