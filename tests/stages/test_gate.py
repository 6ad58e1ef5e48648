"""The gate: a meeting needs two sides. Sentences written here show each way a clause with a
meeting word tells of one person's doing (a visit to a golf course, a show attended, a webinar
hosted, a choir led) and each way it shows the other side (a second official, a counterpart, a
delegation, an office of another country, a visit abroad, a mechanism)."""
import pytest

from stage_helpers import events


def people(ev):
    return sorted(p.id if not p.discovered else p.name for p in ev.participants)


@pytest.mark.parametrize("text", [
    # one official and a place that is no other side
    "President Donald Trump visited one of his golf clubs in Virginia on Sunday, his fourth visit this month.",
    "President Emmanuel Macron attended a play at a Paris theatre with his wife on Friday evening.",
    "Joe Biden hosted a televised fundraiser on Tuesday, his campaign said.",
    # people with no office: an author and an illustrator, a conductor, a manager
    "Back in Berlin on Monday, the author Verena Sommer met the illustrator Jonas Albrecht for the first time.",
    "Professor Hanna Eriksen hosted a webinar with Dr Paul Ruiz on Wednesday about vaccines.",
    "Von 2009 bis 2015 leitete Matthias Kellner den Knabenchor der Stadt.",
    # a capitalized pair that is no person
    "Oklahoma City hosted a rally on Saturday where organisers met supporters.",
])
def test_one_sided_doings_make_no_meeting(analyze, text):
    assert events(analyze, text, "2020-06-10") == []


def test_two_officials_make_a_meeting(analyze):
    evs = events(analyze, "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi on "
                          "Tuesday.", "2021-09-30")
    assert [people(e) for e in evs] == [["recep-tayyip-erdogan", "vladimir-putin"]]


@pytest.mark.parametrize("text", [
    "Foreign Minister Wang Yi held talks with his counterpart in Jakarta on Thursday.",
    "Foreign Minister Wang Yi received a visiting Kenyan delegation on Thursday.",
    "Foreign Minister Wang Yi met Indonesian officials in Jakarta on Thursday.",
    "Foreign Minister Wang Yi visited Indonesia on Thursday.",
])
def test_one_official_and_an_unnamed_other_side_make_a_meeting(analyze, text):
    evs = events(analyze, text, "2023-07-14")
    assert [people(e) for e in evs] == [["wang-yi"]]


def test_an_office_of_the_officials_own_country_is_no_other_side(analyze):
    # the minister's own government, the president he serves: no one from another side
    assert events(analyze, "Foreign Minister Wang Yi visited a school in Beijing on Thursday, the Chinese government "
                           "said.", "2023-07-14") == []


def test_a_mechanism_is_the_two_sides(analyze):
    evs = events(analyze, "The 14th round of the China-Russia strategic security consultation was held in Moscow on "
                          "Monday.", "2019-12-03")
    assert [(e.mechanism, e.round) for e in evs] == [("cn-ru-strategic-security-consultation", 14)]


def test_a_coordinated_verb_shares_the_subject_left_out(analyze):
    # Spanish drops the subject: the second verb ("fue recibido") has the same one as the first
    text = ("El canciller chino Wang Yi llegó a Moscú el lunes. El martes se reunió con Serguéi Lavrov y fue recibido "
            "por el presidente ruso, Vladímir Putin, en el Kremlin.")
    evs = events(analyze, text, "2023-02-22")
    assert sorted(people(e) for e in evs) == [["sergei-lavrov", "wang-yi"], ["vladimir-putin", "wang-yi"]]


def test_a_surname_inside_a_longer_name_is_not_the_known_person(analyze):
    # "Singh" is the knowledge base's short name for Manmohan Singh; here it is the middle of another name,
    # as "Trump" is the first word of a building's
    text = ("A farmers' delegation led by Gurdev Singh Bhullar met Chief Minister Uddhav Thackeray in Mumbai on Sunday. "
            "Reporters waited outside Trump Tower on Monday.")
    evs = events(analyze, text, "2020-12-08")
    assert [people(e) for e in evs] == [["Uddhav Thackeray"]]
    assert not any("donald-trump" in people(e) for e in evs)


def test_a_title_or_a_weekday_beside_a_surname_leaves_it_the_person(analyze):
    evs = events(analyze, "President Trump met Erdogan on Monday in Washington.", "2019-11-15")
    assert [people(e) for e in evs] == [["donald-trump", "recep-tayyip-erdogan"]]
