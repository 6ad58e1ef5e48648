"""Dating: the date a frame takes from its times, and the day relative expressions count from.

Sentences written for these tests, not taken from the examples or the seeds."""

from stage_helpers import events, events_of


# "The next day" counts from the last day the text named, not from the article's date.
NEXT_DAY = [
    "Nikolai Patrushev flew into Beijing on Tuesday. The following day he held talks with Wang Yi.",
    "Nikolai Patrushev ist am Dienstag nach Peking geflogen. Am nächsten Tag führte er Gespräche mit Wang Yi.",
    "Nikolai Patrushev s'est envolé mardi pour Pékin. Le lendemain, il a eu des entretiens avec Wang Yi.",
    "Nikolai Patrushev voló el martes a Pekín. Al día siguiente mantuvo conversaciones con Wang Yi.",
    "Николай Патрушев во вторник вылетел в Пекин. На следующий день он провел переговоры с Ван И.",
    "帕特鲁舍夫周二飞赴北京。第二天，他同王毅举行会谈。",
]


def test_the_next_day_counts_from_the_day_told_before(analyze):
    for text in NEXT_DAY:
        evs = events_of(analyze, text, "wang-yi")
        assert len(evs) == 1, text
        assert evs[0].date == {"start": "2023-04-12", "end": "2023-04-12"}, text   # Tuesday was the 11th
        assert "timex:days-after-the-day-told" in {e.rule for e in evs[0].evidence if e.field == "date"}, text


def test_the_next_day_without_a_day_told_before_stays_undated(analyze):
    (ev,) = events(analyze, "The following day Nikolai Patrushev held talks with Wang Yi.")
    assert ev.date is None


def test_the_day_after_a_named_event_does_not_count_from_the_day_told(analyze):
    for text in ("On Monday Putin spoke to reporters. The next day after the inauguration of Donald Trump, Xi Jinping held a video call with Vladimir Putin.",
                 "В понедельник Путин выступил перед журналистами. На следующий день после инаугурации Дональда Трампа Си Цзиньпин провел видеоконференцию с Владимиром Путиным.",
                 "周一普京会见记者。特朗普就职第二天，习近平同普京举行视频会晤。"):
        evs = events_of(analyze, text, "xi-jinping")
        assert evs and all(e.date != {"start": "2023-04-11", "end": "2023-04-11"} for e in evs), text


def test_a_month_without_a_year_takes_the_year_told_just_before(analyze):
    text = ("The first session of the dialogue was held in Geneva on July 28, 2021. At the second session, at the end "
            "of September, Wendy Sherman and Sergei Ryabkov agreed to set up working groups.")
    evs = {e.round or 0: e for e in events(analyze, text, "2023-02-21")}
    second = next(e for e in events(analyze, text, "2023-02-21") if e.date and e.date["start"].endswith("-09"))
    assert second.date == {"start": "2021-09", "end": "2021-09"}
    assert "timex:year-of-the-date-told-before" in {v.rule for v in second.evidence if v.field == "date"}


def test_a_count_of_days_later_counts_from_the_day_told(analyze):
    for text in ("Sherman and Ryabkov met in Geneva on January 10, 2022. Blinken and Lavrov met eleven days later.",
                 "Sherman et Riabkov se sont rencontrés à Genève le 10 janvier 2022. Blinken et Lavrov se sont vus onze jours plus tard.",
                 "Шерман и Рябков встретились в Женеве 10 января 2022 года. Одиннадцать дней спустя Блинкен встретился с Лавровым.",
                 "2022年1月10日，舍曼同里亚布科夫在日内瓦会晤。十一天后，布林肯同拉夫罗夫会晤。"):
        evs = events_of(analyze, text, "sergei-lavrov", "2022-02-01")
        assert [e.date for e in evs] == [{"start": "2022-01-21", "end": "2022-01-21"}], text
