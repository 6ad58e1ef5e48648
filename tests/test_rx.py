"""Case-insensitive patterns run on the lowercased text must find exactly what the
case-insensitive engine finds, in the original text's letters."""
import re
from pathlib import Path

import pytest

from parley import rx
from parley.lang import available, load, phrase_pattern

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def texts():
    files = sorted(SEEDS.iterdir()) + sorted(p for p in EXAMPLES.rglob("*.txt"))[:40]
    out = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    # capitals whose lowercase is longer (İ), mixed scripts, and a word split by a hyphen
    out.append("İSTANBUL — Wang Yi MET Lavrov; the CO-CHAIRS met. Переговоры ПРОШЛИ в Москве. 中俄 会谈 Talks")
    return out


def same(a, b):
    return [(m.span(), m.group(), m.groups()) for m in a] == [(m.span(), m.group(), m.groups()) for m in b]


@pytest.mark.parametrize("code", available())
def test_every_packs_trigger_words_match_as_case_insensitive(code):
    pack = load(code)
    words = [w for g in ("verbs", "nouns") for item in pack["triggers"]["consult"].get(g, []) for w in item["words"]]
    source = phrase_pattern(words, pack.spaced)
    fast, slow = rx.compile(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert isinstance(fast, rx.Folded)
    for text in texts():
        assert same(fast.finditer(text), slow.finditer(text))
        for pos in range(0, len(text), 97):
            a, b = fast.search(text, pos, pos + 300), slow.search(text, pos, pos + 300)
            assert (a and (a.span(), a.group())) == (b and (b.span(), b.group()))
            a, b = fast.match(text, pos), slow.match(text, pos)
            assert (a and a.span()) == (b and b.span())


def test_groups_read_the_original_letters():
    p = rx.compile(r"(?P<who>\w+)\s+(?:met|held talks with)\s+(?P<whom>\w+)(?P<none>xyz)?", re.IGNORECASE)
    m = p.search("On Monday Wang Yi MET Lavrov in Moscow.")
    assert m.group() == "Yi MET Lavrov"
    assert m.group("who", "whom") == ("Yi", "Lavrov")
    assert m["whom"] == "Lavrov" and m.group("none") is None
    assert m.groupdict() == {"who": "Yi", "whom": "Lavrov", "none": None}
    assert m.groups("-") == ("Yi", "Lavrov", "-")
    assert m.span("whom") == (22, 28)


def test_a_pattern_that_spells_capitals_keeps_the_case_insensitive_engine():
    # under IGNORECASE [A-Z] is every letter; on lowercased text, case-sensitively, it would be none
    assert not isinstance(rx.compile(r"[A-Z]\w+ said", re.IGNORECASE), rx.Folded)
    assert isinstance(rx.compile(r"\W\S+ said", re.IGNORECASE), rx.Folded)     # escapes are classes
    assert not isinstance(rx.compile(r"said"), rx.Folded)                         # case-sensitive stays so


def test_a_text_whose_lowercase_is_longer_is_searched_as_it_is():
    p = rx.compile(r"istanbul|talks", re.IGNORECASE)
    text = "İSTANBUL talks ISTANBUL"       # İ lowercases to two characters: positions would shift
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in re.finditer(r"istanbul|talks", text, re.I)]


def test_capitals_spelled_by_escapes_count_and_group_names_do_not():
    assert rx.foldable(r"(?P<Who>\w+)\s+(?P=Who)\S")        # group names, class escapes
    for source in (r"\x41ll", r"\N{LATIN CAPITAL LETTER A}", r"\101", r"\u0041"):
        assert not rx.foldable(source), source
    assert rx.foldable(r"[\u4e00-\u9fff]\x61")
