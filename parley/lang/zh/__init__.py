"""Chinese language pack. Chinese has no spaces and its own numerals, so besides the YAML files
this module finds dates (2022年9月19日, 9月18日至19日, 今年5月, 周日, 上周二), round numbers (第十七轮,
首轮, 第七次会议 after a mechanism's name) and people introduced by their titles (外交部发言人毛宁,
俄罗斯外交部司长克留科夫) with its own patterns; the rest of the pipeline uses them through the same
mentions as every other language. A day right before a reporting verb (发言人15日宣布) dates the words,
not a meeting, and is left out."""
from __future__ import annotations

import functools
import re

from ...dates import DateMatch, find_numeric, valid
from ...model import Mention

CODE = "zh"
SPACED = False

# The word tables live in the pack's YAML (numbers.yaml, dates.yaml, titles.yaml); setup() reads
# them when the pack is loaded and builds the patterns below from them.
DIGITS: dict[str, int] = {}       # 一 -> 1 ... (numbers.yaml digits)
UNITS: dict[str, int] = {}        # 十 -> 10 ... (numbers.yaml units)
WEEKDAY: dict[str, int] = {}      # 一 -> 0 (Monday) ... 日 -> 6 (dates.yaml weekday_numbers)
REL_YEAR: dict[str, int] = {}     # 今年 -> 0, 去年 -> -1 ... (dates.yaml year_of_month)
REL: dict[str, tuple[str, int]] = {}   # 昨天 -> (days, -1) ... (dates.yaml relative)
THAT_YEAR: frozenset[str] = frozenset()
NOT_NAMES: frozenset[str] = frozenset()
TIME_PATTERNS: list[tuple[str, re.Pattern[str]]] = []
ROUND = DAYS_LATER = re.compile(r"(?!x)x")
FOREIGN = ""


def cn_number(s: str) -> int | None:
    """Chinese or Arabic numerals to an int: 十七 -> 17, 二十 -> 20, 一百零五 -> 105, 17 -> 17."""
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in UNITS:
            total += (current or 1) * UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def normalize(word: str) -> str:
    return word


FULL = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)")


