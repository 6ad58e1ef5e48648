"""The English pack through the whole pipeline: a meeting told in English (a sentence written for
this test) gives the same event as in any other language."""
from meeting import assert_the_tuesday_meeting


def test_a_meeting_is_read_in_en(analyze):
    assert_the_tuesday_meeting(analyze, 'Wang Yi held talks with Sergei Lavrov in Moscow on Tuesday.', "en")
