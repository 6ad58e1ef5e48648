"""A numbered round is one meeting, but only where its reports can be one meeting: written here,
articles that misread a round (a report ten years later calling another meeting by the number)
and an undated background report naming another round in the same city."""
from conftest import ingest_and_export
import json

M = "cn-ru-strategic-security-consultation"

ROUND_NINE = ("Ninth round\n\nThe ninth round of China-Russia strategic security consultations took place in Moscow "
              "on 15 August 2013, co-chaired by Nikolai Patrushev and Yang Jiechi.")
TEN_YEARS_ON = ("Talks this week\n\nNikolai Patrushev and Wang Yi met in Moscow on 19 September 2023 for the ninth round "
                "of China-Russia strategic security consultations, the Russian side said.")
EIGHTEENTH = ("Eighteenth round\n\nThe 18th round of China-Russia strategic security consultations was held in Moscow "
              "on 19 September 2023, co-chaired by Nikolai Patrushev and Wang Yi.")
FOURTEENTH = ("Fourteenth round\n\nNikolai Patrushev and Yang Jiechi held the 14th round of China-Russia strategic "
              "security consultations in Moscow on 14 August 2018.")
AN_UNDATED_ELEVENTH = ("Background\n\nYang Jiechi and Nikolai Patrushev held the 11th round of China-Russia strategic "
                       "security consultations in Moscow, the ministry recalled.")
AN_UNNUMBERED_VISIT = ("Visit\n\nNikolai Patrushev received Yang Jiechi in Moscow on 14 August 2018 for China-Russia "
                       "strategic security consultations.")


def events(tmp_path, texts):
    d = tmp_path / "in"
    d.mkdir()
    for i, t in enumerate(texts):
        (d / f"{i}.txt").write_text(t, encoding="utf-8")
    out = ingest_and_export([d], tmp_path)
    return [e for e in map(json.loads, (out / "events.jsonl").read_text().splitlines()) if e["mechanism"] == M]


def test_reports_of_one_round_years_apart_are_not_joined_through_it(tmp_path):
    evs = events(tmp_path, [ROUND_NINE, TEN_YEARS_ON, EIGHTEENTH])
    by_year = {e["date"]["start"][:4]: e for e in evs}
    assert set(by_year) == {"2013", "2023"}
    assert by_year["2013"]["round"] == 9 and len(by_year["2013"]["sources"]) == 1
    assert len(by_year["2023"]["sources"]) == 2          # the misnumbered report is the 18th round's


def test_an_undated_report_of_another_round_does_not_join_a_meeting_in_its_city(tmp_path):
    evs = events(tmp_path, [FOURTEENTH, AN_UNNUMBERED_VISIT, AN_UNDATED_ELEVENTH])
    rounds = sorted(e["round"] for e in evs)
    assert rounds == [11, 14]
    fourteenth = next(e for e in evs if e["round"] == 14)
    assert len(fourteenth["sources"]) == 2
