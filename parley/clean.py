"""Boilerplate removal for text pages: language menus, share bars, copyright and licence lines,
bylines, photo credits, site names, and forum chrome (post headers, ranks, join dates, counters,
replies by other members).

It works line by line on the raw text and records every removed range (in raw-text offsets) with
its reason. The clean text it returns never changes afterwards: every annotation points into it.
It never decides what a page is about; it only removes what is not the article.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .dates import find_absolute
from . import rx
from .lang import LanguagePack

# a line that is only a date (and time), with an optional weekday (the packs' date_line_weekdays)
DATE_ONLY_BODY = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}(?:,?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}(?:,?\s+\d{1,2}:\d{2})?"
    r"|\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?,?\s+[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})[\s•·|]*$"
)
SEPARATORS = re.compile(r"\s{2,}|\s*[|•·]\s*")
ANY_SEPARATOR = re.compile(r"\s\s|[|•·]")     # whether SEPARATORS can split a line at all
BREADCRUMB = re.compile(r"^(?:[^\W\d][\w'’ -]{0,30}\s+[>›»]\s+){1,6}[^\W\d][\w'’ -]{0,40}$")
POST_HEADER = re.compile(r"^\s*(\d{1,4})\.\s+(\S.{0,60}?)\s*$")
CLOCK = r"\b(?:[AaPp]\.?[Mm]\.?|GMT|UTC|CET|CEST|EET|EEST|MSK|BST|EST|EDT|CST|PST|PDT|JST|IST)(?![\w])(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"
NUMERIC_DATE = re.compile(r"\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}")
DATE_DIGITS = re.compile(r"\d{4}|\d{1,2}\s*[./月]")
LETTERS = re.compile(r"[^\W\d_]+")


WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=None)
def _one_word_months(pack: LanguagePack) -> bool:
    return all(WORD.fullmatch(m) for m in pack.months)


def _date_starts(line: str, pack: LanguagePack) -> list[int] | None:
    """Where an absolute date can begin in `line`: at a number or a month's name (None: anywhere,
    for a pack with a month name of more than one word)."""
    if not _one_word_months(pack):
        return None
    months = pack.months
    return [m.start() for m in WORD.finditer(line) if m.group()[0].isdigit() or m.group().lower() in months]


@dataclass
class Cleaned:
    text: str
    removed: list[tuple[int, int, str]] = field(default_factory=list)
    forum: bool = False
    title: str | None = None
    # raw lines that were removed but may carry the publication date, with their line index
    date_lines: list[tuple[int, str, str]] = field(default_factory=list)


class _Threads:
    """The thread-header patterns of several languages, searched in turn; whether any is there at
    all is one search of them all together."""

    def __init__(self, patterns: list[re.Pattern[str]]):
        self.patterns = patterns
        sources = [p.pattern for p in patterns]
        # one alternation needs its group names gone (each pattern names its own `who`)
        self.any = rx.compile("|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", x) + ")" for x in sources), re.IGNORECASE) \
            if len(patterns) > 1 and not any("(?P=" in x for x in sources) else None

    def present(self, text: str) -> bool:
        if self.any is None:
            return self.search(text) is not None
        return self.any.search(text) is not None

    def search(self, text: str):
        for p in self.patterns:
            m = p.search(text)
            if m:
                return m
        return None


class Cleaner:
    """Chrome in any of the given languages (pages mix them: an English story under a Russian menu)."""

    def __init__(self, packs: LanguagePack | list[LanguagePack]):
        packs = [packs] if isinstance(packs, LanguagePack) else list(packs)
        bps = [p["boilerplate"] for p in packs]

        def union(key):
            return [x for bp in bps for x in bp.get(key) or []]
        self.lines = {s.lower() for s in union("lines")}
        self.prefixes = tuple(s.lower() for s in union("prefixes"))
        # every pack's chrome patterns (each looked for only where its own words are)
        self.chrome = rx.AnyOf(union("patterns"), re.IGNORECASE)
        ranks = sorted(set(union("forum_ranks")), key=len, reverse=True)
        self.rank_re = re.compile(r"^(?P<name>.{1,40}?)\s+(?:" + "|".join(map(re.escape, ranks)) + r")\s*$") if ranks else None
        threads = [rx.compile(bp["thread_start"], re.IGNORECASE) for bp in bps if bp.get("thread_start")]
        self.thread_re = _Threads(threads) if threads else None
        self.menu_words = {w.lower() for w in union("language_menu")}
        self.cues = tuple(c.lower() for c in union("published_cues"))
        self.packs = packs
        self.weekdays = {w for p in packs for w in p.weekdays}
        self.related = {s.lower() for s in union("related_headers")}
        weekdays = union("date_line_weekdays")
        self.date_only = rx.compile(r"^[\s•·|\-–—]*" + (r"(?:(?:" + "|".join(map(re.escape, weekdays)) + r")[a-z]*\.?,?\s+)?" if weekdays else "")
                                    + DATE_ONLY_BODY, re.IGNORECASE)
        self.clock_words = re.compile("|".join([CLOCK] + union("elapsed")))
        joined = union("forum_joined")
        self.join_date = re.compile((r"^(?:(?:" + "|".join(map(re.escape, joined)) + r"):?\s*)?" if joined else r"^")
                                    + r"[A-Z][a-z]{2}\s+\d{1,2},\s+\d{4}$")
        glue = union("caption_words")
        self.caption_glue = re.compile("(?:" + "|".join(map(re.escape, glue)) + ")(?=[A-Z][a-z])") if glue else None

    def is_language_menu(self, line: str) -> bool:
        if len(line) > 200:
            return False
        raw = line.split()
        if len(raw) > 40 or self.menu_words.isdisjoint(map(str.lower, raw)) \
                or sum(1 for t in raw if t.lower() in self.menu_words) < 2:
            return False
        tokens = [t for t in raw if any(ch.isalpha() for ch in t)]
        if len(tokens) < 2:
            return False
        hits = sum(1 for t in tokens if t.lower() in self.menu_words)
        # two-word self-names ("Bahasa Indonesia", "简体 中文") count token by token
        return hits >= 2 and hits >= 0.6 * len(tokens)

    def is_short_dateline(self, s: str) -> bool:
        """A short line that is a full date plus a few words of chrome ("12 January 2024 | 15:20 |
        Economy desk", "Issue 112 - Monday, 27 February 2023", "17.03.2023, 16:48 (Moscow time)")."""
        if len(s) > 100 or not DATE_DIGITS.search(s):
            return False
        # a full date is numeric ("17.03.2023", "2023-09-15"), Chinese (2023年9月15日) or has a
        # month name: read the line only with the packs that can have found one in it
        lowered = set(LETTERS.findall(s.lower()))
        named = [p for p in self.packs if not lowered.isdisjoint(p.months)]
        numeric = NUMERIC_DATE.search(s) is not None
        if not (named or numeric or "年" in s):
            return False
        full = []
        for pack in named + [p for p in self.packs if p not in named]:
            finder = pack.hook("find_dates")
            full = [d for d in (finder(s) if finder else find_absolute(s, pack, _date_starts(s, pack))) if d.year and d.month and d.day]
            if full:
                break
        if not full:
            return False
        rest = s[: full[0].start] + " " + s[full[0].end:]
        rest = re.sub(r"\d{1,2}[:.]\d{2}(?::\d{2})?", " ", rest)
        rest = self.clock_words.sub(" ", rest)     # "6:42 PM GMT+2 · Updated 2 hours ago"
        words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower().rstrip(".") not in self.weekdays]
        if any("\u4e00" <= ch <= "\u9fff" for ch in rest):    # Chinese: count characters, not words
            return len(re.sub(r"[^\u4e00-\u9fff]", "", rest)) <= 8 and not s.endswith("。")
        return len(words) <= 4 and not s.endswith(".")

    def line_reason(self, line: str, threads: bool = True) -> str | None:
        """Why `line` is chrome, or None. `threads`: whether the page may hold a thread header at
        all (a line can only hold one where the whole page does)."""
        s = line.strip()
        if not s or len(s) > 300:
            return None     # page chrome is short; a long line is text
        low = s.lower()
        if len(s) > 160 and s.endswith((".", "。", "!", "?", "”", '"', "»")):
            # a sentence of prose: only a licence or copyright line can be that long and still chrome
            if low.startswith(self.prefixes) or self.chrome.matches(s):
                return "chrome"
            return None
        if self.date_only.match(s) or self.is_short_dateline(s):
            return "dateline"       # before the other chrome: it may carry the publication date
        if low.startswith(self.cues) and len(s) < 160 and re.search(r"\d{4}", s):
            return "dateline"
        if low in self.lines:
            return "chrome"
        # "Suggest to a friend    Print    Close", "World | China": parts between separators
        parts = [p.strip() for p in SEPARATORS.split(low) if p.strip()] if ANY_SEPARATOR.search(low) else [low]
        if len(parts) > 1 and all(p in self.lines for p in parts):
            return "chrome"     # "Suggest to a friend    Print    Close"
        if len(parts) >= 3 and "|" in s and all(len(p.split()) <= 3 for p in parts) and not s.endswith((".", "。")):
            return "navigation"   # "World | China | Business | Opinion"
        if BREADCRUMB.match(s):
            return "breadcrumb"
        if low.startswith(self.prefixes):
            return "chrome"
        if self.chrome.matches(s):
            return "chrome"
        if self.is_language_menu(s):
            return "language menu"
        if threads and self.thread_re and len(s) < 200 and self.thread_re.present(s):
            return "thread header"
        return None

    def clean(self, raw: str) -> Cleaned:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        out_lines: list[str] = []
        removed: list[tuple[int, int, str]] = []
        date_lines: list[tuple[int, str, str]] = []
        lines = raw.split("\n")
        offsets = []
        pos = 0
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        # a forum thread: a thread header and numbered posts ("Posted by admin" on a blog is not one)
        threads = bool(self.thread_re and self.thread_re.present(raw))
        header = self.thread_re.search(raw[:5000]) if threads and self.thread_re else None
        forum = bool(header and any(POST_HEADER.match(x) for x in lines))
        starter = header.group("who").strip() if forum and header else None
        seen: set[str] = set()
        in_related = False
        in_comment = False
        in_header = 0
        for i, line in enumerate(lines):
            s = line.strip()
            start, end = offsets[i], offsets[i] + len(line)
            reason = None
            if forum:
                h = POST_HEADER.match(line)
                if h and int(h.group(1)) >= 1:
                    poster = h.group(2).strip()
                    in_comment = int(h.group(1)) > 1 and poster != starter
                    in_header = 4
                    reason = "forum post header"
                elif in_header and s:
                    if self.rank_re and self.rank_re.match(s):
                        reason = "forum member rank"
                    elif self.date_only.match(s) or self.join_date.match(s):
                        reason = "forum join date"
                    elif self.chrome.matches(s):
                        reason = "forum counters"
                    else:
                        in_header = 0
                    if in_header:
                        in_header -= 1
                if reason is None and in_comment and s:
                    reason = "forum reply by another member"
            if reason is None and s.startswith("©"):
                # a photo credit glued onto the text ("© Site, photo by X.Caption. Archival photoRussia and ...")
                glue = list(self.caption_glue.finditer(line)) if self.caption_glue else []
                if glue:
                    cut = glue[-1].end()
                    removed.append((start, start + cut, "photo credit"))
                    start += cut
                    line = line[cut:]
                    s = line.strip()
                else:
                    reason = "photo credit"
            if reason is None and in_related:
                if s and len(s) < 150 and not s.endswith((".", "。", "!", "?", "”", '"')):
                    reason = "related links"
                else:
                    in_related = False
            if reason is None:
                reason = self.line_reason(line, threads)
                if reason in ("dateline", "thread header"):
                    date_lines.append((i, s, reason))
                if s.lower().rstrip(":") in self.related:
                    reason, in_related = "related links", True
            if reason is None and s:
                key = " ".join(s.split()).lower()
                if key in seen and len(s) < 300:
                    reason = "repeated line"
                seen.add(key)
            if reason:
                removed.append((start, end, reason))
                continue
            out_lines.append(s)
        # collapse blank runs; keep one empty line between paragraphs
        text_lines: list[str] = []
        for s in out_lines:
            if not s and (not text_lines or not text_lines[-1]):
                continue
            text_lines.append(s)
        while text_lines and not text_lines[-1]:
            text_lines.pop()
        text = "\n".join(text_lines)
        # the title: the first line that is not a masthead ("MERIDIAN WIRE": a few words in capitals)
        lines_ = [s for s in text_lines if s]
        title = next((s for s in lines_ if not (s.isupper() and len(s.split()) <= 4)), lines_[0] if lines_ else None)
        if title and (len(title) > 250 or title.endswith((".", "。"))):
            title = None
        return Cleaned(text=text, removed=removed, forum=forum, title=title, date_lines=date_lines)