def find_dates(text: str) -> list[DateMatch]:
    """Absolute dates: 2022年9月19日, 2022年9月, and the numeric forms every language shares."""
    out = [DateMatch(m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)), "zh-ymd")
           for m in FULL.finditer(text) if valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))]
    out += [DateMatch(m.start(), m.end(), int(m.group(1)), int(m.group(2)), None, "zh-ym") for m in MONTH.finditer(text)
            if 1 <= int(m.group(2)) <= 12]
    taken = [(d.start, d.end) for d in out]
    out += [d for d in find_numeric(text) if not any(d.start < e and s < d.end for s, e in taken)]
    return sorted(out, key=lambda d: d.start)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _time_patterns(year_words: str, weekday: str, relative: str) -> list[tuple[str, re.Pattern[str]]]:
    return [
        # 今年5月, 去年9月, 明年3月上旬: a month of the year counted from the article's date (a day after it
        # keeps the month: the year shift resolves to a month)
        ("rel_year_month", re.compile(rf"({year_words})\s*(\d{{1,2}})\s*月(?:份|间|中旬|上旬|下旬|初|底|末)?(?:\s*\d{{1,2}}\s*[日号](?:\s*(?:至|到|-|—|–)\s*\d{{1,2}}\s*[日号])?)?")),
        ("abs_range_y", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:至|到|-|—|–)\s*(\d{1,2})\s*日")),
        ("abs_range", re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:至|到|-|—|–)\s*(\d{1,2})\s*日")),
        ("abs_ymd", FULL),
        ("abs_md", re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")),
        ("abs_ym", MONTH),
        ("abs_y", re.compile(r"(?<!\d)(\d{4})\s*年(?!\s*\d{1,2}\s*月)")),
        ("month_only", re.compile(r"(?<![\d年])(\d{1,2})\s*月(?!\s*\d)(?:份|间|中旬|上旬|下旬|初|底)?")),
        ("wd_range", re.compile(rf"(?:周|星期|礼拜)([{weekday}])\s*(?:至|到|-|—)\s*(?:周|星期|礼拜)([{weekday}])")),
        ("wd", re.compile(rf"(上|下|本|这)?(?:周|星期|礼拜)([{weekday}])")),
        ("day", re.compile(r"(?<![\d月年])(\d{1,2})\s*日(?!\s*电)")),
        ("rel", re.compile(rf"({relative})")),
    ]


# a wire's dateline: "新华社北京9月19日电", "中新网9月18日电", "本报莫斯科2023年9月20日电" (日电: the day it was filed)
DATELINE = re.compile(r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*电(?!话|视|脑)")


DAY_RULES = ("abs_ymd", "abs_md", "day")


_DATA: dict[str, dict] = {}     # the pack's YAML, given by setup()


def setup(pack) -> None:
    """The loader hands the pack over once: this module reads its own YAML through it, and builds
    its tables and patterns from it."""
    global REL, THAT_YEAR, NOT_NAMES, TIME_PATTERNS, ROUND, DAYS_LATER, FOREIGN
    _DATA.update(pack.data)
    numbers, dates, titles = pack["numbers"], pack["dates"], pack["titles"]
    DIGITS.update({str(k): int(v) for k, v in numbers["digits"].items()})
    UNITS.update({str(k): int(v) for k, v in numbers["units"].items()})
    WEEKDAY.update({str(k): int(v) for k, v in dates["weekday_numbers"].items()})
    REL_YEAR.update({str(k): int(v) for k, v in dates["year_of_month"].items()})
    REL = {str(k): (str(v[0]), int(v[1])) for k, v in dates["relative"].items()}
    THAT_YEAR = frozenset(map(str, dates["that_year"]))
    NOT_NAMES = frozenset(map(str, titles["not_names"]))
    TIME_PATTERNS = _time_patterns(_alternation(REL_YEAR), "".join(map(re.escape, WEEKDAY)), _alternation(list(REL) + list(THAT_YEAR)))
    num = "[0-9" + "".join(map(re.escape, list(DIGITS) + list(UNITS))) + "]+"
    ROUND = re.compile(rf"第({num})(轮|次|届)|(首)(轮|次|届)")
    counts = "".join(re.escape(c) for c, v in list(DIGITS.items()) + list(UNITS.items()) if 0 < v <= 10)
    DAYS_LATER = re.compile(rf"(\d{{1,2}}|[{counts}]{{1,3}})天(?:后|之后)")
    translit = re.escape(str(titles["foreign_name_characters"]))
    FOREIGN = rf"(?:[{translit}]{{1,8}}·)+[{translit}]{{1,8}}|[{translit}]{{4,6}}?"


@functools.lru_cache(maxsize=1)
def _told() -> tuple[dict[str, int], re.Pattern[str] | None]:
    """"次日", "第二天": days counted from the last day the text named (dates.yaml)."""
    told = {str(k): int(v) for k, v in (_DATA["dates"].get("days_after_told") or {}).items()}
    return told, re.compile("|".join(map(re.escape, sorted(told, key=len, reverse=True)))) if told else None


@functools.lru_cache(maxsize=1)
def _speech_after() -> re.Pattern[str]:
    """A reporting verb right after a day (发言人15日宣布, 王毅18日表示): the day dates the words, not
    the meeting they tell of. The verbs are the pack's own (quotes.yaml)."""
    words = _DATA["quotes"]["introduce"]
    return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")


def find_times(text: str, start: int, end: int) -> list[Mention]:
    """Time expressions in text[start:end] as mentions whose value is a spec for timex.resolve."""
    out: list[Mention] = []
    taken = [(m.start(), m.end()) for m in DATELINE.finditer(text, start, end)]   # "新华社北京9月19日电" dates the wire
    speech = _speech_after()

    def add(s, e, spec, rule):
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        if rule in DAY_RULES and speech.match(text, e, end):
            return
        out.append(Mention("time", s, e, text[s:e], spec, f"timex:zh-{rule}"))

    for name, rx in TIME_PATTERNS:
        for m in rx.finditer(text, start, end):
            g = m.groups()
            if name == "rel_year_month" and 1 <= int(g[1]) <= 12:
                add(m.start(), m.end(), {"type": "abs", "y": None, "m": int(g[1]), "d": None, "year_shift": REL_YEAR[g[0]]}, name)
            elif name == "abs_range_y":
                add(m.start(), m.end(), {"type": "abs_range", "y": int(g[0]), "m": int(g[1]), "d1": int(g[2]), "d2": int(g[3])}, name)
            elif name == "abs_range":
                add(m.start(), m.end(), {"type": "abs_range", "y": None, "m": int(g[0]), "d1": int(g[1]), "d2": int(g[2])}, name)
            elif name == "abs_ymd":
                add(m.start(), m.end(), {"type": "abs", "y": int(g[0]), "m": int(g[1]), "d": int(g[2])}, name)
            elif name == "abs_md" and 1 <= int(g[0]) <= 12:
                add(m.start(), m.end(), {"type": "abs", "y": None, "m": int(g[0]), "d": int(g[1])}, name)
            elif name == "abs_ym" and 1 <= int(g[1]) <= 12:
                add(m.start(), m.end(), {"type": "abs", "y": int(g[0]), "m": int(g[1]), "d": None}, name)
            elif name == "abs_y":
                add(m.start(), m.end(), {"type": "abs", "y": int(g[0]), "m": None, "d": None}, name)
            elif name == "month_only" and 1 <= int(g[0]) <= 12:
                add(m.start(), m.end(), {"type": "abs", "y": None, "m": int(g[0]), "d": None}, name)
            elif name == "wd_range":
                add(m.start(), m.end(), {"type": "wd_range", "wd": WEEKDAY[g[0]], "wd2": WEEKDAY[g[1]]}, name)
            elif name == "wd":
                shift = {"上": -1, "下": 1}.get(g[0] or "", 0)
                add(m.start(), m.end(), {"type": "wd", "wd": WEEKDAY[g[1]], "shift": shift}, name)
            elif name == "day" and 1 <= int(g[0]) <= 31:
                add(m.start(), m.end(), {"type": "day_of_month", "d": int(g[0])}, name)
            elif name == "rel":
                word = g[0]
                if word in THAT_YEAR:
                    add(m.start(), m.end(), {"type": "that_year"}, name)
                else:
                    unit, n = REL[word]
                    add(m.start(), m.end(), {"type": "rel", "unit": unit, "n": n}, name)
    for m in DAYS_LATER.finditer(text, start, end):
        n = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1))
        if n and n < 60 and (m.start() == start or text[m.start() - 1] in CLAUSE_OPENERS):
            add(m.start(), m.end(), {"type": "after_told", "n": n}, "days-later")   # "三天后" (not "访问结束三天后")
    told, told_rx = _told()
    if told_rx is not None:
        for m in told_rx.finditer(text, start, end):
            if m.group().startswith(("第", "前")) and m.start() > start and text[m.start() - 1] not in CLAUSE_OPENERS:
                continue    # "特朗普就职第二天", "访问前一天": counted from that event, not from the day told
            add(m.start(), m.end(), {"type": "after_told", "n": told[m.group()]}, "days-after-told")
    return sorted(out, key=lambda m: m.start)


