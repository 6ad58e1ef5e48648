"""Frames: the clauses of a sentence that tell of a meeting, with what each states.

A sentence is cut into clauses at words that open another event ("just days after", "comes
after"); a clause with a meeting word (or a mechanism's name) is a frame, and takes the
participants, date, place, modality, status, mechanism and round found in it — never those of a
reporting clause ("..., spokesman Mao Ning announced on Sunday") or a source ("according to").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..dates import scan
from ..lang import LanguagePack
from ..model import Cue, MechanismFact, Mention, Modality, Status
from .cues import cues as cues_of

DEFAULT_STATUS = Cue(Status.OCCURRED, 0, 0, "status:default-reported")   # a report tells what happened
MODALITIES = {m.value: m for m in Modality}


@dataclass
class Frame:
    sent: tuple[int, int]
    clause: tuple[int, int]
    trigger: Mention
    persons: list[Mention] = field(default_factory=list)
    times: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)      # city/region mentions used as location
    countries: list[Mention] = field(default_factory=list)   # countries used as location
    mechanisms: list[Mention] = field(default_factory=list)
    rounds: list[Mention] = field(default_factory=list)
    topics: list[Mention] = field(default_factory=list)
    modality: Cue | None = None               # a Modality, where the clause says it
    status: Cue = DEFAULT_STATUS              # a Status, where the clause says it
    future: bool = False
    present: bool = False
    during: bool = False        # "during his visit"
    date: dict[str, str] | None = None
    date_rule: str | None = None
    date_span: tuple[int, int] | None = None
    visit: bool = False
    anaphor: tuple[int, int] | None = None   # "the two leaders": the people of the meeting told before
    implied_mechanism: str | None = None      # the article's mechanism, for a round that names none
    singular: tuple[int, int] | None = None   # "he", "she": the person told last
    dropped: bool = False                     # `singular` is a meeting verb whose subject was left out

    @property
    def strong(self) -> bool:
        # a place alone ("diplomats in Beijing said ... talks") does not make a meeting
        return bool(self.persons or self.date or any(r.value for r in self.rounds) or (self.places and self.mechanisms))



def clause_bounds(text: str, sent: tuple[int, int], pack: LanguagePack, keep: Sequence[tuple[int, int]] = (),
                  years: Sequence[int] = ()) -> list[tuple[int, int]]:
    """Cut a sentence where another event's clause begins; a subordinate clause that opens the
    sentence ("Before arriving in Russia, Wang met ...") ends at its first comma. Never inside
    one of the spans `keep` (a time expression: "the following day"), nor before a year (in
    "the first since 2016", "since" opens no other event); `years` are where years begin."""
    s0, e0 = sent
    rx = cues_of(pack)["split"]
    cuts = [s0]
    if rx:
        for m in rx.finditer(text, s0, e0):
            rest = text[m.end():e0]
            if any(a <= m.start() < b for a, b in keep) or m.end() + len(rest) - len(rest.lstrip()) in years:
                continue
            if m.start() - cuts[-1] > 3:
                cuts.append(m.start())
            elif m.start() - s0 <= 3:
                comma = text.find(",", m.end(), e0)
                if comma > 0:
                    cuts.append(comma + 1)
                else:
                    # no comma: in a verb-second language the phrase ends at the finite verb
                    # ("Einen Tag nach der Amtseinführung von Trump | haben Xi und Putin ...")
                    v2 = cues_of(pack)["v2"]
                    vm = v2.search(text, m.end(), e0) if v2 else None
                    if vm:
                        cuts.append(vm.start())
    cuts.append(e0)
    cuts = sorted(set(cuts))
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]


def _inside(m: Mention | tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    s = m.start if isinstance(m, Mention) else m[0]
    return any(a <= s < b for a, b in spans)


def _segments(text: str, cs: int, ce: int, triggers: list[Mention], cues: dict[str, Any]) -> list[tuple[int, int, int]]:
    """Split a clause whose verbs are coordinated ("held talks with X, and was received by Y")
    into (start, end, subject_end): each part keeps the words before the first verb (the subject,
    a shared date) and adds its own."""
    verbs = [t for t in sorted(triggers, key=lambda t: t.start) if t.kind == "trigger" and t.value in cues["verbs"]]
    if len(verbs) < 2:
        return [(cs, ce, cs)]
    subject_end = verbs[0].start
    cuts = [cs]
    for v in verbs[1:]:
        gap = text[max(cuts[-1], v.start - 25):v.start]
        m = cues["coordination"].search(gap) if cues["coordination"] else None
        if m:
            cuts.append(v.start - len(gap) + m.start())
    if len(cuts) == 1:
        return [(cs, ce, cs)]
    cuts.append(ce)
    return [(cuts[i], cuts[i + 1], subject_end if i else cs) for i in range(len(cuts) - 1)]


def frames_for_sentence(text: str, sent: tuple[int, int], mentions: list[Mention], excluded: list[tuple[int, int]],
                        quoted: list[tuple[int, int]], pack: LanguagePack) -> tuple[list[Frame], list[Mention]]:
    """Frames of one sentence, and the mentions for a background fact about a mechanism (if any)."""
    cues = cues_of(pack)
    out: list[Frame] = []
    s0, e0 = sent
    # (phrase lists are searched in the document's own text: no copy of the sentence or clause to
    # lowercase; a sentence or clause never begins right after a letter, so nothing else changes)
    if cues["generic"] and cues["generic"].search(text, s0, e0):
        return [], [m for m in mentions if m.kind in ("mechanism", "time")]
    relatives = []
    if cues["relative"]:
        for m in cues["relative"].finditer(text, s0, e0):
            comma = re.search(r"[,;，；]", text[m.end():e0])
            relatives.append((m.start(), m.end() + comma.start() if comma else e0))
    clauses: list[tuple[int, int, list[tuple[int, int]], Mention | None]] = [
        (cs, ce, excluded + [r for r in relatives if cs <= r[0] < ce], None) for cs, ce in clause_bounds(
            text, sent, pack, [(m.start, m.end) for m in mentions if m.kind == "time"],
            [m.start for m in mentions if m.kind == "time" and m.value.get("type") == "abs" and not m.value.get("m")])]
    for rs, re_ in relatives:   # a relative clause is read on its own too, with the person it is about
        antecedent = next((m for m in sorted(mentions, key=lambda m: -m.end) if m.kind == "person" and m.end <= rs
                           and not text[m.end:rs].strip(" ,")), None)
        clauses.append((rs + 1, re_, excluded, antecedent))
    for cs, ce, excluded, antecedent in clauses:
        clause_triggers: list[Mention] = []
        for m in cues["trigger_rx"].finditer(text, cs, ce):
            if _inside((m.start(), m.end()), quoted) or _inside((m.start(), m.end()), excluded):
                continue
            word = m.group().lower()
            if word in cues["verbs"] and word not in cues["nouns"] and cues["determiners"]:
                before = list(WORD_RX.finditer(text, max(cs, m.start() - 30), m.start()))[-2:]
                adjective = len(before) == 2 and any(c.kind == "country" and c.extra.get("how") == "adjective"
                                                     and c.start <= before[1].start() < c.end for c in mentions)
                if before and (before[-1].group().lower() in cues["determiners"]
                               or adjective and before[0].group().lower() in cues["determiners"]):
                    continue     # "the co-chair", "the Chinese co-chair": a noun here ("the president met": a verb)
            if text[m.end():m.end() + 1] == ":":
                continue     # a label ("CO-CHAIRS: ..."), not a verb
            blockers = cues["not_meeting"].get(m.group().lower())
            if blockers and any(w.lower() in blockers for w in WORD_RX.findall(text[max(cs, m.start() - 40):min(ce, m.end() + 40)])):
                continue     # "a post he has held since 2008"
            clause_triggers.append(Mention("trigger", m.start(), m.end(), m.group(), m.group().lower(), "extract:trigger"))
        first: Frame | None = None
        for ss, se, subj_end in _segments(text, cs, ce, clause_triggers, cues):
            f = _frame(text, sent, (ss, se), (cs, subj_end), mentions, excluded, clause_triggers, cues, antecedent)
            if f is None:
                continue
            if first is None:
                first = f
            elif first.singular and not (f.singular or f.anaphor) and first.clause[1] <= ss:
                # "cuando se reunió con X y fue recibido por Y": the coordinated verb shares the
                # subject the first one left out (or gave as a pronoun)
                f.singular, f.dropped = first.singular, first.dropped
            out.append(f)
    return out, []


def _frame(text: str, sent: tuple[int, int], seg: tuple[int, int], subject: tuple[int, int], mentions: list[Mention],
           excluded: list[tuple[int, int]], clause_triggers: list[Mention], cues: dict[str, Any],
           antecedent: Mention | None = None) -> Frame | None:
    cs, ce = seg
    s0, e0 = sent
    shared = [m for m in mentions if subject[0] <= m.start < subject[1] and m.kind in ("person", "time", "place", "country")
              and not (cs <= m.start < ce)]
    in_clause = [m for m in mentions if cs <= m.start < ce and not _inside(m, excluded)]
    in_clause += [m for m in shared if not _inside(m, excluded)]
    mechs = [m for m in in_clause if m.kind == "mechanism"
             and not (cues["founding_before"] and cues["founding_before"].search(text[max(cs, m.start - 80):m.start]))]
    triggers = [t for t in clause_triggers if cs <= t.start < ce] + mechs
    if not triggers:
        return None
    persons = [m for m in in_clause if m.kind == "person"]
    if antecedent is not None and antecedent.value not in {p.value for p in persons}:
        persons.insert(0, antecedent)
    rounds = [m for m in in_clause if m.kind == "round" and not _personal(text, m, persons, cs, cues)]
    real = [t for t in triggers if t.kind == "mechanism" or t.value not in cues["weak"]]
    visit = any(t.kind == "trigger" and ((cues["verbs"].get(t.value) or {}).get("visit") or (cues["nouns"].get(t.value) or {}).get("visit"))
                for t in triggers)
    trip = visit and persons and any(m.kind in ("place", "country") for m in in_clause)
    pair = cues["anaphora"].search(text, subject[0], ce) if cues["anaphora"] else None     # "they spoke on Monday"
    if not real and not (rounds or mechs or len({p.value for p in persons}) >= 2 or trip or pair):
        return None     # a trip counts with its traveller and where to
    clause_text = text[cs:ce]
    if cues["hypothetical"] and cues["hypothetical"].search(text, cs, ce) and not (rounds or persons):
        return None
    times = [(m.start, m.end) for m in in_clause if m.kind == "time"]
    pv = next((p for p in cues["previous"].finditer(text, cs, ce) if not _inside((p.start(), p.end()), times)), None) \
        if cues["previous"] else None     # "the previous day" is a date, not another meeting
    if pv and not any(r.value for r in rounds) and not any(t.start < pv.start() for t in real if t.kind == "trigger"):
        return None   # "since the last consultation", "the previous round was held": another meeting, named
        #               only by reference ("held talks, their last conversation of the year" is this one)
    f = Frame(sent=sent, clause=(cs, ce), trigger=sorted(triggers, key=lambda t: t.start)[0])
    f.persons = persons
    f.rounds = rounds
    f.mechanisms = mechs
    f.times = sorted((m for m in in_clause if m.kind == "time"), key=lambda m: (not (cs <= m.start < ce), m.start))
    f.topics = [m for m in mentions if m.kind == "topic" and s0 <= m.start < e0]
    f.visit = visit
    side = cues["sidelines"].search(text, subject[0], ce) if cues["sidelines"] else None
    for m in in_clause:
        if m.kind == "org" and m.extra.get("place"):
            m = Mention("place", m.start, m.end, m.text, m.extra["place"], "gazetteer:place:venue")
        if m.kind not in ("place", "country") or (m.kind == "country" and m.extra.get("how") == "adjective"):
            continue
        start = min(subject[0], cs)
        after_country = any(c.end <= m.start and not text[c.end:m.start].strip(" ,，、") for c in f.countries)
        if _located(text, m, start, f.visit, cues) or (side and 0 <= m.start - side.end() <= 60 and m.kind == "place") \
                or (m.kind == "place" and after_country):      # "在乌兹别克斯坦撒马尔罕": the city after the country
            (f.places if m.kind == "place" else f.countries).append(m)
    if not f.places and not f.countries:
        for t in triggers:     # a word that names its destination ("访华": visit China)
            dest = t.kind == "trigger" and ((cues["verbs"].get(t.value) or {}).get("country") or (cues["nouns"].get(t.value) or {}).get("country"))
            if dest:
                f.countries.append(Mention("country", t.start, t.end, t.text, dest, "extract:trigger-destination"))
                break
    any_modality = cues["any_modality"]     # one pass first: most clauses name none
    for name in ("video", "phone", "in_person") if any_modality and any_modality.search(text, cs, ce) else ():
        rx = cues["modality"].get(name)
        mm = rx.search(text, cs, ce) if rx else None
        if mm:
            f.modality = Cue(MODALITIES[name], mm.start(), mm.end(), f"modality:cue:{name}")
            break
    if f.modality is None:      # a word that says it by itself ("phone talks", "videoconference")
        for t in triggers:
            if t.kind != "trigger" or t.value in cues["weak"]:
                continue    # a bare "call" may be anything
            item = cues["verbs"].get(t.value) or cues["nouns"].get(t.value)
            if item and item.get("modality") in ("video", "phone"):
                f.modality = Cue(MODALITIES[item["modality"]], t.start, t.end, "modality:trigger")
                break
    if pair:
        f.anaphor = (pair.start(), pair.end())
    if cues["singular"] and not f.anaphor:
        sm = cues["singular"].search(text, subject[0], ce)
        if sm:
            f.singular = (sm.start(), sm.end())
    if not f.anaphor and not f.singular:
        f.singular = _dropped_subject(text, min(subject[0], cs), ce, persons, triggers + rounds, cues)
        f.dropped = f.singular is not None
    blank = [(a, b) for a, b in excluded if a < ce and b > cs]
    outside = _strip(clause_text, cs, blank) if blank else (clause_text, lambda i: cs + i)
    pm = cues["planned"].search(outside[0]) if cues["planned"] else None
    if pm and pm.group().lower() in cues["planned_adjectives"] and cues["past"] and cues["past"].search(outside[0]) \
            and not any(p.group().lower() not in cues["planned_adjectives"] for p in cues["planned"].finditer(outside[0])):
        pm = None   # "held a video call ..., their last scheduled conversation": a meeting held
    cm = cues["cancelled"].search(outside[0]) if cues["cancelled"] else None
    prm = cues["present"].search(outside[0]) if cues["present"] else None
    if cm:
        f.status = Cue(Status.CANCELLED, outside[1](cm.start()), outside[1](cm.end()), "status:cue:cancelled")
    elif prm and cues["present_purpose"] and cues["present_purpose"].match(text, outside[1](prm.end()), ce):
        # "X is in Beijing to co-chair ...": under way or about to start
        f.status = Cue(Status.PLANNED, outside[1](prm.start()), outside[1](prm.end()), "status:cue:present-to-do")
        f.present = True
        f.future = True
    elif pm:
        f.status = Cue(Status.PLANNED, outside[1](pm.start()), outside[1](pm.end()), "status:cue:planned")
        f.future = True
    elif prm:
        f.present = True
    f.during = bool(cues["during"] and cues["during"].search(text, cs, ce))
    return f


def _dropped_subject(text: str, cs: int, ce: int, persons: list[Mention], triggers: list[Mention],
                     cues: dict[str, Any]) -> tuple[int, int] | None:
    """A meeting verb whose other side comes in by "with" ("Se reunió con X", "Встретился с X",
    "周一与X举行会谈") and whose clause names nobody before that: its subject was left out (the
    person told last). Returns the verb's span. Not for a noun ("talks with X" needs no subject),
    a verb whose subject is the meeting ("the round took place with X"), nor a clause that opens
    with a subordinating word ("After meeting with X, Y said"). `triggers`: the clause's meeting
    words, mechanisms and rounds."""
    rx = cues["counterpart"]
    cm = rx.search(text, cs, ce) if rx else None
    if cm is None or not persons:
        return None
    first = min(persons, key=lambda p: p.start)
    gap = text[cm.end():first.start]
    if first.start < cm.start() or len(gap) > 80 or re.search(r"[.;:!?。；：]", gap):
        return None
    if cues["split"] and cues["split"].match(text, cs + len(text[cs:ce]) - len(text[cs:ce].lstrip())):
        return None
    if cues["spaced"]:
        verbs = [t for t in triggers if t.kind == "trigger" and t.start < cm.start() and t.value in cues["verbs"]
                 and t.value not in cues["nouns"]]
    else:
        verbs = [t for t in triggers if t.kind == "trigger"]
    if not verbs:
        return None
    # the meeting itself may be the subject ("La 19.ª ronda había tenido lugar ... con X y Y")
    if any(m.start < verbs[0].start and (m.kind in ("round", "mechanism") or m.value in cues["nouns"]) for m in triggers
           if m is not verbs[0]):
        return None
    return verbs[0].start, verbs[0].end


WORD_RX = re.compile(r"\w+")


def _personal(text: str, r: Mention, persons: list[Mention], cs: int, cues: dict[str, Any]) -> bool:
    """"his first round", "the first round ... for Wang": a person's own count, not a round number."""
    if cues["personal_before"] and cues["personal_before"].search(text[max(cs, r.start - 20):r.start]):
        return True
    if cues["personal_for"]:
        for p in persons:
            if p.start > r.end and cues["personal_for"].match(text[r.end:p.start]):
                return True
    return False


