"""Event assembly: each cluster becomes the document's event mention, with evidence for every
value it states (or the reason it was inferred); the topics a meeting covered; the quotes, each
given to the meeting its sentence is about."""
from __future__ import annotations

from bisect import bisect_right
from typing import Callable

from ..dates import parse_iso
from ..ids import mention_id, quote_id
from ..kb import KnowledgeBase
from ..model import Document, EventMention, Evidence, Mention, Modality, Participant, Quote, Status
from .clusters import Cluster
from .cues import cues as cues_of
from .frames import DEFAULT_STATUS, Frame
from .sentences import Sent


Discussion = tuple[Sent, list[Mention], "set[str] | None"]   # a sentence, its topics, whose words they are (None: anyone's)


def discussion(text: str, sents: list[Sent], per_sentence: list[list[Frame]], found_quotes) -> list[Discussion]:
    """Sentences that tell no meeting but what one covered: "the two sides discussed Ukraine", or a
    participant's quoted words on a subject (the topics go to the meeting the sentence is about)."""
    out: list[Discussion] = []
    for st, fr in zip(sents, per_sentence):
        tops = [m for m in st.mentions if m.kind == "topic"] if not fr else []
        if tops:
            cues = cues_of(st.pack)
            hypothetical = cues["hypothetical"] and cues["hypothetical"].search(text, *st.span)
            if cues["discussion"] and cues["discussion"].search(text, *st.span) and not hypothetical:
                out.append((st, tops, None))
            else:
                # what a participant says about a subject is what the meeting covered
                speakers = {q.speaker.value for s_, q in found_quotes if s_ is st}
                if speakers and not hypothetical:
                    out.append((st, tops, speakers))
    return out


def assemble(doc: Document, clusters: list[Cluster], discussion: list[Discussion], names: dict[str, str],
             kb: KnowledgeBase) -> list[EventMention]:
    """One event mention per cluster: each value the cluster holds, with the spans that state it
    (evidence) or the reason it was inferred."""
    text = doc.text
    out: list[EventMention] = []
    pub = parse_iso(doc.published)
    owner_of = owners_of(clusters)
    owners = [owner_of(st_.span[0]) for st_, _, _ in discussion]
    for i, c in enumerate(clusters):
        ev = EventMention(id=mention_id(doc.id, i), doc=doc.id, doc_kind=doc.kind, published=doc.published)
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
        if c.round:
            # the round number as a frame of the cluster states it (the first that does)
            r = next((r for f in c.frames for r in f.rounds if r.value and r.value == c.round), None)
            if r is not None:
                add("round", r.start, r.end, r.rule)
        ev.date = c.date
        if c.date and "date" not in c.inferred:
            for f in c.frames:
                if f.date == c.date and f.date_span:
                    add("date", *f.date_span, f.date_rule or "timex")
                    break
        mod = next((f.modality for f in c.frames if f.modality), None)
        if (c.city or c.country) and not (mod and mod.value in (Modality.VIDEO, Modality.PHONE)):   # a call has no one place
            ev.location = {"city": kb.place_name(c.city) if c.city else None, "country": c.country}
            for f in c.frames:
                for m in f.places + f.countries:
                    if _agrees(m, c, kb):     # not a place the meeting was not in
                        add("location", m.start, m.end, m.rule)
        if "location" in c.inferred and c.presence:
            add("location", c.presence.start, c.presence.end, "location:participant-presence")
        # modality
        mod = next((f.modality for f in c.frames if f.modality), None)
        if mod:
            ev.modality = str(mod.value)
            add("modality", mod.start, mod.end, mod.rule)
        elif any(f.visit for f in c.frames):
            ev.modality = str(Modality.IN_PERSON)
            t = next(f.trigger for f in c.frames if f.visit)
            add("modality", t.start, t.end, "modality:visit")
        elif (c.city or c.country) and c.people:
            ev.modality = str(Modality.IN_PERSON)
            ev.inferred["modality"] = "people meeting in a named place"
        # status: strong frames speak for the event
        strong = [f for f in c.frames if f.strong] or c.frames
        statuses = [f.status for f in strong]
        st = next((s for s in statuses if s.value == Status.CANCELLED), None) or \
            next((s for s in statuses if s.value == Status.OCCURRED and s.rule != DEFAULT_STATUS.rule), None) or \
            next((s for s in statuses if s.value == Status.PLANNED), None) or statuses[0]
        ev.status = str(st.value)
        if st.end > st.start:
            add("status", st.start, st.end, st.rule)
        if ev.status == Status.OCCURRED and pub and c.date and "date" not in c.inferred and c.date["start"][:10] > pub.isoformat():
            ev.status = str(Status.PLANNED)
            ev.inferred["status"] = "dated after the article's publication"
        # participants
        seen: set[str] = set()
        for f in c.frames:
            for m in f.persons:
                if m.value in seen:
                    continue
                seen.add(m.value)
                actor = kb.actors.get(m.value)
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
        ev.background = bool(pub and c.date and c.date["end"][:4] < str(pub.year - 0)[:4] and ev.status == Status.OCCURRED)
        out.append(ev)
    return out


def _agrees(m: Mention, c: Cluster, kb: KnowledgeBase) -> bool:
    """Whether a place or country a frame names is the cluster's location."""
    if m.kind == "place":
        return kb.place_city(m.value) == c.city if c.city else kb.place_country(m.value) == c.country
    return m.value == c.country


def owners_of(clusters: list[Cluster]) -> Callable[[int], Cluster | None]:
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


def quote_records(doc: Document, found, events: list[EventMention], clusters: list[Cluster], names: dict[str, str],
                  kb: KnowledgeBase) -> list[Quote]:
    """The quotes, each with its speaker's name and title and the event mention it belongs to."""
    out = []
    owner_of = owners_of(clusters)
    index = {id(c): i for i, c in enumerate(clusters)}     # each cluster's event
    for i, (st, q) in enumerate(found):
        sp = q.speaker
        actor = kb.actors.get(sp.value)
        name = actor.name if actor else names.get(sp.value, sp.text)
        title = sp.extra.get("title")
        if not title and actor:
            role = actor.role_at(doc.published)
            title = role.title if role else None
        owner = owner_of(st.span[0])
        mention = events[index[id(owner)]].id if owner is not None else None
        body = doc.text[q.start:q.end].strip()
        out.append(Quote(quote_id(doc.id, q.start, q.end), doc.id, sp.value, name, title, body,
                         q.start, q.end, q.direct, mention))
    return out
