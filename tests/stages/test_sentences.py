"""Reading sentences: every mention an annotator gives has a kind the model declares (model.Kind),
each sentence is read with the pack of its paragraph's language."""
from __future__ import annotations

from conftest import EXAMPLES


def test_every_mention_kind_is_declared(analyzer):
    from parley.model import Kind, RawDoc
    from parley.stages import sentences
    kinds = set()
    for path in sorted(EXAMPLES.rglob("*.txt")):
        doc, _ = analyzer.document(RawDoc(str(path), "text/plain", path.read_text(encoding="utf-8")))
        regions = sentences.regions(doc, analyzer.packs, analyzer.pack, analyzer.latin, analyzer.function_words)
        for st in sentences.read(doc.text, analyzer.kb, regions).sents:
            kinds |= {m.kind for m in st.mentions}
    assert kinds <= {k.value for k in Kind}
    assert {"person", "place", "country", "mechanism", "round", "time"} <= kinds


def test_a_paragraph_in_another_language_is_read_with_its_pack(analyzer):
    from parley.model import RawDoc
    from parley.stages import sentences
    text = ("Wang Yi held talks with Sergei Lavrov in Moscow on Tuesday, the two ministries said.\n"
            "Ван И во вторник провел переговоры с Сергеем Лавровым в Москве.\n")
    doc, _ = analyzer.document(RawDoc("t.txt", "text/plain", text))
    regions = sentences.regions(doc, analyzer.packs, analyzer.pack, analyzer.latin, analyzer.function_words)
    sents = sentences.read(doc.text, analyzer.kb, regions).sents
    assert [st.pack.code for st in sents] == ["en", "ru"]
    assert all("sergei-lavrov" in {m.value for m in st.mentions if m.kind == "person"} for st in sents)