def _strip(clause: str, offset: int, excluded: list[tuple[int, int]]):
    """The clause with excluded spans blanked out, and a map back to text offsets."""
    chars = list(clause)
    for a, b in excluded:
        for i in range(max(a, offset), min(b, offset + len(clause))):
            chars[i - offset] = " "
    return "".join(chars), (lambda i: offset + i)


def _located(text: str, m: Mention, clause_start: int, visit: bool, cues: dict[str, Any]) -> bool:
    """A place counts as the event's location when a locative word governs it ("in Moscow",
    "at the summit in Samarkand, Uzbekistan", "visit China", "visit to China")."""
    before = text[max(clause_start, m.start - 40):m.start]
    lm = cues["locative"].search(before) if cues["locative"] else None
    if lm:
        head = before[: lm.start()].split()
        return not (head and head[-1].lower().strip(",") in cues["not_location_after"])
    if cues["locative_list"] and cues["locative_list"].search(before):   # "in Samarkand, Uzbekistan"
        return True
    return bool(visit and cues["destination"] and cues["destination"].search(before))


# -- in-document merge ---------------------------------------------------------------------------


def has_trigger(text: str, span: tuple[int, int], toks, pack: LanguagePack) -> bool:
    """Whether a meeting word stands in the sentence (looked for only at words that can begin one)."""
    cues = cues_of(pack)
    if not pack.spaced:
        return bool(cues["trigger_rx"].search(text, *span))
    first, stems = cues["trigger_first"], cues["trigger_stems"]
    starts = [t.start for t in toks if t.lower in first or (stems and t.lower.startswith(stems))]
    return any(True for _ in scan(cues["trigger_rx"], text, starts, span[1]))


