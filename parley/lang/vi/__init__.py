"""Vietnamese language pack: data in the YAML files beside this module. Vietnamese does not inflect;
its ordinal comes after the noun ("vòng tham vấn lần thứ 18", "phiên họp thứ 7"), so this module
finds round numbers itself (`find_rounds`)."""
from __future__ import annotations

import re

from ...model import Mention

CODE = "vi"
SPACED = True

UNITS = {"một": 1, "mốt": 1, "nhất": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8,
         "chín": 9}
NUMBER = r"\d{1,3}|(?:hai\s+mươi|mười)(?:\s+(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín))?|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín"
ROUND = re.compile(r"\b(?P<noun>vòng|phiên|lần|kỳ|cuộc)\b[^.;!?\n]{0,80}?\bthứ\s+(?P<n>" + NUMBER + r")\b", re.IGNORECASE)
NOT_ROUND = re.compile(r"\b(?:năm|ngày|tháng|kỷ niệm|thế kỷ)\s*$", re.IGNORECASE)
UNNUMBERED = re.compile(r"\b(?:vòng|phiên)\s+(?:tham vấn|đối thoại|họp)?\s*(?:mới|tiếp theo|tới|trước)\b", re.IGNORECASE)


def vi_number(s: str) -> int | None:
    """Digits or Vietnamese number words to an int: "18" -> 18, "mười tám" -> 18, "hai mươi mốt" -> 21, "tư" -> 4."""
    s = " ".join(s.lower().split())
    if s.isdigit():
        return int(s)
    if s in UNITS:
        return 1 if s == "nhất" else UNITS[s]
    if s.startswith("mười"):
        rest = s[4:].strip()
        return 10 + (UNITS.get(rest, 0) if rest else 0)
    if s.startswith("hai mươi"):
        rest = s[8:].strip()
        return 20 + (UNITS.get(rest, 0) if rest else 0)
    return None


def normalize(word: str) -> str:
    return word.lower()


def find_rounds(text: str, start: int, end: int) -> list[Mention]:
    """Round numbers: "vòng tham vấn ... lần thứ 18", "phiên họp thứ bảy", "vòng thứ mười tám"; unnumbered
    "vòng tham vấn mới"."""
    out: list[Mention] = []
    for m in ROUND.finditer(text, start, end):
        if NOT_ROUND.search(text, m.start("noun"), m.start("n") - 4):
            continue
        n = vi_number(m.group("n"))
        if n and 0 < n < 200:
            out.append(Mention("round", m.start("n") - 4, m.end(), text[m.start("n") - 4:m.end()], n, "rounds:vi-ordinal"))
    for m in UNNUMBERED.finditer(text, start, end):
        if not any(r.start <= m.start() < r.end for r in out):
            out.append(Mention("round", m.start(), m.end(), m.group(), None, "rounds:unnumbered", {"phrase": m.group()}))
    return out