CLAUSE_OPENERS = "，。；：、 \n"     # what may stand before a day count that counts from the day told
# 第N次/届 is a round when a mechanism's kind of meeting follows (第七次战略对话, 第二十八次定期会晤), or
# a meeting follows the name of a mechanism (执法安全合作机制第七次会议, 委员会第二十次会议); not a
# body's session (元首理事会第二十四次会议, a summit) nor a count of meetings (两国元首今年第三次会晤).
# (the noun in the same phrase: no verb between, so 首次访华并举行战略磋商 is a first visit, not a round)
MECHANISM_AFTER = re.compile(r"(?:(?!访|举行|出席|参加|会见|同|与)[^，。；、：]){0,12}?(?:磋商|对话|协商|定期会晤)")
MEETING_AFTER = re.compile(r"[^，。；、：]{0,4}?(?:会议|会晤|会谈)")
MECHANISM_BEFORE = re.compile(r"(?:机制|委员会|磋商|对话|会晤)\s*$")
UNNUMBERED = re.compile(r"新一轮|上一轮|下一轮|新一次|最新一轮")


def find_rounds(text: str, start: int, end: int) -> list[Mention]:
    out = []
    for m in ROUND.finditer(text, start, end):
        n = 1 if m.group(3) else cn_number(m.group(1))
        noun = m.group(4) or m.group(2)
        ok = noun == "轮" or MECHANISM_AFTER.match(text, m.end(), end) or (
            MEETING_AFTER.match(text, m.end(), end) and MECHANISM_BEFORE.search(text[max(start, m.start() - 6):m.start()]))
        if n and 0 < n < 200 and ok:
            out.append(Mention("round", m.start(), m.end(), m.group(), n, "rounds:zh-ordinal"))
    for m in UNNUMBERED.finditer(text, start, end):
        if any(r.start <= m.start() < r.end or m.start() <= r.start < m.end() for r in out):
            continue
        out.append(Mention("round", m.start(), m.end(), m.group(), None, "rounds:unnumbered", {"phrase": m.group()}))
    return out


