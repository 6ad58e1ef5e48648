"""The Spanish pack through the whole pipeline: a meeting told in Spanish (a sentence written for
this test) gives the same event as in any other language."""
from meeting import assert_the_tuesday_meeting


def test_a_meeting_is_read_in_es(analyze):
    assert_the_tuesday_meeting(analyze, 'Wang Yi se reunió el martes en Moscú con Serguéi Lavrov.', "es")