def read(doc_id: str, text: str, sents, framed: list[bool], excluded: dict[tuple[int, int], list[tuple[int, int]]],
         quoted: list[tuple[int, int]]) -> tuple[list[Frame], list[list[Frame]], list[MechanismFact]]:
    """The frames of the framed sentences (all, and each sentence's), and the background facts
    about mechanisms that sentences telling no meeting state ("initiated in 2005")."""
    frames: list[Frame] = []
    per_sentence: list[list[Frame]] = []
    facts: list[MechanismFact] = []
    for st, is_framed in zip(sents, framed):
        fr: list[Frame] = []
        if is_framed:
            fr, generic = frames_for_sentence(text, st.span, st.mentions, excluded[st.span], quoted, st.pack)
            if generic:
                facts.extend(mechanism_facts(doc_id, text, st, generic))
        frames.extend(fr)
        per_sentence.append(fr)
    return frames, per_sentence, facts


def mechanism_facts(doc_id: str, text: str, st, ms: list[Mention]) -> list[MechanismFact]:
    out = []
    mechs = [m for m in ms if m.kind == "mechanism"]
    years = [m for m in ms if m.kind == "time" and m.value.get("type") == "abs" and m.value.get("y") and not m.value.get("m")]
    founded = cues_of(st.pack)["founded"]
    if mechs and years and founded and founded.search(text, *st.span):
        y = years[0]
        out.append(MechanismFact(mechs[0].value, "established", y.value["y"], doc_id, y.start, y.end, y.text))
    return out