# -- time expressions -------------------------------------------------------------------------
# CLDR's Vietnamese month and weekday names are two words ("tháng 9", "thứ hai"), which the generic
# time finder, looking words up one by one, does not see; so this module reads them.
WD = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
WD_NUMBER = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "2": 0, "3": 1, "4": 2, "5": 3, "6": 4, "7": 5}
TO = r"\s*(?:-|–|đến|tới)\s*"
TIME_PATTERNS = [
    ("abs_range_y", re.compile(rf"\b(?:từ\s+)?(?:ngày\s+)?(\d{{1,2}}){TO}(?:ngày\s+)?(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})\b", re.I)),
    ("abs_range_y", re.compile(rf"\b(?:từ\s+)?(?:ngày\s+)?(\d{{1,2}}){TO}(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+(\d{{4}})\b", re.I)),
    ("abs_range", re.compile(rf"\b(?:từ\s+)?(?:ngày\s+)?(\d{{1,2}}){TO}(?:ngày\s+)?(\d{{1,2}})/(\d{{1,2}})\b(?!/\d)", re.I)),
    ("abs_range", re.compile(rf"\b(?:từ\s+)?(?:ngày\s+)?(\d{{1,2}}){TO}(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\b(?!\s+năm\s+\d)", re.I)),
    ("abs_dmy", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")),
    ("abs_dmy", re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.I)),
    ("abs_dm", re.compile(r"(?:\bngày\s+|\()(\d{1,2})/(\d{1,2})\b(?!/\d)", re.I)),
    ("abs_dm", re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\b(?!\s+năm\s+\d)", re.I)),
    ("abs_my", re.compile(r"\btháng\s+(\d{1,2})(?:/|\s+năm\s+)(\d{4})\b", re.I)),
    ("month_only", re.compile(r"\btháng\s+(\d{1,2})\b(?!\s*(?:/|năm\s+)\d)", re.I)),
    ("abs_y", re.compile(r"\bnăm\s+(\d{4})\b", re.I)),
    ("wd_range", re.compile(rf"\btừ\s+({WD}){TO}({WD})\b", re.I)),
    ("wd", re.compile(rf"\b({WD})(?:\s+(tuần\s+(?:trước|qua|tới|sau|này)))?\b", re.I)),
    ("rel", re.compile(r"\b(hôm nay|hôm qua|ngày mai|hôm kia|ngày kia|tuần trước|tuần qua|tuần này|tuần tới|tuần sau|tháng trước|"
                       r"tháng này|tháng tới|tháng sau|năm ngoái|năm trước|năm nay|năm tới|năm sau)\b", re.I)),
]
REL = {"hôm nay": ("days", 0), "hôm qua": ("days", -1), "ngày mai": ("days", 1), "hôm kia": ("days", -2), "ngày kia": ("days", 2),
       "tuần trước": ("weeks", -1), "tuần qua": ("weeks", -1), "tuần này": ("weeks", 0), "tuần tới": ("weeks", 1),
       "tuần sau": ("weeks", 1), "tháng trước": ("months", -1), "tháng này": ("months", 0), "tháng tới": ("months", 1),
       "tháng sau": ("months", 1), "năm ngoái": ("years", -1), "năm trước": ("years", -1), "năm nay": ("years", 0),
       "năm tới": ("years", 1), "năm sau": ("years", 1)}
ORDINAL_BEFORE = re.compile(r"\b(?:lần|vòng|phiên|kỳ|khóa|hạng|người|nước|ngày)\s*$", re.I)   # "lần thứ hai" is no Monday


def _weekday(word: str) -> int:
    word = " ".join(word.lower().split())
    return 6 if word.startswith("chủ") else WD_NUMBER[word.split()[1]]


def find_times(text: str, start: int, end: int) -> list[Mention]:
    """Time expressions in text[start:end] as mentions whose value is a spec for timex.resolve:
    "ngày 18/9/2023", "18-21/9", "ngày 18 tháng 9 năm 2023", "tháng 9 năm 2022", "thứ Hai tuần tới",
    "từ thứ Hai đến thứ Tư", "hôm qua"."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(s, e, spec, rule):
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        out.append(Mention("time", s, e, text[s:e], spec, f"timex:vi-{rule}"))

    for name, pattern in TIME_PATTERNS:
        for m in pattern.finditer(text, start, end):
            g = m.groups()
            if name == "abs_range_y" and 1 <= int(g[2]) <= 12:
                add(m.start(), m.end(), {"type": "abs_range", "y": int(g[3]), "m": int(g[2]), "d1": int(g[0]), "d2": int(g[1])}, name)
            elif name == "abs_range" and 1 <= int(g[2]) <= 12 and int(g[0]) < int(g[1]):
                add(m.start(), m.end(), {"type": "abs_range", "y": None, "m": int(g[2]), "d1": int(g[0]), "d2": int(g[1])}, name)
            elif name == "abs_dmy" and 1 <= int(g[1]) <= 12:
                add(m.start(), m.end(), {"type": "abs", "y": int(g[2]), "m": int(g[1]), "d": int(g[0])}, name)
            elif name == "abs_dm" and 1 <= int(g[1]) <= 12 and 1 <= int(g[0]) <= 31:
                s = m.start() + (1 if m.group().startswith("(") else 0)
                add(s, m.end(), {"type": "abs", "y": None, "m": int(g[1]), "d": int(g[0])}, name)
            elif name == "abs_my" and 1 <= int(g[0]) <= 12:
                add(m.start(), m.end(), {"type": "abs", "y": int(g[1]), "m": int(g[0]), "d": None}, name)
            elif name == "month_only" and 1 <= int(g[0]) <= 12:
                add(m.start(), m.end(), {"type": "abs", "y": None, "m": int(g[0]), "d": None}, name)
            elif name == "abs_y":
                add(m.start(), m.end(), {"type": "abs", "y": int(g[0]), "m": None, "d": None}, name)
            elif name == "wd_range":
                add(m.start(), m.end(), {"type": "wd_range", "wd": _weekday(g[0]), "wd2": _weekday(g[1])}, name)
            elif name == "wd":
                if ORDINAL_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                    continue
                shift = {"trước": -1, "qua": -1, "tới": 1, "sau": 1}.get((g[1] or "").split()[-1:][0] if g[1] else "", 0)
                add(m.start(), m.end(), {"type": "wd", "wd": _weekday(g[0]), "shift": shift}, name)
            elif name == "rel":
                unit, n = REL[" ".join(g[0].lower().split())]
                add(m.start(), m.end(), {"type": "rel", "unit": unit, "n": n}, name)
    return sorted(out, key=lambda m: m.start)
