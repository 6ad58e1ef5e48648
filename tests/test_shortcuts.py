"""Each shortcut the annotators take for speed must find exactly what the long way finds: the
ASCII automaton, the mechanism and round word gates, dates tried only at numbers and month names,
the cache of lowercased texts, the quote patterns run folded, the ordered spans, the one search
for thread headers, the function-word count and the chrome patterns tried one by one. Inputs: the
seeds, the examples in every language and lines written to hit the edges."""
import re
from pathlib import Path

import pytest

from parley import kb as kb_mod, rx
from parley.annotate import gazetteer, mechanisms, rounds
from parley.annotate.text import WordGate, sentences, tokens
from parley.clean import _date_starts, _one_word_months
from parley.dates import find_absolute
from parley.lang import available, load

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def texts():
    files = sorted(SEEDS.iterdir()) + sorted(EXAMPLES.rglob("*.txt"))
    out = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    out.append("Wang Yi met Sergei Lavrov in Moscow; the China-Russia strategic security consultations resumed.\n"
               "WANG YI AND LAVROV: talks in BEIJING. xi jinping (lowercase) and moscow-based analysts.")
    return out


@pytest.fixture(scope="module")
def kb():
    return kb_mod.load()


def test_ascii_text_finds_with_the_ascii_automaton_what_the_whole_one_finds(kb, monkeypatch):
    plain = [t for t in texts() if t.isascii()]
    assert len(plain) > 10
    fast = [gazetteer.annotate(t, kb) for t in plain]
    monkeypatch.setattr(kb, "ascii_automaton", kb.automaton)
    slow = [gazetteer.annotate(t, kb) for t in plain]
    assert fast == slow
    assert sum(len(x) for x in fast) > 100


@pytest.mark.parametrize("code", [c for c in available() if load(c).spaced])
def test_the_mechanism_gates_pass_every_sentence_with_a_names_first_and_last_word(kb, code):
    pack = load(code)
    table, _ = mechanisms._patterns(kb, pack)
    firsts, lasts = {k[0] for k in table}, {k[-1] for k in table}
    first, last = WordGate(frozenset(firsts), pack.normalize), WordGate(frozenset(lasts), pack.normalize)
    seen = 0
    for text in texts():
        for s, e in sentences(text):
            words = {t.lower for t in tokens(text, s, e)}
            for gate, targets in ((first, firsts), (last, lasts)):
                expected = any(pack.normalize(w) in targets for w in words)
                assert gate.any_in(words) == expected
                assert gate.any_in(words) == expected     # and again, from what it remembers
                seen += expected
    assert seen > 0


@pytest.mark.parametrize("code", [c for c in available() if load(c).spaced])
def test_the_round_gate_passes_every_sentence_with_an_ordinal_or_a_round_word(code):
    pack = load(code)
    gate = rounds._gate(pack)
    words, _, nouns, with_mech = rounds._compiled(pack)[:4]
    targets = set(words) | nouns | with_mech
    hits = 0
    for text in texts() + ["the twenty-first round", "la 19e ronde", "die 18. Runde der Konsultationen", "седьмой раунд"]:
        for s, e in sentences(text):
            toks = tokens(text, s, e)
            lowers = {t.lower for t in toks} | {pack.normalize(t.text) for t in toks}
            assert gate.any_in({t.lower for t in toks}) == (not lowers.isdisjoint(targets))
            hits += not lowers.isdisjoint(targets)
    assert hits > 0


def test_a_gates_memory_is_bounded():
    gate = WordGate(frozenset({"consultation"}), load("en").normalize, limit=50_000)
    for i in range(0, 60_000, 1000):
        assert not gate.any_in({f"w{j}" for j in range(i, i + 1000)})
    assert len(gate.no) <= 51_000
    assert gate.any_in({"consultations", "w5"})


def dated_lines():
    lines = [line.strip() for t in texts() for line in t.split("\n") if re.search(r"\d", line) and len(line.strip()) < 300]
    return lines + ["Updated: Aug 16, 2018 | 15:20", "2022-01-20 20:47", "17.03.2023, 16:48 (Moscow time)",
                    "Monday, 3rd of March 2025", "le 1er février 2024", "am 19. September 2023", "_2021-05-03 x2021-05-04",
                    "12 января 2024 года", "15 de junio de 2021"]


@pytest.mark.parametrize("code", [c for c in available() if not load(c).hook("find_dates")])   # not those finding their own
def test_dates_tried_only_at_numbers_and_month_names_are_all_the_dates(code):
    pack = load(code)
    lines = dated_lines()
    found = 0
    for line in lines:
        starts = _date_starts(line, pack)
        if not _one_word_months(pack):
            assert starts is None
            continue
        assert find_absolute(line, pack, starts) == find_absolute(line, pack)
        found += bool(find_absolute(line, pack))
    assert found > 0 or not _one_word_months(pack)


