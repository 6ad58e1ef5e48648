"""Quotes and their speakers.

Sentences written for these tests, not taken from the examples or the seeds."""


def test_quotes_in_several_forms(analyze):
    text = ("Officials met in Astana on Monday.\n"
            "Wang Yi said, the two sides agreed to deepen cooperation on border security.\n"
            "\"We share a common view of the threats,\" said Sergei Lavrov.\n"
            "Ivan Petrovsky, a researcher at the institute, told the Tribune that the meeting was useful.")
    res = analyze(text, "2022-06-10")
    speakers = {q.speaker_name for q in res.quotes}
    assert {"Wang Yi", "Sergei Lavrov", "Ivan Petrovsky"} <= speakers
    assert all(res.document.text[q.start:q.end].strip() for q in res.quotes)


def test_small_words_may_stand_between_speaker_and_verb_but_a_name_may_not(analyze):
    res = analyze("Sergei Lavrov met Wang Yi in Minsk on Tuesday.\n"
                  "Sergei Lavrov in turn noted that Moscow valued the talks and wanted to hold more of them.\n"
                  "Wang Yi, the foreign minister, also stressed that both sides opposed unilateral sanctions.", "2024-03-08")
    assert {q.speaker_name: res.document.text[q.start:q.end][:20] for q in res.quotes} == {
        "Sergei Lavrov": "Moscow valued the ta", "Wang Yi": "both sides opposed u"}
    # the capitalized words before the verb are another speaker: the sentence is not Wang Yi's
    res = analyze("Nikolai Patrushev will go to Beijing next week to hold consultations with Wang Yi, "
                  "Foreign Ministry spokesperson Lin Jian announced on Friday.", "2024-03-08")
    assert "Wang Yi" not in {q.speaker_name for q in res.quotes}
    (ev,) = res.events
    assert {p.id for p in ev.participants} == {"nikolai-patrushev", "wang-yi"}
