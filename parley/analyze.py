"""The per-document pipeline, pure: a RawDoc and the knowledge base in, a DocResult out.

No I/O and no shared mutable state: the same document gives the same result in any process, and
the input is never changed. `Analyzer.analyze_document` only sequences the stages, one module each
under parley/stages/ (see that package for the order and what each decides).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import yaml

from . import langid
from .clean import Cleaner
from .ids import doc_id
from .kb import KnowledgeBase
from .lang import available, hant, load as load_pack
from .model import DocResult, Document, RawDoc
from .published import find_published
from .settings import Settings
from .stages import clusters, coref, dating, events, frames, gate, infer, sentences, sources, tier


def _official() -> re.Pattern[str]:
    labels = yaml.safe_load((Path(__file__).with_name("official_sources.yaml")).read_text(encoding="utf-8"))["address_labels"]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, labels)) + r")\.")


OFFICIAL = _official()      # an official source's address (official_sources.yaml)


def _host(url: str) -> str:
    """The host of a URL, with a dot after it (so that 'kremlin.ru' is told by its labels only)."""
    from urllib.parse import urlsplit
    try:
        return (urlsplit(url).hostname or "") + "."
    except ValueError:
        return ""


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
        elif "language menu" in reasons or OFFICIAL.search(raw.source) or (raw.url and OFFICIAL.search(_host(raw.url))):
            kind = "official"
        elif reasons & {"dateline", "chrome"} and pub.date:
            kind = "news"
        else:
            kind = "other"
        title = raw.title or cleaned.title
        doc = Document(id=doc_id(cleaned.text, pub.date), source=raw.source, title=title, language=language,
                       languages=languages, published=pub.date, published_from=pub.source, kind=kind,
                       text=cleaned.text, removed=cleaned.removed, parts=parts, url=raw.url)
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
        regions = sentences.regions(doc, self.packs, self.pack, self.latin, self.function_words)
        read = sentences.read(text, kb, regions)                  # each sentence's mentions
        sents = read.sents
        names, originals = coref.resolve_people(doc, sents, read.tokens, read.token_starts, kb, self.title_vocabulary)
        said = sources.find(text, sents, read.framed)            # quotes; spans no frame reads
        anchor, _, anchor_span = dating.anchor(doc, sents, kb)
        doc = dating.with_anchor(doc, anchor, anchor_span)
        found, per_sentence, facts = frames.read(doc.id, text, sents, read.framed, said.excluded, said.quoted)
        topics = events.discussion(text, sents, per_sentence, said.quotes)
        dating.date_frames(found, anchor, sents)
        infer.implied_mechanisms(found, sents, text, self.pack)
        coref.fill_singular(found, sents, text)
        meetings = clusters.one_cluster_per_round(clusters.merge(found, text, kb), kb)
        infer.infer(meetings, found, anchor, doc, sents, kb)
        # a meeting with nobody named and no mechanism is nothing an analyst could place, nor could
        # another report of it ever be merged with it
        meetings = [c for c in meetings if c.people or c.mechanism]
        meetings = gate.consultations(meetings, sents, text, kb)     # two sides, or it is no consultation
        mentions = events.assemble(doc, meetings, topics, names, kb)
        if not mentions and doc.language and doc.language not in self.packs:
            # a language with no pack: what the language-independent tier can read, if anything
            mentions = tier.read(doc, kb)
        quotes = events.quote_records(doc, said.quotes, mentions, meetings, names, kb)
        actors = coref.discovered(sents, names, originals, kb)
        new_mechs = [{"id": m.value, "name": m.extra.get("name"), "parties": m.extra.get("parties")}
                     for st in sents for m in st.mentions if m.kind == "mechanism" and m.rule == "mechanisms:new-from-text"]
        return DocResult(doc, mentions, quotes, actors, facts, new_mechs)
