"""Property-based tests: the cleaner, the date resolver and the round parser never raise on any
text, and every offset they return is valid."""
import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from parley.annotate import rounds, timex
from parley.clean import Cleaner
from parley.lang import available, load

PACKS = [load(c) for c in available()]
CLEANER = Cleaner(PACKS)
WORDS = st.sampled_from(["the", "17th", "round", "on", "Tuesday", "from", "Sunday", "to", "Monday", "2022-09-19", "May", "2021",
                         "early", "January", "Share", "Print", "©", "photo", "\n", "第十七轮", "2022年9月19日", "周日", "раунд",
                         "17-й", "во", "вторник", "19", "сентября", "18.", "Runde", "18e", "cycle", "ª", "—", ":", "  ", "1."])
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_cleaner_never_raises_and_keeps_offsets_valid(text):
    c = CLEANER.clean(text)
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    for start, end, reason in c.removed:
        assert 0 <= start <= end <= len(raw) and reason
    for line in c.text.split("\n"):
        assert line == "" or line in raw


@SETTINGS
@given(TEXT, st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)), st.booleans())
def test_time_expressions_resolve_without_error(text, anchor, future):
    for pack in PACKS:
        finder = pack.hook("find_times")
        found = finder(text, 0, len(text)) if finder else timex.find(text, 0, len(text), pack)
        for m in found:
            assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
            value, rule = timex.resolve(m.value, anchor, future, 2005)
            if value:
                assert value["start"] <= value["end"] or len(value["start"]) != len(value["end"])


@SETTINGS
@given(TEXT)
def test_round_parser_never_raises(text):
    for pack in PACKS:
        finder = pack.hook("find_rounds")
        found = finder(text, 0, len(text)) if finder else rounds.find(text, 0, len(text), pack, set(), about_mechanism=True)
        for m in found:
            assert 0 <= m.start < m.end <= len(text)
            assert m.value is None or 0 < m.value < 200