def test_lowered_texts_are_never_mixed_up():
    made = [f"Talks In MOSCOW number {i}" for i in range(50)]
    for t in made + made[::-1]:
        assert rx.lowered(t) == t.lower()
    for i in range(200):      # new objects, often at a reused address
        t = "ABC " + str(i)
        assert rx.lowered(t) == t.lower()
    assert rx.lowered("İSTANBUL") is None        # lowercase is longer: positions would shift


def test_the_quote_patterns_run_folded_and_find_what_the_case_insensitive_engine_finds():
    from parley.annotate import quotes
    edge = ["Wang Yi said, in his turn, that the talks were useful.", "Lavrov, the minister, ıs said that it went well.",
            "“We agreed,” Wang said.", "L’ambassadeur a déclaré ſ que les entretiens étaient utiles.", "ᲀ ᲇ Lavrov said the talks went well."]
    for code in available():
        pack = load(code)
        for fast in quotes._rx(pack):
            assert isinstance(fast, rx.Folded)
            slow = re.compile(fast.pattern, fast.flags)
            for text in texts() + edge:
                for s, e in sentences(text)[:60]:
                    for pos in range(s, e, 7):
                        a, b = fast.match(text, pos, e), slow.match(text, pos, e)
                        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
                    a, b = fast.search(text, s, e), slow.search(text, s, e)
                    assert (a and a.span()) == (b and b.span())


def test_a_documents_lowercased_text_stays_cached_while_its_sentences_come_and_go():
    doc = " ".join(f"Wang Yi Met Lavrov In Moscow, Round {i}." for i in range(400))
    first = rx.lowered(doc)
    for i in range(100):       # what the annotators do: the document, then a piece of it, again and again
        rx.lowered(doc[i * 30:i * 30 + 200] + " ")
        assert rx.lowered(doc) is first     # not lowercased again: a long text would cost its length each time


def test_spans_take_what_a_look_at_every_span_would_take():
    import random
    from parley.spans import Spans
    rng = random.Random(5)
    for _ in range(200):
        spans, taken = Spans(), []
        for _ in range(60):
            s = rng.randrange(0, 300)
            e = s + rng.randrange(1, 25)
            free = not any(s < te and ts < e for ts, te in taken)
            assert spans.overlaps(s, e) == (not free)
            assert spans.add(s, e) == free
            if free:
                taken.append((s, e))
        assert list(zip(spans.starts, spans.ends)) == sorted(taken)


def test_one_search_for_any_thread_header_answers_as_the_searches_one_by_one():
    from parley.clean import Cleaner
    threads = Cleaner([load(c) for c in available()]).thread_re
    assert threads.any is not None and len(threads.patterns) > 1
    lines = [line for t in texts() for line in t.split("\n")] + [
        "Started by Nightwatch, Oct 21, 2011", "Thema gestartet von Kalle, 3. März 2020", "sujet lancé par Marc, 2 mai 2019",
        "Posted by admin", "started by nobody"]
    hits = 0
    for line in lines:
        assert threads.present(line) == (threads.search(line) is not None)
        hits += threads.present(line)
    assert hits >= 3


def test_function_words_pick_what_a_counter_picks():
    from collections import Counter
    from parley.langid import FunctionWords, WORD
    words = {c: load(c)["clauses"].get("function_words") or [] for c in ("en", "de", "fr", "es")}
    fw = FunctionWords(words)

    def by_counter(text):
        counts = Counter()
        for w in WORD.findall(text[:1000].lower()):
            counts.update(fw.index.get(w, ()))
        (best, n), (_, other) = (counts.most_common(2) + [("", 0), ("", 0)])[:2]
        return best if n >= fw.least and n >= fw.margin * other else None
    paragraphs = [p for t in texts() for p in t.split("\n") if len(p) > 40]
    paragraphs += ["de la de la en el y los les", "the of and und der die le la el los"]   # ties
    assert sum(fw.decide(p) is not None for p in paragraphs) > 20
    for p in paragraphs:
        assert fw.decide(p) == by_counter(p)


def test_chrome_patterns_one_by_one_match_the_lines_their_alternation_matches():
    from parley.clean import Cleaner
    packs = [load(c) for c in available()]
    sources = [p for pack in packs for p in pack["boilerplate"].get("patterns") or []]
    alternation = re.compile("|".join(f"(?:{p})" for p in dict.fromkeys(sources)), re.IGNORECASE)
    chrome = Cleaner(packs).chrome
    edge = ["Photo: Xinhua / Li Tao", "© 2024 Xinhua. All rights reserved.", "press@mid.ru", "京ICP备05070218号",
            "Foto: dpa", "Tous droits réservés.", "12 / 340 / 5", "www.fmprc.gov.cn/", "Регистрация: 12.03.2011",
            "首页 > 新闻 > 外交", "İSTANBUL | news | world", "ICP LICENSE 12", "Wang Yi met Lavrov."]
    lines = [s for t in texts() for s in (l.strip() for l in t.split("\n")) if s] + edge
    hits = 0
    for line in lines:
        assert chrome.matches(line) == bool(alternation.match(line)), line
        hits += chrome.matches(line)
    assert hits >= 10
