"""The per-document pipeline, pure: a RawDoc and the knowledge base in, a DocResult out.

No I/O and no shared mutable state: the same document gives the same result in any process.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

from . import langid
from .annotate import gazetteer, mechanisms, people, quotes, rounds, timex
from .annotate.text import sentences, tokens
from .clean import Cleaner
from .dates import parse_iso, scan, weekday_on_or_after
from .extract import Cluster, Frame, FrameFacts, compatible, frames_for_sentence, stable_id, _cues
from .kb import KnowledgeBase
from .lang import LanguagePack, available, hant, load as load_pack
from .model import (DiscoveredActor, DocResult, Document, EventMention, Evidence, MechanismFact, Mention,
                    Participant, Quote, RawDoc)
from .published import find_published, wire_dateline
from .settings import Settings

QUOTED = re.compile(r"[“\"][^”\"\n]{3,}[”\"]")


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x" + hashlib.sha1(name.encode()).hexdigest()[:8]


def doc_id(text: str, published: str | None = None) -> str:
    """SHA-256 of the normalized clean text and the publication date the page states: the same
    article re-read is the same document; the same words under another date are another."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())     # runs of white space as one space
    return hashlib.sha256(f"{norm}\n{published or ''}".encode("utf-8")).hexdigest()


@dataclass
class Sent:
    span: tuple[int, int]
    mentions: list[Mention]
    pack: LanguagePack


