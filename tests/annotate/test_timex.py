"""Time expressions: found as spans, resolved against an anchor without inventing precision."""
import datetime as dt

from parley.annotate import timex
from parley.lang import load

EN = load("en")
FRI = dt.date(2011, 10, 21)   # a Friday


def find_one(text):
    ms = timex.find(text, 0, len(text), EN)
    assert ms, text
    return ms[0]


def resolve(text, anchor=FRI, future=False):
    return timex.resolve(find_one(text).value, anchor, future)[0]


def test_past_weekday_is_the_last_one_on_or_before_the_anchor():
    assert resolve("they met on Thursday") == {"start": "2011-10-20", "end": "2011-10-20"}
    assert resolve("announced on Friday") == {"start": "2011-10-21", "end": "2011-10-21"}


def test_future_weekday_range_counts_forward():
    assert resolve("will meet from Sunday to Monday", future=True) == {"start": "2011-10-23", "end": "2011-10-24"}


def test_last_weekday_is_strictly_before():
    assert resolve("last Friday") == {"start": "2011-10-14", "end": "2011-10-14"}


def test_month_and_year_keep_their_precision():
    assert resolve("was held in May 2021") == {"start": "2021-05", "end": "2021-05"}
    assert resolve("talks in early January", anchor=dt.date(2022, 1, 20)) == {"start": "2022-01", "end": "2022-01"}
    assert resolve("initiated in 2005") == {"start": "2005", "end": "2005"}


def test_absolute_forms():
    assert resolve("On January 19, 2022, the sides") == {"start": "2022-01-19", "end": "2022-01-19"}
    assert resolve("on 3 March 2015") == {"start": "2015-03-03", "end": "2015-03-03"}
    assert resolve("September 18-19, 2022") == {"start": "2022-09-18", "end": "2022-09-19"}


def test_no_anchor_no_day():
    assert timex.resolve(find_one("ended on Wednesday").value, None, False)[0] is None


def test_lowercase_weekday_words_are_not_dates():
    assert not [m for m in timex.find("a sunday school", 0, 15, EN) if m.value["type"] == "wd"]
