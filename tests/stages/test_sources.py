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


def test_words_have_one_speaker_the_one_named_first(analyze):
    # a person named inside the speaker's description, and the one spoken to, do not speak
    cases = [
        ('"The sides must keep talking," Stephane Dujarric, a spokesman for UN Secretary-General Antonio Guterres, '
         'said on Tuesday.\n', "stephane-dujarric"),
        ('Stephane Dujarric, a spokesman for UN Secretary-General Antonio Guterres, said: "The sides must keep talking."\n',
         "stephane-dujarric"),
        ("沙利文对王毅强调，美方愿意同中方保持沟通。\n", "jake-sullivan"),
        ("王毅对拉夫罗夫表示，中方愿同俄方加强战略协调。\n", "wang-yi"),
    ]
    for text, speaker in cases:
        res = analyze(text, "2024-03-05")
        assert [q.speaker_id for q in res.quotes] == [speaker], text
        assert len({q.id for q in res.quotes}) == len(res.quotes)


def test_the_one_spoken_for_is_not_the_speaker(analyze):
    res = analyze('"The sides must keep talking," a spokesman for UN Secretary-General Antonio Guterres said on Tuesday.\n')
    assert res.quotes == []     # the spokesman speaks, and is not named
    res = analyze('"We see progress," said a spokesman for Foreign Minister Wang Yi after the meeting with Sergei Lavrov.\n')
    assert "sergei-lavrov" not in [q.speaker_id for q in res.quotes]     # named after the verb, not first
