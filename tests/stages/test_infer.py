"""Inference: a meeting's place from where a participant is said to be.

Sentences written for these tests, not taken from the examples or the seeds."""

from stage_helpers import events_of


# "X arrived in <city>": a later meeting of X that names no place took place there (inferred).
ARRIVALS = [
    "Nikolai Patrushev arrived in Beijing on Tuesday. The next day he held talks with Wang Yi.",
    "Nikolai Patrushev est arrivé à Pékin mardi. Le lendemain, il s'est entretenu avec Wang Yi.",
    "Nikolai Patrushev llegó a Pekín el martes. Al día siguiente se reunió con Wang Yi.",
    "Николай Патрушев прибыл в Пекин во вторник. На следующий день он провел переговоры с Ван И.",
    "帕特鲁舍夫周二抵达北京。次日，他与王毅举行会谈。",
]


def test_a_meeting_after_an_arrival_is_placed_in_that_city(analyze):
    for text in ARRIVALS:
        evs = events_of(analyze, text, "wang-yi")
        assert len(evs) == 1, text
        assert evs[0].location == {"city": "Beijing", "country": "CN"}, text
        assert "location" in evs[0].inferred, text
        assert "location:participant-presence" in {e.rule for e in evs[0].evidence if e.field == "location"}, text


def test_a_meeting_told_before_the_arrival_is_not_placed_there(analyze):
    text = "Nikolai Patrushev, who held talks with Wang Yi on Friday, arrived in Beijing on Sunday."
    (ev,) = events_of(analyze, text, "wang-yi")
    assert ev.location is None
