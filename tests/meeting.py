"""The meeting every pack's test tells in its own language: Wang Yi and Sergei Lavrov in Moscow on
the Tuesday before the Friday the article was published (14 April 2023)."""


def assert_the_tuesday_meeting(analyze, text: str, language: str) -> None:
    res = analyze(text, "2023-04-14")
    assert res.document.language == language
    (ev,) = res.events
    assert {p.id for p in ev.participants} == {"wang-yi", "sergei-lavrov"}
    assert ev.date == {"start": "2023-04-11", "end": "2023-04-11"}
    assert ev.location == {"city": "Moscow", "country": "RU"}
    assert (ev.status, ev.modality) == ("occurred", "in_person")
    assert {"participants", "date", "location"} <= {e.field for e in ev.evidence}
