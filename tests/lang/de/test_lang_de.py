"""The German pack through the whole pipeline: a meeting told in German (a sentence written for
this test) gives the same event as in any other language."""
from meeting import assert_the_tuesday_meeting


def test_a_meeting_is_read_in_de(analyze):
    assert_the_tuesday_meeting(analyze, 'Wang Yi führte am Dienstag in Moskau Gespräche mit Sergej Lawrow.', "de")
