"""The one data model of Parley: plain dataclasses, serializable to dicts.

Every extracted value keeps the spans (character offsets into a document's clean text) it came
from and the rule that produced it. Nothing here does I/O or knows about the store.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

try:
    from enum import StrEnum
except ImportError:     # Python 3.10
    class StrEnum(str, Enum):   # type: ignore[no-redef]
        def __str__(self) -> str:
            return str(self.value)


class Status(StrEnum):
    """What a report says of a meeting."""
    OCCURRED = "occurred"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class Modality(StrEnum):
    """How the sides met."""
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"


class Kind(StrEnum):
    """What a mention names (the values of `Mention.kind`)."""
    PERSON = "person"
    PLACE = "place"
    COUNTRY = "country"
    ORG = "org"
    TOPIC = "topic"
    REFEVENT = "refevent"
    ACTOR = "actor"
    MECHANISM = "mechanism"
    ROUND = "round"
    TIME = "time"
    TRIGGER = "trigger"


class Cue(NamedTuple):
    """A value the words of a clause state (a status, a modality), where, and by which rule."""
    value: str
    start: int
    end: int
    rule: str


@dataclass
class RawDoc:
    """Bytes or text as read, before cleaning."""
    source: str
    media_type: str              # text/plain | text/html
    content: str
    meta_published: str | None = None   # a date the container states (HTML metadata, WARC record)
    title: str | None = None
    url: str | None = None
    replaced_bytes: int = 0      # bytes that were not valid UTF-8, read as U+FFFD (a few stray ones in a page)


@dataclass
class Document:
    id: str
    source: str
    title: str | None
    language: str | None
    languages: list[str]
    published: str | None
    published_from: str | None   # meta | text | inferred | None
    kind: str                    # official | news | forum | other
    text: str
    removed: list[tuple[int, int, str]] = field(default_factory=list)  # ranges of the raw text, with the reason
    published_span: tuple[int, int] | None = None
    replaced_bytes: int = 0      # of the page as read: bytes that were not valid UTF-8 (see RawDoc)
    parts: list[tuple[int, int, str]] = field(default_factory=list, repr=False)   # paragraphs' languages (not stored)

@dataclass
class Mention:
    """A thing named in the text: an actor, place, country, org, mechanism, topic, date, ordinal."""
    kind: str                    # one of Kind's values (written as plain strings where annotators make them)
    start: int
    end: int
    text: str
    value: Any = None            # kb id, ISO code, resolved date dict, integer round...
    rule: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Evidence:
    field: str
    start: int
    end: int
    text: str
    rule: str


@dataclass
class Participant:
    id: str
    name: str
    title: str | None
    country: str | None
    discovered: bool = False
    title_from: str | None = None   # "text" (as the article titles them) or "kb" (their role on the date)
    role: str | None = None         # the knowledge base's role for them on the event's date, to check the title against


@dataclass
class EventMention:
    """One document's account of one event."""
    id: str
    doc: str
    type: str = "CONSULT"
    trigger: str = ""
    status: str | None = None
    date: dict[str, str] | None = None          # {"start", "end"}
    location: dict[str, str | None] | None = None  # {"city", "country"}
    modality: str | None = None
    mechanism: str | None = None
    round: int | None = None
    participants: list[Participant] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    inferred: dict[str, str] = field(default_factory=dict)   # field -> reason
    background: bool = False      # told as past background in another story
    doc_kind: str = "other"
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # by hand: dataclasses.asdict deep-copies every value and costs a third of storing a document
        d = dict(self.__dict__)
        d["participants"] = [dict(p.__dict__) for p in self.participants]
        d["evidence"] = [dict(e.__dict__) for e in self.evidence]
        d["inferred"] = dict(self.inferred)
        d["topics"] = list(self.topics)
        return d


@dataclass
class Quote:
    id: str
    doc: str
    speaker_id: str
    speaker_name: str
    speaker_title: str | None
    text: str
    start: int
    end: int
    direct: bool
    mention: str | None = None   # the event mention it belongs to, when known

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class DiscoveredActor:
    id: str
    name: str
    country: str | None
    title: str | None
    names: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class MechanismFact:
    """Background about a mechanism read from text ("initiated ... in 2005")."""
    mechanism: str
    field: str
    value: Any
    doc: str
    start: int
    end: int
    text: str


@dataclass
class DocResult:
    document: Document
    events: list[EventMention]
    quotes: list[Quote]
    actors: list[DiscoveredActor]
    mechanism_facts: list[MechanismFact]
    new_mechanisms: list[dict[str, Any]] = field(default_factory=list)
