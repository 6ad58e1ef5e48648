"""The knowledge base: who people are, places, organizations, what mechanisms are, topics and
reference events. Loaded once from `data/` (and a user's `--kb` folders, whose entries override
or extend the bundled ones by id), validated, and compiled into a fast gazetteer.

It never holds a mechanism's history: which round met when and where is read from text.
See SCHEMA.md for the files.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import ahocorasick
import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when the wheel has it: several times faster
from babel import Locale

from ..errors import KnowledgeBaseError

DATA_DIR = Path(__file__).parent / "data"
FILES = ("actors", "orgs", "places", "countries", "mechanisms", "topics", "reference_events")
LANGS = ("en", "ru", "zh", "de", "fr", "es")
# the languages added since, whose country names (CLDR) the gazetteer knows too
LANGS += ("it", "pt", "uk", "ja", "ko", "ar", "fa", "hi", "tr", "pl", "id", "vi")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Role:
    title: str
    org: str | None
    start: str | None
    end: str | None


@dataclass
class Actor:
    id: str
    type: str
    country: str | None
    names: dict[str, list[str]]
    short: dict[str, list[str]] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)

    @property
    def name(self) -> str:
        return (self.names.get("en") or next(iter(self.names.values()), [self.id]))[0]

    def role_at(self, date: str | None) -> Role | None:
        """The role held on `date` (ISO, any precision); the latest role when no date is given."""
        if not self.roles:
            return None
        if not date:
            return max(self.roles, key=lambda r: r.start or "")
        held = [r for r in self.roles if (r.start or "0000") <= date[: len(r.start or "0000")] and
                (r.end is None or date[: len(r.end)] <= r.end)]
        return max(held, key=lambda r: r.start or "") if held else None


@dataclass
class Entry:
    """Places, orgs, mechanisms, topics and reference events share this shape."""
    id: str
    kind: str
    names: dict[str, list[str]]
    data: dict[str, Any]


def _read(folder: Path, name: str) -> list[dict[str, Any]]:
    path = folder / f"{name}.yaml"
    if not path.exists():
        return []
    try:
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or []
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeBaseError(f"{path}: {e}") from e
    if not isinstance(content, list) or not all(isinstance(x, dict) for x in content):
        raise KnowledgeBaseError(f"{path}: expected a list of entries")
    return content


def _names(entry: dict[str, Any], key: str, where: str) -> dict[str, list[str]]:
    raw = entry.get(key) or {}
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{where}: {key} must map a language code to names")
    out: dict[str, list[str]] = {}
    for lang, names in raw.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list):
            raise KnowledgeBaseError(f"{where}: {key}.{lang} must be a list of names")
        out[str(lang)] = [str(n) for n in names if n]
    return out


def _date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    s = str(value)
    if not DATE_RE.match(s):
        raise KnowledgeBaseError(f"{where}: bad date {value!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")
    return s


class KnowledgeBase:
    def __init__(self, raw: dict[str, list[dict[str, Any]]]):
        self.actors: dict[str, Actor] = {}
        self.orgs: dict[str, Entry] = {}
        self.places: dict[str, Entry] = {}
        self.countries: dict[str, dict[str, Any]] = {}
        self.mechanisms: dict[str, Entry] = {}
        self.topics: dict[str, Entry] = {}
        self.reference_events: dict[str, Entry] = {}
        self._load(raw)
        self._build_gazetteer()

    # -- loading -------------------------------------------------------------------------------
    def _load(self, raw: dict[str, list[dict[str, Any]]]) -> None:
        for e in raw["actors"]:
            where = f"actors.yaml: {e.get('id')}"
            if not e.get("id"):
                raise KnowledgeBaseError(f"actors.yaml: an entry has no id: {e}")
            roles = [Role(str(r.get("title") or ""), r.get("org"), _date(r.get("start"), where), _date(r.get("end"), where))
                     for r in e.get("roles") or []]
            self.actors[e["id"]] = Actor(e["id"], e.get("type", "person"), e.get("country"),
                                         _names(e, "names", where), _names(e, "short", where), roles)
        for kind, target in (("orgs", self.orgs), ("places", self.places), ("mechanisms", self.mechanisms),
                             ("topics", self.topics), ("reference_events", self.reference_events)):
            for e in raw[kind]:
                if not e.get("id"):
                    raise KnowledgeBaseError(f"{kind}.yaml: an entry has no id: {e}")
                key = "keywords" if kind in ("topics",) else "names"
                names = _names(e, key, f"{kind}.yaml: {e['id']}")
                if kind == "reference_events":
                    names = _names(e, "keywords", f"{kind}.yaml: {e['id']}")
                    for k in ("start", "end"):
                        e[k] = _date(e.get(k), f"{kind}.yaml: {e['id']}")
                target[e["id"]] = Entry(e["id"], kind, names, e)
        for m in self.mechanisms.values():
            parties = m.data.get("parties") or []
            if not isinstance(parties, list) or not all(isinstance(p, str) and len(p) == 2 for p in parties):
                raise KnowledgeBaseError(f"mechanisms.yaml: {m.id}: parties must be ISO 3166-1 alpha-2 codes")
        for e in raw["countries"]:
            code = str(e.get("code") or "").upper()
            if len(code) != 2:
                raise KnowledgeBaseError(f"countries.yaml: bad code {e.get('code')!r}")
            self.countries[code] = {"adjectives": _names(e, "adjectives", code), "aliases": _names(e, "aliases", code)}

    # -- compiled matchers ---------------------------------------------------------------------
    def _build_gazetteer(self) -> None:
        """One Aho-Corasick automaton over the lowercase surface forms of every name, any script."""
        forms: dict[str, list[tuple[str, str, str]]] = {}

        def add(form: str, kind: str, ident: str, how: str) -> None:
            form = form.strip().lower()
            if len(form) >= 2:
                forms.setdefault(form, [])
                if (kind, ident, how) not in forms[form]:
                    forms[form].append((kind, ident, how))

        for a in self.actors.values():
            for lang, names in a.names.items():
                for n in names:
                    add(n, "actor", a.id, "full")
            for lang, names in a.short.items():
                for n in names:
                    add(n, "actor", a.id, "short")
        for kind, table in (("org", self.orgs), ("place", self.places)):
            for e in table.values():
                for names in e.names.values():
                    for n in names:
                        # a name written with a small letter ("palais de l'Élysée") is matched so in text
                        add(n, kind, e.id, "lower" if n[:1].islower() else "full")
        for code, names in self.country_names().items():
            for n in names:
                add(n, "country", code, "name")
        for code, extra in self.countries.items():
            for names in extra["adjectives"].values():
                for n in names:
                    add(n, "country", code, "adjective")
            for names in extra["aliases"].values():
                for n in names:
                    add(n, "country", code, "name")
        for e in self.topics.values():
            for names in e.names.values():
                for n in names:
                    add(n, "topic", e.id, "keyword")
        for e in self.reference_events.values():
            for names in e.names.values():
                for n in names:
                    add(n, "refevent", e.id, "keyword")
        self.forms = forms
        auto = ahocorasick.Automaton()
        for form, values in forms.items():
            auto.add_word(form, (form, tuple(values)))
        auto.make_automaton()
        self.automaton = auto
        # the same for ASCII text, over the ASCII names only: one match step per character is
        # quicker when the automaton's root is not a branch for every first letter of every script
        plain = ahocorasick.Automaton()
        for form, values in forms.items():
            if form.isascii():
                plain.add_word(form, (form, tuple(values)))
        plain.make_automaton()
        self.ascii_automaton = plain

    @functools.lru_cache(maxsize=None)
    def country_names(self) -> dict[str, list[str]]:
        """Country names in every supported language, from CLDR."""
        out: dict[str, list[str]] = {}
        for lang in LANGS:
            for code, name in Locale.parse(lang).territories.items():
                if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
                    out.setdefault(code, []).append(name)
        return out

    def place_country(self, place_id: str) -> str | None:
        p = self.places.get(place_id)
        return p.data.get("country") if p else None

    def place_city(self, place_id: str) -> str | None:
        """A venue ("the Kremlin") stands for its city; a city for itself."""
        p = self.places.get(place_id)
        if p is None:
            return place_id
        if p.data.get("type") == "region":
            return None         # "in California": the country is known, the city is not
        return p.data.get("city") or place_id

    def place_name(self, place_id: str) -> str:
        p = self.places[place_id]
        return (p.names.get("en") or [place_id])[0]

    def mechanism_name(self, mech_id: str) -> str:
        m = self.mechanisms.get(mech_id)
        return (m.names.get("en") or [mech_id])[0] if m else mech_id

    def find(self, lowered: str) -> Iterable[tuple[int, int, str, tuple[tuple[str, str, str], ...]]]:
        """Every gazetteer form in `lowered` as (start, end, form, values); overlapping, unfiltered."""
        for end, (form, values) in self.automaton.iter(lowered):
            yield end - len(form) + 1, end + 1, form, values


def load(kb_dirs: Iterable[str] = ()) -> KnowledgeBase:
    return _load(tuple(str(d) for d in kb_dirs))


@functools.lru_cache(maxsize=4)
def _load(kb_dirs: tuple[str, ...]) -> KnowledgeBase:
    raw: dict[str, list[dict[str, Any]]] = {}
    for name in FILES:
        merged: dict[str, dict[str, Any]] = {}
        for folder in (DATA_DIR, *map(Path, kb_dirs)):
            if folder != DATA_DIR and not folder.is_dir():
                raise KnowledgeBaseError(f"--kb {folder}: not a folder")
            for e in _read(folder, name):
                key = str(e.get("id") or e.get("code"))
                merged[key] = e
        raw[name] = list(merged.values())
    return KnowledgeBase(raw)
