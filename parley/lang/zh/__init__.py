"""Chinese language pack. Chinese has no spaces and its own numerals, so besides the YAML files
this module finds dates (2022年9月19日, 9月18日至19日, 周日, 上周二), round numbers (第十七轮,
第七次会议) and people introduced by their titles (外交部发言人毛宁) with its own patterns; the
rest of the pipeline uses them through the same mentions as every other language."""
from __future__ import annotations

import re

from ...dates import DateMatch, find_absolute, valid
from ...model import Mention

CODE = "zh"
SPACED = False

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUM = r"[0-9一二三四五六七八九十百千零〇两]+"
WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


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
    from .. import load
    taken = [(d.start, d.end) for d in out]
    out += [d for d in find_absolute(text, load("en")) if d.rule in ("iso", "ymd-slash", "dmy-dots")
            and not any(d.start < e and s < d.end for s, e in taken)]
    return sorted(out, key=lambda d: d.start)


TIME_PATTERNS = [
    ("abs_range_y", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:至|到|-|—|–)\s*(\d{1,2})\s*日")),
    ("abs_range", re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:至|到|-|—|–)\s*(\d{1,2})\s*日")),
    ("abs_ymd", FULL),
    ("abs_md", re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")),
    ("abs_ym", MONTH),
    ("abs_y", re.compile(r"(?<!\d)(\d{4})\s*年(?!\s*\d{1,2}\s*月)")),
    ("month_only", re.compile(r"(?<![\d年])(\d{1,2})\s*月(?!\s*\d)(?:份|间|中旬|上旬|下旬|初|底)?")),
    ("wd_range", re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])\s*(?:至|到|-|—)\s*(?:周|星期|礼拜)([一二三四五六日天])")),
    ("wd", re.compile(r"(上|下|本|这)?(?:周|星期|礼拜)([一二三四五六日天])")),
    ("day", re.compile(r"(?<![\d月年])(\d{1,2})\s*日(?!\s*电)")),
    ("rel", re.compile(r"(昨天|昨日|今天|今日|明天|明日|前天|后天|上周|本周|下周|上个?月|本月|下个?月|去年|今年|明年|同年|当年)")),
]
REL = {"昨天": ("days", -1), "昨日": ("days", -1), "今天": ("days", 0), "今日": ("days", 0), "明天": ("days", 1),
       "明日": ("days", 1), "前天": ("days", -2), "后天": ("days", 2), "上周": ("weeks", -1), "本周": ("weeks", 0),
       "下周": ("weeks", 1), "上月": ("months", -1), "上个月": ("months", -1), "本月": ("months", 0), "下月": ("months", 1),
       "下个月": ("months", 1), "去年": ("years", -1), "今年": ("years", 0), "明年": ("years", 1)}
DATELINE = re.compile(r"(?:新华社|中新社|中新网|人民网|央视网|环球网|本报)[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电")


def find_times(text: str, start: int, end: int) -> list[Mention]:
    """Time expressions in text[start:end] as mentions whose value is a spec for timex.resolve."""
    out: list[Mention] = []
    taken = [(m.start(), m.end()) for m in DATELINE.finditer(text, start, end)]   # "新华社北京9月19日电" dates the wire

    def add(s, e, spec, rule):
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        out.append(Mention("time", s, e, text[s:e], spec, f"timex:zh-{rule}"))

    for name, rx in TIME_PATTERNS:
        for m in rx.finditer(text, start, end):
            g = m.groups()
            if name == "abs_range_y":
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
                if word in ("同年", "当年"):
                    add(m.start(), m.end(), {"type": "that_year"}, name)
                else:
                    unit, n = REL[word]
                    add(m.start(), m.end(), {"type": "rel", "unit": unit, "n": n}, name)
    return sorted(out, key=lambda m: m.start)


ROUND = re.compile(rf"第({NUM})(轮|次|届)")
MEETING_AFTER = re.compile(r"^[^，。；]{0,16}?(?:磋商|会议|会晤|会谈|对话|协商|战略|机制)")
UNNUMBERED = re.compile(r"新一轮|上一轮|下一轮|新一次")


def find_rounds(text: str, start: int, end: int) -> list[Mention]:
    out = []
    for m in ROUND.finditer(text, start, end):
        n = cn_number(m.group(1))
        if n and 0 < n < 200 and (m.group(2) == "轮" or MEETING_AFTER.match(text, m.end(), end)):
            out.append(Mention("round", m.start(), m.end(), m.group(), n, "rounds:zh-ordinal"))
    for m in UNNUMBERED.finditer(text, start, end):
        out.append(Mention("round", m.start(), m.end(), m.group(), None, "rounds:unnumbered", {"phrase": m.group()}))
    return out


HEADS = ("国务委员", "主任", "秘书长", "秘书", "部长", "副部长", "外长", "发言人", "主席", "副主席", "总统", "副总统", "总理",
         "委员", "大使", "司长", "副司长", "局长", "书记", "专家", "研究员", "学者", "教授", "特使", "特别代表", "代表", "所长", "院长")
HEAD_RX = "|".join(sorted(HEADS, key=len, reverse=True))
NAME_AFTER_TITLE = re.compile(rf"(?:{HEAD_RX})([\u4e00-\u9fff]{{2,3}}?)(?=表示|说|指出|强调|称|介绍|宣布|认为|在|于|同|与|和|会见|举行|出席|主持|访|，|。|、|：)")
TITLE_BEFORE = re.compile(rf"([\u4e00-\u9fff·]{{0,24}}(?:{HEAD_RX}))$")
NOT_NAMES = {"表示", "指出", "强调", "先生", "女士", "一行", "同志", "等人"}


def find_people(text: str, start: int, end: int, known: list[Mention], entities: list[Mention]) -> list[Mention]:
    """People: the knowledge base's names, and a name after a title (外交部发言人毛宁), each with
    the title the text gives. A discovered name keeps its characters and gets a pinyin spelling."""
    out = []
    for m in known:
        out.append(Mention("person", m.start, m.end, m.text, m.value, m.rule, {**m.extra, **_title(text, start, m.start), "discovered": False}))
    taken = [(m.start, m.end) for m in known] + [(m.start, m.end) for m in entities]
    for m in NAME_AFTER_TITLE.finditer(text, start, end):
        s, e = m.span(1)
        name = m.group(1)
        if name in NOT_NAMES or any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append(Mention("person", s, e, name, None, "people:discovered:zh-title-before",
                           {**_title(text, start, s), "discovered": True, "romanized": romanize(name)}))
    return sorted(out, key=lambda m: m.start)


def _title(text: str, sent_start: int, name_start: int) -> dict:
    before = text[max(sent_start, name_start - 30):name_start]
    before = re.split(r"[，。、；：,（）()“”]|应|同|与|和|由|据", before)[-1]
    m = TITLE_BEFORE.search(before)
    if not m or not m.group(1):
        return {"title": None, "title_span": None}
    ts = name_start - len(m.group(1))
    return {"title": m.group(1), "title_span": (ts, name_start)}


def romanize(name: str) -> str:
    """Pinyin for a discovered Chinese name, surname first: 毛宁 -> Mao Ning."""
    from pypinyin import lazy_pinyin
    syl = lazy_pinyin(name)
    if len(syl) < 2:
        return "".join(syl).title()
    return f"{syl[0].title()} {''.join(syl[1:]).title()}"
