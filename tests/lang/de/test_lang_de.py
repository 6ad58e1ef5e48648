"""The German pack through the whole pipeline: a meeting told in German (a sentence written for
this test) gives the same event as in any other language."""


def test_a_meeting_is_read_in_de(analyze):
    res = analyze('Wang Yi führte am Dienstag in Moskau Gespräche mit Sergej Lawrow.', "2023-04-14")
    assert res.document.language == "de"
    (ev,) = res.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2023-04-11", "end": "2023-04-11"}       # the Tuesday before the Friday it was published
    assert ev.location == {"city": "Moscow", "country": "RU"}
    assert (ev.status, ev.modality) == ("occurred", "in_person")
    assert {"participants", "date", "location"} <= {e.field for e in ev.evidence}