class Analyzer:
    def __init__(self, kb: KnowledgeBase, settings: Settings | None = None):
        self.kb = kb
        self.settings = settings or Settings()
        self.packs = {code: load_pack(code) for code in self.settings.languages or available()}
        self.pack = self.packs.get("en") or next(iter(self.packs.values()))
        self.cleaner = Cleaner(list(self.packs.values()))   # page chrome in any language
        self.latin = tuple(c for c in ("en", "de", "fr", "es") if c in self.packs) or ("en",)
        self.function_words = langid.FunctionWords({c: self.packs[c]["clauses"].get("function_words") or []
                                                     for c in self.latin if c in self.packs})
        self.title_vocabulary = frozenset(w.lower() for p in self.packs.values() for w in p["titles"]["vocabulary"])

    # -- document ------------------------------------------------------------------------------
    def document(self, raw: RawDoc) -> tuple[Document, object]:
        cleaned = hant.clean(self.cleaner, raw.content)     # traditional characters cleaned as simplified
        if not cleaned.text.strip():
            from .errors import Rejected
            raise Rejected("nothing left after removing page chrome")
        language, languages, parts = langid.detect(cleaned.text, self.latin, self.function_words)
        pub = find_published(cleaned, [self.packs[c] for c in languages if c in self.packs] + [self.pack], raw.meta_published)
        reasons = {r for _, _, r in cleaned.removed}
        if cleaned.forum:
            kind = "forum"
        elif "language menu" in reasons or re.search(r"\b(?:mfa|fmprc|gov|kremlin|scrf)\.", raw.source):
            kind = "official"
        elif reasons & {"dateline", "chrome"} and pub.date:
            kind = "news"
        else:
            kind = "other"
        title = raw.title or cleaned.title
        doc = Document(id=doc_id(cleaned.text, pub.date), source=raw.source, title=title, language=language,
                       languages=languages, published=pub.date, published_from=pub.source, kind=kind,
                       text=cleaned.text, removed=cleaned.removed, parts=parts)
        return doc, cleaned

    # -- whole pipeline ------------------------------------------------------------------------
    def analyze(self, raw: RawDoc, known: Callable[[str], bool] | None = None) -> DocResult:
        """The whole pipeline; a document `known` (by id) to be stored already is only cleaned and
        dated, and comes back without anything read from it."""
        doc, _ = self.document(raw)
        if known is not None and known(doc.id):
            return DocResult(doc, [], [], [], [])
        return hant.read(doc, self.analyze_document)    # traditional characters read as simplified

    def analyze_document(self, doc: Document) -> DocResult:
        kb, text = self.kb, doc.text
        gaz = gazetteer.annotate(text, kb)
        all_toks = tokens(text)
        tok_starts = [t.start for t in all_toks]
        # each paragraph is read in its own language
        regions = self._regions(doc)
        for rs, re_, pack in regions:
            if pack.hook("lemma_gazetteer"):
                gaz = gazetteer.merge(gaz, gazetteer.annotate_lemmas(text, all_toks[bisect_left(tok_starts, rs):bisect_left(tok_starts, re_)], kb, pack))
        all_times: list[Mention] = []
        for rs, re_, pack in regions:
            find_times = pack.hook("find_times")
            toks = all_toks[bisect_left(tok_starts, rs):bisect_left(tok_starts, re_)]
            all_times += find_times(text, rs, re_) if find_times else timex.find(text, rs, re_, pack, toks)
        all_times.sort(key=lambda m: m.start)
        sents: list[Sent] = []
        gaz_starts = [m.start for m in gaz]
        time_starts = [m.start for m in all_times]
        spans = sentences(text)
        sent_packs = [self._pack_at(regions, s) for s, _ in spans]
        sent_mechs = []
        for (s, e), pack in zip(spans, sent_packs):
            toks = all_toks[bisect_left(tok_starts, s):bisect_left(tok_starts, e)]
            ms = gaz[bisect_left(gaz_starts, s):bisect_left(gaz_starts, e)]
            sent_mechs.append(mechanisms.find(text, toks, pack, kb, [m for m in ms if m.kind == "country"], (s, e)))
        doc_has_mechanism = any(sent_mechs)
        framed: list[bool] = []     # a sentence with a meeting word or a mechanism's name is read for frames
        for (s, e), mech, pack in zip(spans, sent_mechs, sent_packs):
            toks = all_toks[bisect_left(tok_starts, s):bisect_left(tok_starts, e)]
            ms = gaz[bisect_left(gaz_starts, s):bisect_left(gaz_starts, e)]
            ents = [m for m in ms if m.kind in ("place", "country", "org", "topic", "refevent")]
            known = [m for m in ms if m.kind == "actor"]
            find_people = pack.hook("find_people")
            persons = find_people(text, s, e, known, ents) if find_people else people.find(text, s, e, toks, pack, known, ents)
            framed.append(bool(mech) or self._has_trigger(text, (s, e), toks, pack))
            rnds: list[Mention] = []
            if framed[-1]:      # a round number is only read into a frame
                find_rounds = pack.hook("find_rounds")
                rnds = find_rounds(text, s, e) if find_rounds else rounds.find(text, s, e, pack, {m.start for m in mech}, toks, doc_has_mechanism)
            times = [m for m in all_times[bisect_left(time_starts, s):bisect_left(time_starts, e)] if m.end <= e]
            others = [m for m in ms if m.kind != "actor"]
            sents.append(Sent((s, e), sorted(others + mech + persons + rnds + times, key=lambda m: m.start), pack))
        names, originals = self._resolve_people(doc, sents, all_toks, tok_starts)
        # quotes, reporting clauses and sources
        found_quotes: list[tuple[Sent, quotes.FoundQuote]] = []
        dateline = wire_dateline(text)
        excluded: dict[tuple[int, int], list[tuple[int, int]]] = {}
        last_speaker = None
        for st, is_framed in zip(sents, framed):
            pack = st.pack
            ppl = [m for m in st.mentions if m.kind == "person"]
            if not (is_framed or ppl or last_speaker is not None):
                continue    # nobody to quote, and no frame to keep its sources out of
            sources = quotes.according_to(text, st.span, pack)
            words_span = (st.span[0], min([s for s, e in sources if e == st.span[1]] + [st.span[1]]))
            fq = quotes.find(text, words_span, ppl, pack, last_speaker)
            ex = [q.reporting for q in fq] + [q.also for q in fq if q.also] + sources
            closing = quotes.closing_report(text, words_span, pack) if is_framed else None
            if closing and not any(max(q.reporting[1], (q.also or (0, 0))[1]) > closing[0] for q in fq):
                ex.append(closing)
            if dateline and st.span[0] <= dateline[0] < st.span[1]:
                ex.append(dateline)   # "MOSCOW, January 6, 2026 (Agency) -" dates the story, not a meeting
            for q in fq:
                found_quotes.append((st, q))
                last_speaker = q.speaker
            excluded[st.span] = ex
        quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
        anchor, anchor_rule, anchor_span = self._anchor(doc, sents)
        if doc.published is None and anchor is not None:
            doc.published, doc.published_from = anchor.isoformat(), "inferred"
            doc.published_span = anchor_span
        # frames
        frames: list[Frame] = []
        facts: list[MechanismFact] = []
        discussion: list[tuple[Sent, list[Mention], set[str] | None]] = []
        for st, is_framed in zip(sents, framed):
            cues = _cues(st.pack)
            if is_framed:
                fr, generic = frames_for_sentence(text, st.span, st.mentions, excluded[st.span], quoted, st.pack)
            else:
                fr, generic = [], []
            frames.extend(fr)
            if generic:
                facts.extend(self._mechanism_facts(doc, st, generic))
            tops = [m for m in st.mentions if m.kind == "topic"] if not fr else []
            if tops:
                hypothetical = cues["hypothetical"] and cues["hypothetical"].search(text, *st.span)
                if cues["discussion"] and cues["discussion"].search(text, *st.span) and not hypothetical:
                    discussion.append((st, tops, None))
                else:
                    # what a participant says about a subject is what the meeting covered
                    speakers = {q.speaker.value for s_, q in found_quotes if s_ is st}
                    if speakers and not hypothetical:
                        discussion.append((st, tops, speakers))
        years = sorted((m.start, m.value["y"]) for st in sents for m in st.mentions
                       if m.kind == "time" and m.value.get("type") in ("abs", "abs_range") and m.value.get("y"))
        times = sorted((m for st in sents for m in st.mentions if m.kind == "time"), key=lambda m: m.start)
        for f in frames:
            self._date(f, anchor, years, times)
        self._doc_mechanism(frames, sents, text)
        self._fill_singular(frames, sents, text)
        clusters = self._merge(frames, text)
        self._infer(clusters, frames, anchor, doc, sents)
        # a meeting with nobody named and no mechanism is nothing an analyst could place, nor could
        # another report of it ever be merged with it
        clusters = [c for c in clusters if c.people or c.mechanism]
        events = self._events(doc, clusters, discussion, anchor, names)
        qs = self._quotes(doc, found_quotes, events, clusters, names)
        actors = self._discovered(sents, names, originals)
        new_mechs = [{"id": m.value, "name": m.extra.get("name"), "parties": m.extra.get("parties")}
                     for st in sents for m in st.mentions if m.kind == "mechanism" and m.rule == "mechanisms:new-from-text"]
        return DocResult(doc, events, qs, actors, facts, new_mechs)

    @staticmethod
    def _has_trigger(text: str, span: tuple[int, int], toks, pack: LanguagePack) -> bool:
        """Whether a meeting word stands in the sentence (looked for only at words that can begin one)."""
        cues = _cues(pack)
        if not pack.spaced:
            return bool(cues["trigger_rx"].search(text, *span))
        first, stems = cues["trigger_first"], cues["trigger_stems"]
        starts = [t.start for t in toks if t.lower in first or (stems and t.lower.startswith(stems))]
        return any(True for _ in scan(cues["trigger_rx"], text, starts, span[1]))

    def _regions(self, doc: Document) -> list[tuple[int, int, LanguagePack]]:
        """Runs of paragraphs in one language, each with its pack (the document's language, or
        English, where a paragraph's language has no pack)."""
        parts = doc.parts or langid.detect(doc.text, self.latin, self.function_words)[2]
        default = self.packs.get(doc.language or "") or self.pack
        out: list[tuple[int, int, LanguagePack]] = []
        pos = 0
        for s, e, lang in parts:
            pack = self.packs.get(lang, default)
            if out and out[-1][2] is pack:
                out[-1] = (out[-1][0], e, pack)
            else:
                if out:
                    out[-1] = (out[-1][0], s, out[-1][2])
                out.append((pos if not out else s, e, pack))
        if not out:
            return [(0, len(doc.text), default)]
        out[-1] = (out[-1][0], len(doc.text), out[-1][2])
        return out

    @staticmethod
    def _pack_at(regions: list[tuple[int, int, LanguagePack]], pos: int) -> LanguagePack:
        for s, e, pack in regions:
            if s <= pos < e:
                return pack
        return regions[-1][2]

    # -- people --------------------------------------------------------------------------------
    def _resolve_people(self, doc: Document, sents: list[Sent], all_toks, tok_starts: list[int]
                        ) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        """Pick one actor for ambiguous names, then find surnames used alone after a full mention.
        Returns the discovered people's display names and their original-script names (by id)."""
        full_ids = {m.value for st in sents for m in st.mentions if m.kind == "person" and m.value and m.extra.get("how") == "full"}
        countries: dict[str, str] = {}     # a discovered person's country, from their title
        for st in sents:
            romanize = st.pack.hook("romanize")
            for m in st.mentions:
                if m.kind == "person" and m.value is None and romanize and not m.extra.get("romanized") and not m.text.isascii():
                    m.extra["romanized"] = romanize(m.text)   # a discovered name in another script gets a Latin spelling
                if m.kind == "person" and m.extra.get("candidates"):
                    cands = m.extra["candidates"]
                    pick = [c for c in cands if c in full_ids] or [c for c in cands if self.kb.actors[c].role_at(doc.published)] or cands
                    m.value = sorted(pick)[0]
                if m.kind == "person" and m.value is None:
                    m.value = slug(m.extra.get("romanized") or m.text)
                    # the side of someone the knowledge base does not hold: the country of their
                    # title ("a vice chairman of China's Central Military Commission")
                    m.extra["country"] = self._person_country(m, st)
                if m.kind == "person" and m.extra.get("country"):
                    countries.setdefault(m.value, m.extra["country"])
        surnames: dict[str, list[tuple[int, str]]] = {}   # token -> [(position, actor id)]
        vocab = self.title_vocabulary
        for st in sents:
            new = []
            for m in st.mentions:
                if m.kind != "person":
                    continue
                parts = re.findall(r"\w+", m.text)
                if len(parts) >= 2:
                    actor = self.kb.actors.get(m.value)
                    eastern = (actor.country in ("CN", "TW", "KP", "KR", "VN", "SG") if actor else True)
                    keys = {parts[-1]} | ({parts[0]} if eastern else set())
                    for k in keys:
                        if k.lower() not in vocab and len(k) > 1:
                            surnames.setdefault(k, []).append((m.start, m.value))
            if surnames:
                taken = [(m.start, m.end) for m in st.mentions if m.kind in ("person", "place", "country", "org")]
                for t in all_toks[bisect_left(tok_starts, st.span[0]):bisect_left(tok_starts, st.span[1])]:
                    if not t.text[0].isupper() or any(a <= t.start < b for a, b in taken):
                        continue
                    cands = [(pos, ident) for pos, ident in surnames.get(t.text, ()) if pos < t.start]
                    if cands:
                        ident = max(cands)[1]
                        new.append(Mention("person", t.start, t.end, t.text, ident, "coref:surname",
                                           {"title": None, "title_span": None, "discovered": ident not in self.kb.actors, "how": "coref",
                                            "country": countries.get(ident)}))
            if new:
                st.mentions = sorted(st.mentions + new, key=lambda m: m.start)
        names: dict[str, str] = {}
        originals: dict[str, tuple[str, str]] = {}
        for st in sents:
            for m in st.mentions:
                if m.kind == "person" and m.value not in self.kb.actors and (len(m.text.split()) >= 2 or m.extra.get("romanized")):
                    names.setdefault(m.value, m.extra.get("romanized") or m.text)
                    originals.setdefault(m.value, (st.pack.code, m.text))
        return names, originals

    def _discovered(self, sents: list[Sent], names: dict[str, str], originals: dict[str, tuple[str, str]]) -> list[DiscoveredActor]:
        out: dict[str, DiscoveredActor] = {}
        for st in sents:
            for m in st.mentions:
                if m.kind == "person" and m.value not in self.kb.actors and m.value in names and m.value not in out:
                    lang, original = originals.get(m.value, ("en", names[m.value]))
                    forms = {"en": [names[m.value]]}
                    if original != names[m.value]:
                        forms[lang] = [original]    # the original script, beside its romanization
                    out[m.value] = DiscoveredActor(m.value, names[m.value], self._person_country(m, st),
                                                   m.extra.get("title"), forms)
        return list(out.values())

    def _person_country(self, m: Mention, st: Sent) -> str | None:
        actor = self.kb.actors.get(m.value)
        if actor:
            return actor.country
        ts = m.extra.get("title_span")
        if ts:
            for c in st.mentions:
                if c.kind == "country" and ts[0] <= c.start < ts[1]:
                    return c.value
            for c in st.mentions:
                if c.kind == "org" and ts[0] <= c.start < ts[1]:
                    org = self.kb.orgs.get(c.value)
                    if org and org.data.get("country"):
                        return org.data["country"]
        return None

    # -- time ----------------------------------------------------------------------------------
    def _anchor(self, doc: Document, sents: list[Sent]) -> tuple[dt.date | None, str | None, tuple[int, int] | None]:
        """The date relative expressions count from: the publication date, or else a weekday tied
        to a reference event (a summit with known dates) the text names, moved on to the latest
        day the text reports in the past tense."""
        pub = parse_iso(doc.published)
        if pub:
            return pub, "published", None
        places_in_doc = {m.value for st in sents for m in st.mentions if m.kind == "place"}
        people_in_doc = {m.value for st in sents for m in st.mentions if m.kind == "person"}
        fixed: tuple[dt.date, tuple[int, int]] | None = None
        for st in sents:
            refs = [m for m in st.mentions if m.kind == "refevent"]
            wds = [m for m in st.mentions if m.kind == "time" and m.value["type"] == "wd"]
            for r in refs:
                ev = self.kb.reference_events[r.value]
                if ev.data.get("place") and ev.data["place"] not in places_in_doc and not set(ev.data.get("participants") or []) <= people_in_doc:
                    continue
                start, end = parse_iso(ev.data.get("start")), parse_iso(ev.data.get("end") or ev.data.get("start"))
                if not start or not end:
                    continue
                for w in wds:
                    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
                    hit = [d for d in days if d.weekday() == w.value["wd"]]
                    if len(hit) == 1:
                        fixed = (hit[0], (w.start, w.end))
                        break
                if fixed:
                    break
            if fixed:
                break
        if not fixed:
            return None, None, None
        now, span = fixed
        for st in sents:
            planned = _cues(st.pack)["planned"]
            for m in st.mentions:
                if m.kind == "time" and m.value["type"] == "wd" and not m.value.get("shift"):
                    clause = doc.text[max(st.span[0], m.start - 80):m.start]
                    if planned and planned.search(clause):
                        continue
                    d = weekday_on_or_after(fixed[0], m.value["wd"])
                    if (d - fixed[0]).days < 7 and d > now:
                        now, span = d, (m.start, m.end)
        return now, "reference-event", span

    def _doc_mechanism(self, frames: list[Frame], sents: list[Sent], text: str) -> None:
        """A numbered round whose sentence names no mechanism belongs to the mechanism the article
        is about: the one its title names, else the only one it names."""
        named = [m.value for st in sents for m in st.mentions if m.kind == "mechanism"]
        if not named:
            return
        title = [m.value for m in sents[0].mentions if m.kind == "mechanism"] if sents else []
        counts = {v: named.count(v) for v in named}
        top = sorted(counts, key=lambda v: -counts[v])
        doc_mech = title[0] if title else top[0] if len(top) == 1 or counts[top[0]] > counts[top[1]] else None
        mentions = sorted((m.start, m.value, m.text) for st in sents for m in st.mentions if m.kind == "mechanism")
        sent_pack = {st.span: st.pack for st in sents}
        for f in frames:
            if not f.mechanisms and any(r.value for r in f.rounds):
                # the article's mechanism, else the one named last before with the same head noun
                # ("... the 16th round of the consultation" -> the last "... consultation" named)
                pack = sent_pack.get(f.sent, self.pack)
                heads = {pack.normalize(w) for w in pack["triggers"].get("mechanism_heads", [])}
                words = [pack.normalize(w) for w in re.findall(r"\w+", text[f.clause[0]:f.clause[1]])]
                head = next((w for w in words if w in heads), None)
                before = [(v, t) for pos, v, t in mentions if pos < f.clause[0]]
                same_head = [v for v, t in before if head and pack.normalize((re.findall(r"\w+", t) or [""])[-1]) == head]
                f.implied_mechanism = doc_mech or (same_head[-1] if same_head else before[-1][0] if before else None)

    def _date(self, f: Frame, anchor: dt.date | None, years: Sequence[tuple[int, int]] = (), told: Sequence[Mention] = ()) -> None:
        """The frame's date from its times; `told` are the document's times in text order ("the
        next day" counts from the last day told before it)."""
        cs, ce = f.clause

        def told_year_before(pos: int) -> int | None:
            """The year of the time told last before `pos` (within 600 characters), if it states a year and a month."""
            last = next((t for t in reversed(told) if pos - 600 <= t.start and t.end <= pos), None)
            if last is None or last.value["type"] not in ("abs", "abs_range") or not (last.value.get("y") and last.value.get("m")):
                return None
            return last.value["y"]

        def last_day(pos: int) -> dt.date | None:
            for m in reversed([t for t in told if t.end <= pos and t.value["type"] != "after_told"]):
                val, _ = timex.resolve(m.value, anchor, f.future, next((y for p, y in reversed(years) if p < m.start), None))
                if val and len(val["start"]) == 10:
                    return dt.date.fromisoformat(val["end"])
            return None

        def year_only(m: Mention) -> bool:
            v = m.value
            return (v["type"] == "abs" and v.get("m") is None) or (v["type"] == "rel" and v.get("unit") == "years")
        # the clause's own times before shared ones, a day or month before a bare year, then in order
        times = sorted(f.times, key=lambda m: (not (cs <= m.start < ce), year_only(m), m.start))
        for m in times:
            if m.value.get("since"):
                continue
            last_year = next((y for pos, y in reversed(years) if pos < m.start), None)
            spec, told_year = m.value, None
            if spec["type"] in ("abs", "abs_range") and spec.get("y") is None and spec.get("m") and anchor and not f.future:
                # "at the end of September" in a story about 2021: the year of the date told just before,
                # when that one states its year and month ("on July 28, 2021. ... at the end of September")
                told_year = told_year_before(m.start)
                if told_year is not None and told_year != anchor.year:
                    spec = {**spec, "y": told_year}
                else:
                    told_year = None
            val, rule = timex.resolve(spec, anchor, f.future, last_year,
                                      last_day(m.start) if m.value["type"] == "after_told" else None)
            if val and told_year is not None:
                rule = "year-of-the-date-told-before"
            if val:
                f.date, f.date_rule, f.date_span = val, f"timex:{rule}", (m.start, m.end)
                return

    def _mechanism_facts(self, doc: Document, st: Sent, ms: list[Mention]) -> list[MechanismFact]:
        out = []
        mechs = [m for m in ms if m.kind == "mechanism"]
        years = [m for m in ms if m.kind == "time" and m.value.get("type") == "abs" and m.value.get("y") and not m.value.get("m")]
        founded = _cues(st.pack)["founded"]
        if mechs and years and founded and founded.search(doc.text, *st.span):
            y = years[0]
            out.append(MechanismFact(mechs[0].value, "established", y.value["y"], doc.id, y.start, y.end, y.text))
        return out

    # -- frames to events ------------------------------------------------------------------------
    def _facts(self, f: Frame) -> FrameFacts:
        people = {m.value: self.kb.actors[m.value].country if m.value in self.kb.actors else m.extra.get("country") for m in f.persons}
        city = country = None
        for p in f.places:
            city, country = self.kb.place_city(p.value), self.kb.place_country(p.value)
            break
        if not country and f.countries:
            country = f.countries[0].value
        mech = f.mechanisms[0].value if f.mechanisms else f.implied_mechanism
        rnd = next((r.value for r in f.rounds if r.value), None)
        modality = f.modality[0] if f.modality else "in_person" if f.visit else None
        return FrameFacts(mech, rnd, f.date, country, city, people, modality)

    def _merge(self, frames: list[Frame], text: str) -> list[Cluster]:
        clusters: list[Cluster] = []
        weak: list[tuple[int, Frame]] = []
        for f in frames:
            if f.anaphor:
                self._fill_anaphor(f, clusters, text)
            fx = self._facts(f)
            if not f.strong:
                weak.append((len(clusters), f))
                continue
            for c in reversed(clusters):
                if compatible(c, fx):
                    c.absorb(f, fx)
                    break
            else:
                c = Cluster([])
                c.absorb(f, fx)
                clusters.append(c)
        for position, f in weak:
            fx = self._facts(f)
            order = list(reversed(clusters[:position])) + clusters[position:]
            for c in order:
                if (fx.mechanism is None or c.mechanism in (None, fx.mechanism)) and compatible_weak(c, fx, f):
                    c.absorb(f, fx)
                    break
        return clusters

    @staticmethod
    def _fill_singular(frames: list[Frame], sents: list[Sent], text: str) -> None:
        """"On Wednesday he was received by Putin": he is the first person of the last sentence
        before this one that names anybody."""
        pack_of = {st.span: st.pack for st in sents}
        ends = [st.span[1] for st in sents]
        for f in frames:
            if not f.singular:
                continue
            pack = pack_of.get(f.sent)
            if not (f.persons or f.date or f.places or f.countries or f.rounds or f.mechanisms) and not f.dropped \
                    and pack is not None and f.trigger.value in _cues(pack)["nouns"]:
                continue    # "he said China would ... promote talks": a noun and a pronoun make no meeting
            have = {p.value for p in f.persons}
            for st in reversed(sents[:bisect_right(ends, f.sent[0])]):     # the sentences before, last first
                ppl = [m for m in st.mentions if m.kind == "person" and m.value not in have]
                if any(m.kind == "person" for m in st.mentions):
                    if ppl:
                        s, e = f.singular
                        f.persons = f.persons + [Mention("person", s, e, text[s:e], ppl[0].value,
                                                         "coref:dropped-subject" if f.dropped else "coref:pronoun",
                                                         {"title": None, "title_span": None, "discovered": ppl[0].extra.get("discovered"),
                                                          "country": ppl[0].extra.get("country")})]
                    break

    @staticmethod
    def _arrivals(sents: list[Sent], text: str) -> dict[str, Mention]:
        """"Wang Yi arrived in Moscow on Sunday": who is said to have come to which city (the
        person named last before an arrival word, the city right after it). The first statement
        about a person counts."""
        out: dict[str, Mention] = {}
        for st in sents:
            rx = _cues(st.pack)["arrival"]
            if rx is None:
                continue
            if not any(p.kind == "place" for p in st.mentions):
                continue    # an arrival needs a city to arrive in
            for m in rx.finditer(text, *st.span):
                who = [p for p in st.mentions if p.kind == "person" and p.end <= m.start()]
                where = next((p for p in st.mentions if p.kind == "place" and p.start >= m.end()), None)
                if who and where is not None and not re.search(r"[,;:.，。；]", text[m.end():where.start]) \
                        and where.start - m.end() <= 40 and who[-1].value:
                    out.setdefault(who[-1].value, where)
        return out

    @staticmethod
    def _fill_anaphor(f: Frame, clusters: list[Cluster], text: str) -> None:
        """"The two leaders met ...": the two people of the last meeting told with exactly two."""
        if f.anaphor is None:
            return
        for c in reversed(clusters):
            people: list[Mention] = []
            for g in c.frames:
                for m in g.persons:
                    if m.value not in [p.value for p in people]:
                        people.append(m)
            if len(people) == 2:
                s, e = f.anaphor
                have = {p.value for p in f.persons}
                f.persons = f.persons + [Mention("person", s, e, text[s:e], p.value, "coref:plural-anaphor",
                                     {"title": None, "title_span": None, "discovered": p.extra.get("discovered"),
                                      "country": p.extra.get("country")}) for p in people
                                         if p.value not in have]
                return

    def _infer(self, clusters: list[Cluster], frames: list[Frame], anchor: dt.date | None, doc: Document,
               sents: list[Sent]) -> None:
        text = doc.text
        # where people are: "X is in Beijing to co-chair ..."
        presence: dict[str, tuple[Mention, Frame | None]] = {}
        told_after: set[str] = set()     # known only from the point it is told on (an arrival, a visit)
        for f in frames:
            if f.present and f.places:
                for p in f.persons:
                    presence.setdefault(p.value, (f.places[0], f))
            elif f.visit and f.places and len({p.value for p in f.persons}) == 1:    # "X visited Beijing on Tuesday"
                if f.persons[0].value not in presence:
                    presence[f.persons[0].value] = (f.places[0], f)
                    told_after.add(f.persons[0].value)
        arrivals = self._arrivals(sents, text) if any(not c.city for c in clusters) else {}
        for pid, place in arrivals.items():
            if pid not in presence:
                presence[pid] = (place, None)
                told_after.add(pid)
        for c in clusters:
            if not c.city:
                for pid in c.people:
                    if pid in presence and not any(fr is presence[pid][1] for fr in c.frames):
                        place = presence[pid][0]
                        if pid in told_after and min(f.trigger.start for f in c.frames) < place.end:
                            continue    # told before the arrival: it may have been elsewhere
                        if c.country in (None, self.kb.place_country(place.value)):
                            c.city, c.country = self.kb.place_city(place.value), self.kb.place_country(place.value)
                            c.inferred["location"] = f"participant {pid} is stated to be in {self.kb.place_name(place.value)}"
                            c.presence = place
                            break
            if not c.date:
                during = any(f.during for f in c.frames)
                if during:
                    for other in clusters:
                        if other is not c and other.date and set(other.people) & set(c.people):
                            c.date = other.date
                            c.inferred["date"] = "during the visit of a participant reported with these dates"
                            if not c.country and other.country:
                                c.country = other.country
                                c.inferred["location"] = "during the visit of a participant to this country"
                            break
            if not c.date and anchor and any(f.present for f in c.frames):
                c.date = {"start": anchor.strftime("%Y-%m"), "end": anchor.strftime("%Y-%m")}
                c.inferred["date"] = "told in the present tense: the month of the article's date"

    def _events(self, doc: Document, clusters: list[Cluster], discussion, anchor, names: dict[str, str]) -> list[EventMention]:
        text = doc.text
        out: list[EventMention] = []
        pub = parse_iso(doc.published)
        owner_of = self._owners(clusters)
        owners = [owner_of(st_.span[0]) for st_, _, _ in discussion]
        for i, c in enumerate(clusters):
            ev = EventMention(id="em_" + stable_id(doc.id, str(i)), doc=doc.id, doc_kind=doc.kind, published=doc.published)
            first = c.frames[0]
            ev.trigger = first.trigger.text
            evid: list[Evidence] = []
            ev.evidence = evid

            def add(field_: str, s: int, e: int, rule: str) -> None:
                evid.append(Evidence(field_, s, e, text[s:e], rule))
            add("trigger", first.trigger.start, first.trigger.end, first.trigger.rule)
            ev.mechanism, ev.round = c.mechanism, c.round
            for f in c.frames:
                for m in f.mechanisms:
                    if m.value == c.mechanism:
                        add("mechanism", m.start, m.end, m.rule)
                        break
            if c.mechanism and not any(m.value == c.mechanism for f in c.frames for m in f.mechanisms):
                ev.inferred["mechanism"] = "a numbered round in an article about this mechanism"
                for r in f.rounds:
                    if r.value and r.value == c.round:
                        add("round", r.start, r.end, r.rule)
            ev.date = c.date
            if c.date and "date" not in c.inferred:
                for f in c.frames:
                    if f.date == c.date and f.date_span:
                        add("date", *f.date_span, f.date_rule or "timex")
                        break
            mod = next((f.modality for f in c.frames if f.modality), None)
            if (c.city or c.country) and not (mod and mod[0] in ("video", "phone")):   # a call has no one place
                ev.location = {"city": self.kb.place_name(c.city) if c.city else None, "country": c.country}
                for f in c.frames:
                    for m in f.places + f.countries:
                        add("location", m.start, m.end, m.rule)
            if "location" in c.inferred and c.presence:
                add("location", c.presence.start, c.presence.end, "location:participant-presence")
            # modality
            mod = next((f.modality for f in c.frames if f.modality), None)
            if mod:
                ev.modality = mod[0]
                add("modality", mod[1], mod[2], mod[3])
            elif any(f.visit for f in c.frames):
                ev.modality = "in_person"
                t = next(f.trigger for f in c.frames if f.visit)
                add("modality", t.start, t.end, "modality:visit")
            elif (c.city or c.country) and c.people:
                ev.modality = "in_person"
                ev.inferred["modality"] = "people meeting in a named place"
            # status: strong frames speak for the event
            strong = [f for f in c.frames if f.strong] or c.frames
            statuses = [f.status for f in strong]
            st = next((s for s in statuses if s[0] == "cancelled"), None) or \
                next((s for s in statuses if s[0] == "occurred" and s[3] != "status:default-reported"), None) or \
                next((s for s in statuses if s[0] == "planned"), None) or statuses[0]
            ev.status = st[0]
            if st[2] > st[1]:
                add("status", st[1], st[2], st[3])
            if ev.status == "occurred" and pub and c.date and "date" not in c.inferred and c.date["start"][:10] > pub.isoformat():
                ev.status = "planned"
                ev.inferred["status"] = "dated after the article's publication"
            # participants
            seen: set[str] = set()
            for f in c.frames:
                for m in f.persons:
                    if m.value in seen:
                        continue
                    seen.add(m.value)
                    actor = self.kb.actors.get(m.value)
                    title = m.extra.get("title")
                    if not title:
                        other = next((x.extra.get("title") for g in c.frames for x in g.persons if x.value == m.value and x.extra.get("title")), None)
                        title = other
                    title_from = "text" if title else None
                    role = actor.role_at(c.date["start"]) if actor and c.date else None
                    if not title and role:
                        title, title_from = role.title, "kb"
                    name = actor.name if actor else names.get(m.value, m.text)
                    ev.participants.append(Participant(m.value, name, title, actor.country if actor else None, actor is None, title_from,
                                                       role.title if role else None))
                    add("participants", m.start, m.end, m.rule)
            # topics
            tops: list[str] = []
            for f in c.frames:
                for t in f.topics:
                    if t.value not in tops:
                        tops.append(t.value)
                        add("topics", t.start, t.end, t.rule)
            for (st_, tms, speakers), owner in zip(discussion, owners):
                if owner is c and (speakers is None or speakers & set(c.people)):
                    for t in tms:
                        if t.value not in tops:
                            tops.append(t.value)
                            add("topics", t.start, t.end, "topics:discussion-sentence")
            ev.topics = sorted(tops)
            ev.inferred.update(c.inferred)
            ev.background = bool(pub and c.date and c.date["end"][:4] < str(pub.year - 0)[:4] and ev.status == "occurred")
            out.append(ev)
        return out

    @staticmethod
    def _owners(clusters: list[Cluster]) -> Callable[[int], Cluster | None]:
        """The meeting a sentence at a position is about: the one mentioned last before it, else
        the first (where two begin at one place, the first of them)."""
        first: dict[int, Cluster] = {}
        for c in clusters:
            for f in c.frames:
                first.setdefault(f.clause[0], c)
        starts = sorted(first)

        def owner(pos: int) -> Cluster | None:
            i = bisect_right(starts, pos) - 1
            return first[starts[i]] if i >= 0 else (clusters[0] if clusters else None)
        return owner

    def _quotes(self, doc: Document, found, events: list[EventMention], clusters: list[Cluster], names: dict[str, str]) -> list[Quote]:
        out = []
        owner_of = self._owners(clusters)
        index = {id(c): i for i, c in enumerate(clusters)}     # each cluster's event
        for i, (st, q) in enumerate(found):
            sp = q.speaker
            actor = self.kb.actors.get(sp.value)
            name = actor.name if actor else names.get(sp.value, sp.text)
            title = sp.extra.get("title")
            if not title and actor:
                role = actor.role_at(doc.published)
                title = role.title if role else None
            owner = owner_of(st.span[0])
            mention = events[index[id(owner)]].id if owner is not None else None
            body = doc.text[q.start:q.end].strip()
            out.append(Quote("qt_" + stable_id(doc.id, str(q.start), str(q.end)), doc.id, sp.value, name, title, body,
                             q.start, q.end, q.direct, mention))
        return out


def compatible_weak(c: Cluster, fx: FrameFacts, f: Frame | None = None) -> bool:
    if c.round and fx.round and c.round != fx.round:
        return False
    if c.modality and fx.modality and c.modality != fx.modality:
        return False
    if f is not None and f.future and c.frames and not any(g.future for g in c.frames):
        return False    # "... and agreed that commanders would hold a video call": another, later meeting
    return True
