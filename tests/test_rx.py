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


# -- the strings a match must contain -------------------------------------------------------

def test_required_strings_are_read_off_the_pattern():
    assert rx.required(r"(?<!\w)(?:(?P<n>\w+)\s+days\s+later)(?!\w)") == {"later"}
    assert rx.required(r"(?:started by|posted by|thread starter)\s+\w+") == {"started by", "posted by", "thread starter"}
    # a phrase list grouped by first letter: the letter meets the beginnings of the branches after it
    assert rx.required(r"(?:t(?<![\w-].)(?:elephone\s+call|alked)|[,，、]x?)(?![\w-])") == {"telephone", "talked", ",", "，", "、"}
    assert rx.required(r"s(?:aid|tated\s+that)|noted") == {"said", "stated", "noted"}
    assert rx.required(r"(?:\d+\s*)+rounds?") == {"round"}
    assert rx.required(r"a{2,}b") == {"ab"}      # the end of the repeat meets the b
    assert rx.required(r"\b(\d{1,3})(?:st|nd|rd|th)\b") == {"st", "nd", "rd", "th"}
    assert rx.required(r"talks?\s+with") == {"with"}          # 'with' (4) beats {'talk', 'talks'}... and is enough
    assert rx.required(r"co-?chair(?:ed|s)?") == {"co-chair", "cochair"}


def test_nothing_is_required_where_a_match_can_do_without():
    for source in (r"x?", r"\w+", r"ab|c?", r"(?:talks)*", r"(?=talks)\w+", r"(?i:talks)", r"(?:a|\w)b?"):
        assert rx.required(source) is None, source
    assert rx.required(r"[a-z]+ said") == {" said"}
    assert rx.required(r"(a)\1") == {"a"}        # the group is required; what it refers to is not read


def _patterns(depth=3):
    from hypothesis import strategies as st
    leaf = st.sampled_from(["a", "b", "ab", "ba", r"\w", ".", "[ab]", "[^a]", r"\b", r"(?<!a)", r"(?=b)", r"\s", " "])
    return st.recursive(leaf, lambda inner: st.one_of(
        st.tuples(inner, inner).map("".join),
        st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
        st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "??", "+?"])).map(lambda t: f"(?:{t[0]}){t[1]}"),
        inner.map(lambda p: f"({p})")), max_leaves=8)


def test_every_match_holds_a_required_string():
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=400, deadline=None)
    @given(_patterns(), st.text(alphabet="ab x", max_size=30))
    def check(source, text):
        need = rx.required(source)
        if need is None:
            return
        for m in re.finditer(source, text):
            assert any(n in m.group() for n in need), (source, text, m.group(), need)
        for pos in range(len(text)):
            m = re.match(source, text[pos:])
            assert not m or any(n in m.group() for n in need)
    check()


def _every_folded_pattern():
    """Every folded pattern the analysis compiles, for every pack: analyze texts in all of them,
    then collect what was built."""
    import gc
    from parley import kb
    from parley.analyze import Analyzer
    from parley.model import RawDoc
    from parley.settings import Settings
    an = Analyzer(kb.load(), Settings())
    for i, text in enumerate(texts()):
        an.analyze(RawDoc(source=f"t{i}", media_type="text/plain", content=text))
    return [o for o in gc.get_objects() if isinstance(o, rx.Folded)]


def test_the_check_before_the_engine_never_changes_an_answer():
    patterns = _every_folded_pattern()
    assert len(patterns) > 50 and sum(p.needs is not None for p in patterns) > 20
    every = texts()
    corpus = every[::4] + every[-1:]
    for p in patterns:
        for text in corpus:
            low = text.lower()
            if len(low) != len(text):
                continue
            whole = [m.span() for m in p.folded.finditer(low)]
            assert [m.span() for m in p.finditer(text)] == whole, p.pattern
            need = rx.required(p.pattern, p.flags)
            for s, e in whole:
                assert need is None or any(n in low[s:e] for n in need), (p.pattern, low[s:e])
            for pos in range(0, len(text), 151):
                for end in (pos + 40, pos + 250):
                    a, b = p.search(text, pos, end), p.folded.search(low, pos, end)
                    assert (a and a.span()) == (b and b.span()), p.pattern
                    a, b = p.match(text, pos, end), p.folded.match(low, pos, end)
                    assert (a and a.span()) == (b and b.span()), p.pattern