@functools.lru_cache(maxsize=1)
def _head_rx() -> str:
    """Title heads (titles.yaml): a name follows them (外交部发言人毛宁, 美国国务卿布林肯)."""
    heads = {str(h) for h in _DATA["titles"]["heads"]}
    return "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))


# Characters Chinese uses to spell foreign names (拉夫罗夫, 克留科夫, 古特雷斯, 谢尔盖·绍伊古). A Chinese
# name has two or three characters; a run of four to six of these after a title is a foreign name.
NAME_END = r"(?=表示|说|指出|强调|称|介绍|宣布|认为|在|于|同|与|和|会见|举行|出席|主持|访|，|。|、|：|率|一行|等|\d|今天|昨天|当天|日前|近日)"
# the words before a title that are no part of it: a verb, a place preposition (王毅在北京会见俄罗斯副外长鲁登科)
TITLE_CUT = r"[，。、；：,（）()“”]|应|同|与|和|由|据|会见|会晤|会谈|接见|举行|主持|出席|参加|访问|在|于|表示|指出|说"


@functools.lru_cache(maxsize=1)
def _people_rx() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    heads = _head_rx()
    after = re.compile(rf"(?:{heads})({FOREIGN}|[\u4e00-\u9fff]{{2,3}}?){NAME_END}")
    before = re.compile(rf"([\u4e00-\u9fff·]{{0,24}}(?:{heads}))$")
    return after, before, re.compile(heads)


def find_people(text: str, start: int, end: int, known: list[Mention], entities: list[Mention]) -> list[Mention]:
    """People: the knowledge base's names, and a name after a title (外交部发言人毛宁), each with
    the title the text gives. A discovered name keeps its characters and gets a pinyin spelling."""
    out = []
    for m in known:
        out.append(Mention("person", m.start, m.end, m.text, m.value, m.rule, {**m.extra, **_title(text, start, m.start), "discovered": False}))
    taken = [(m.start, m.end) for m in known] + [(m.start, m.end) for m in entities]
    heads_in = _people_rx()[2]    # a name holds no title word ("大使馆参赞": 馆参赞 is no name)
    for m in _people_rx()[0].finditer(text, start, end):
        s, e = m.span(1)
        name = m.group(1)
        if name in NOT_NAMES or heads_in.search(name) or any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append(Mention("person", s, e, name, None, "people:discovered:zh-title-before",
                           {**_title(text, start, s), "discovered": True, "romanized": romanize(name)}))
    return sorted(out, key=lambda m: m.start)


def _title(text: str, sent_start: int, name_start: int) -> dict:
    before = text[max(sent_start, name_start - 30):name_start]
    before = re.split(TITLE_CUT, before)[-1]
    m = _people_rx()[1].search(before)
    if not m or not m.group(1):
        return {"title": None, "title_span": None}
    ts = name_start - len(m.group(1))
    return {"title": m.group(1), "title_span": (ts, name_start)}


def romanize(name: str) -> str:
    """Pinyin for a discovered Chinese name, surname first: 毛宁 -> Mao Ning; a foreign name spelled
    in characters keeps its parts: 克留科夫 -> Keliukefu, 谢尔盖·绍伊古 -> Xieergai Shaoyigu."""
    from pypinyin import lazy_pinyin
    if "·" in name or len(name) >= 4:
        return " ".join("".join(lazy_pinyin(part)).title() for part in name.split("·") if part)
    syl = lazy_pinyin(name)
    if len(syl) < 2:
        return "".join(syl).title()
    return f"{syl[0].title()} {''.join(syl[1:]).title()}"
