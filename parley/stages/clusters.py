"""In-document clustering: the frames of one document that tell of the same meeting become one
cluster; frames that carry nothing of their own ("the consultation", "the upcoming talks") join
the meeting they refer to."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..kb import KnowledgeBase
from ..meeting import dates_overlap, other_people_same_side
from ..model import Mention
from .coref import fill_anaphor
from .frames import Frame


@dataclass
class Cluster:
    frames: list[Frame]
    mechanism: str | None = None
    round: int | None = None
    date: dict[str, str] | None = None
    country: str | None = None
    city: str | None = None
    people: dict[str, str | None] = field(default_factory=dict)   # actor id -> country
    modality: str | None = None
    inferred: dict[str, str] = field(default_factory=dict)        # field -> why (set by the analyzer)
    presence: Mention | None = None          # the place a participant was said to be in (an inferred location's evidence)

    def absorb(self, f: Frame, fx: "FrameFacts") -> None:
        self.frames.append(f)
        self.mechanism = self.mechanism or fx.mechanism
        self.round = self.round or fx.round
        if fx.date and (not self.date or len(fx.date["start"]) > len(self.date["start"])
                        or (len(fx.date["start"]) == len(self.date["start"]) and self.date["start"] <= fx.date["start"]
                            and fx.date["end"] <= self.date["end"])):
            self.date = fx.date   # the more precise, or the narrower range inside the one known
        self.country = self.country or fx.country
        self.city = self.city or fx.city
        self.modality = self.modality or fx.modality
        self.people.update(fx.people)


@dataclass
class FrameFacts:
    mechanism: str | None
    round: int | None
    date: dict[str, str] | None
    country: str | None
    city: str | None
    people: dict[str, str | None]
    modality: str | None = None     # as the frame's own words say it (a video call, a phone call, a visit)


def compatible(c: Cluster, fx: FrameFacts) -> bool:
    if c.mechanism and fx.mechanism and c.mechanism != fx.mechanism:
        return False
    if c.round and fx.round and c.round != fx.round:
        return False
    if not dates_overlap(c.date, fx.date):
        return False
    if c.country and fx.country and c.country != fx.country:
        return False
    if c.city and fx.city and c.city != fx.city:
        return False
    if c.modality and fx.modality and c.modality != fx.modality:
        return False    # a video call and a phone call are two conversations
    if other_people_same_side(c.people, fx.people):
        return False    # the same side with other people is another meeting
    # within one article, frames that contradict nothing are one meeting unless both name
    # people and share none of them
    # ... or name only the other side ("X will visit China" and "at the invitation of Y")
    sides_c = {k for k in c.people.values() if k}
    sides_f = {k for k in fx.people.values() if k}
    positive = (c.mechanism and c.mechanism == fx.mechanism) or bool(set(c.people) & set(fx.people)) or \
        (c.round and c.round == fx.round) or not c.people or not fx.people or \
        (sides_c and sides_f and not sides_c & sides_f and len(sides_c | sides_f) == 2)
    return bool(positive)


def compatible_weak(c: Cluster, fx: FrameFacts, f: Frame | None = None) -> bool:
    if c.round and fx.round and c.round != fx.round:
        return False
    if c.modality and fx.modality and c.modality != fx.modality:
        return False
    if f is not None and f.future and c.frames and not any(g.future for g in c.frames):
        return False    # "... and agreed that commanders would hold a video call": another, later meeting
    return True


def facts(f: Frame, kb: KnowledgeBase) -> FrameFacts:
    """What a frame states that clustering compares."""
    people = {m.value: kb.actors[m.value].country if m.value in kb.actors else m.extra.get("country") for m in f.persons}
    city = country = None
    for p in f.places:
        city, country = kb.place_city(p.value), kb.place_country(p.value)
        break
    if not country and f.countries:
        country = f.countries[0].value
    mech = f.mechanisms[0].value if f.mechanisms else f.implied_mechanism
    rnd = next((r.value for r in f.rounds if r.value), None)
    modality = f.modality.value if f.modality else "in_person" if f.visit else None
    return FrameFacts(mech, rnd, f.date, country, city, people, modality)


def merge(frames: list[Frame], text: str, kb: KnowledgeBase) -> list[Cluster]:
    """Strong frames (naming people, a date, a round) join the last compatible cluster or open one;
    weak ones then join the nearest compatible cluster (before them first) or are dropped."""
    clusters: list[Cluster] = []
    weak: list[tuple[int, Frame]] = []
    for f in frames:
        if f.anaphor:
            fill_anaphor(f, clusters, text)
        fx = facts(f, kb)
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
        fx = facts(f, kb)
        order = list(reversed(clusters[:position])) + clusters[position:]
        for c in order:
            if (fx.mechanism is None or c.mechanism in (None, fx.mechanism)) and compatible_weak(c, fx, f):
                c.absorb(f, fx)
                break
    return clusters


def one_cluster_per_round(clusters: list[Cluster], kb: KnowledgeBase) -> list[Cluster]:
    """A mechanism's numbered round is one meeting: clusters of one document that name the same
    one (a headline and the report under it, with another date or city) become one. It is built
    from the richer of them (more frames, then more people named), the others' frames added after,
    so where they disagree the richer one's values stand."""
    groups: dict[tuple[str, int], list[Cluster]] = {}
    for c in clusters:
        if c.mechanism and c.round:
            groups.setdefault((c.mechanism, c.round), []).append(c)
    if all(len(g) == 1 for g in groups.values()):
        return clusters
    merged: dict[int, Cluster] = {}     # id of a group's first cluster -> the group as one
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) == 1:
            continue
        base = max(group, key=lambda c: (len(c.frames), len(c.people), -clusters.index(c)))
        one = Cluster([])
        for f in base.frames + [f for c in group if c is not base for f in c.frames]:
            one.absorb(f, facts(f, kb))
        merged[id(group[0])] = one
        dropped |= {id(c) for c in group[1:]}
    return [merged.get(id(c), c) for c in clusters if id(c) not in dropped]
