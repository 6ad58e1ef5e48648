"""The French pack through the whole pipeline: a meeting told in French (a sentence written for
this test) gives the same event as in any other language."""
from meeting import assert_the_tuesday_meeting


def test_a_meeting_is_read_in_fr(analyze):
    assert_the_tuesday_meeting(analyze, "Wang Yi s'est entretenu mardi à Moscou avec Sergueï Lavrov.", "fr")
