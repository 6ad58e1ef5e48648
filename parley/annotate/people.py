"""People: knowledge-base actors and people discovered from the shape of the text, each with the
title the text gives them ("Chinese Vice President Xi Jinping" -> "Vice President").

A person the knowledge base does not hold is found when a run of capitalized words that are not
title or organization vocabulary follows a title ("Director of ... Vladimir Tarabrin"), is followed
by an appositive title ("Alex Gabuev, a senior fellow at ..."), or stands next to a reporting verb
("said Hua Chunying").
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_right

from .. import rx
from ..lang import LanguagePack
from ..model import Mention
from .text import Token

WORDS = re.compile(r"[\w-]+")
ALL_VERBS: set[str] = set()   # of every language loaded: words that end a title ("... Spokesperson Announces")
AFTER_TITLE = re.compile(r"\s*,\s*((?:(?:a|an|the)\s+)?[^,;()\"“”]{3,160}?)(?=,|;|\s+said|\s+told|\.|$)")
TITLE_GLUE = {"of", "the", "and", "for", "on", "at", "in", "'s", "’s", "s"}


@functools.lru_cache(maxsize=None)
def _lex(pack: LanguagePack):
    t = pack["titles"]
    heads = {w.lower() for h in t["heads"] for w in re.findall(r"\w+", h)} - TITLE_GLUE - {"department"}
    vocab = {w.lower() for w in t["vocabulary"]}
    # words that name meetings or speech are never part of a person's name ("Director-General-Level Consultation")
    tr = pack["triggers"]
    for group in ("verbs", "nouns"):
        for item in tr["consult"].get(group, []):
            vocab.update(w.lower() for phrase in item["words"] for w in re.findall(r"\w+", phrase))
    for key in ("mechanism_heads", "mechanism_fillers", "weak_nouns"):
        vocab.update(w.lower() for phrase in tr.get(key, []) for w in re.findall(r"\w+", phrase))
    verbs = {phrase.split()[0].lower().rstrip("*") for phrase in pack["quotes"]["verbs"] if phrase.strip()}
    for item in tr["consult"].get("verbs", []):
        verbs.update(phrase.split()[0].lower().rstrip("*") for phrase in item["words"] if phrase.strip())
    vocab.update(verbs)
    ALL_VERBS.update(verbs)
    quote_verbs = sorted({v.lower() for v in pack["quotes"]["verbs"]}, key=len, reverse=True)
    qv = "|".join(re.escape(v) for v in quote_verbs)
    after_verb = rx.compile(rf"^\s*(?:{qv})\b", re.IGNORECASE)
    before_verb = rx.compile(rf"\b(?:{qv})\s*(?:on\s+\w+\s+)?(?:the\s+)?$", re.IGNORECASE)
    appositive = rx.compile(r"^\s*,\s*(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(sorted(heads, key=len, reverse=True)) + r")\b", re.IGNORECASE)
    return heads, vocab, after_verb, before_verb, appositive


def _end(tok: Token) -> int:
    return tok.end


def _cap(tok: Token) -> bool:
    return tok.text[0].isupper()


def find(text: str, start: int, end: int, toks: list[Token], pack: LanguagePack, known: list[Mention], entities: list[Mention]) -> list[Mention]:
    """Person mentions in text[start:end]: `known` are the gazetteer's actor mentions there,
    `entities` its places, countries and organizations (never part of a name)."""
    heads, vocab, after_verb, before_verb, appositive = _lex(pack)
    months = set(pack.months)
    weekdays = set(pack.weekdays)
    taken = [(m.start, m.end) for m in known]
    blocked = [(m.start, m.end) for m in entities]   # places, countries, orgs and topic phrases
    out: list[Mention] = []
    for m in known:
        title, tspan = _title(text, start, m.start, m.end, end, toks, heads, vocab, taken)
        out.append(Mention("person", m.start, m.end, m.text, m.value, m.rule,
                           {**m.extra, "title": title, "title_span": tspan, "discovered": False}))
    # runs of capitalized tokens separated by spaces only
    # (only capitalized tokens are looked at: a word between two of them is in the gap between)
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in [t for t in toks if t.text[0].isupper()]:
        if taken and any(s <= t.start < e for s, e in taken):
            if cur:
                runs.append(cur)
            cur = []
        elif cur and text[cur[-1].end:t.start] in (" ", "-"):
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = [t]
    if cur:
        runs.append(cur)
    for run in runs:
        # the name is the tail of the run after the title and organization words
        core = list(run)
        while core and (core[0].lower in vocab or core[0].lower in heads or pack.normalize(core[0].text) in heads
                        or any(s <= core[0].start < e for s, e in blocked)
                        or core[0].lower in months or core[0].lower in weekdays):
            core.pop(0)
        while core and (core[-1].lower in vocab or core[-1].lower in heads or any(s <= core[-1].start < e for s, e in blocked)):
            core.pop()
        if len(core) > 2:
            # "... of Arms Control Ivan Petrovsky": an organization's name glued to the person's;
            # after a title, the last two capitalized words are the name
            tail = core[-2:]
            t_title, t_span = _title(text, start, tail[0].start, tail[-1].end, end, toks, heads, vocab, taken)
            if t_span and t_span[1] <= tail[0].start:
                core = tail
        if not 2 <= len(core) <= 3:
            continue
        if any(t.lower in vocab or t.lower in months or t.lower in weekdays or any(s <= t.start < e for s, e in blocked)
               or len(t.text) < 2 or t.text.isupper() and len(t.text) > 1 and len(core) == 2 and not t.text.isalpha() for t in core):
            continue
        if any(t.text.isupper() and len(t.text) > 3 for t in core) and not all(t.text.isupper() for t in core):
            continue
        s, e = core[0].start, core[-1].end
        if s > 0 and text[s - 1] == "-" or e < len(text) and text[e:e + 1] == "-":
            continue   # part of a hyphenated compound ("General-Level"), not a name
        prefix_titled = any(t.lower in heads or pack.normalize(t.text) in heads for t in run[: run.index(core[0])])
        before = text[max(start, s - 60):s]
        prev_words = WORDS.findall(before)[-1:]
        title, tspan = _title(text, start, s, e, end, toks, heads, vocab, taken)
        titled_before = prefix_titled or (bool(prev_words) and prev_words[0].lower() in heads) or bool(tspan and tspan[1] <= s)
        rest = text[e:end]
        how = None
        if titled_before:
            how = "title-before"
        elif appositive.match(rest):
            how = "appositive"
        elif after_verb.match(rest) or before_verb.search(text[max(start, s - 40):s]):
            how = "reporting-verb"
        if not how:
            continue
        name = text[s:e]
        out.append(Mention("person", s, e, name, None, f"people:discovered:{how}",
                           {"title": title, "title_span": tspan, "discovered": True}))
        taken.append((s, e))
    out.sort(key=lambda m: m.start)
    if len(out) > 1:    # a name inside another person's title ("X, director of the Council for Civil Liberties") is theirs
        titles = [m.extra["title_span"] for m in out if m.extra.get("title_span")]
        if titles:
            out = [m for m in out if not (m.extra.get("discovered") and any(a <= m.start and m.end <= b for a, b in titles))]
    return out


def _title(text: str, sent_start: int, s: int, e: int, sent_end: int, toks: list[Token], heads: set[str], vocab: set[str],
           people: list[tuple[int, int]]):
    """The title stated right before the name (a run of title words) or right after it (", a member of ...")."""
    before = toks[:bisect_right(toks, s, key=_end)]       # the tokens that end before the name
    run: list[Token] = []
    for t in reversed(before):
        gap = text[t.end:(run[0].start if run else s)]
        if gap.strip(" -'’") or "," in gap or any(a <= t.start < b for a, b in people):
            break
        if t.lower in ALL_VERBS and t.lower not in heads:
            break       # a headline's verb ("Spokesperson Announces Wang Yi ...") is no part of a title
        if _cap(t) or t.lower in heads or t.lower in vocab or t.lower in TITLE_GLUE:
            run.insert(0, t)
        else:
            break
    while run and run[0].lower not in heads:
        run.pop(0)
    while run and run[-1].lower in TITLE_GLUE:
        run.pop()
    if run:
        # keep the whole title phrase from its first head word ("Security Council Secretary")
        first = run[0]
        for t in reversed([t for t in before if t.end <= first.start][-4:]):
            between = text[t.end:first.start]
            if between.strip(" -") or not (_cap(t) and t.lower in vocab):
                break
            first = t
        while first is not run[0] and text[first.start:first.end].lower() in ("chinese", "russian", "the"):
            first = next(t for t in toks if t.start > first.start)
        ts, te = first.start, run[-1].end
        return text[ts:te], (ts, te)
    m = AFTER_TITLE.match(text, e, sent_end)
    if m and any(w.lower() in heads for w in re.findall(r"\w+", m.group(1))[:5]):
        ts = m.start(1)
        return m.group(1), (ts, ts + len(m.group(1)))
    return None, None
