"""Every id Parley makes, in one place.

A document's id is the SHA-256 of its normalized text and stated date (the same article re-read
is the same document). Everything else is named by `digest`: the SHA-1 of its parts joined by a
unit separator, cut to a length — an event mention or a quote by its document and position, an
event by its mechanism and round (else its first mention), a person the knowledge base does not
hold by their name (`slug`, when the name has no Latin letters to spell it with).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata


def digest(*parts: str, length: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def doc_id(text: str, published: str | None = None) -> str:
    """SHA-256 of the normalized clean text and the publication date the page states: the same
    article re-read is the same document; the same words under another date are another."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())     # runs of white space as one space
    return hashlib.sha256(f"{norm}\n{published or ''}".encode("utf-8")).hexdigest()


def slug(name: str) -> str:
    """A person's id from their name: its ASCII letters and digits, else a digest of it."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x" + digest(name, length=8)


def mention_id(doc: str, index: int) -> str:
    return "em_" + digest(doc, str(index))


def quote_id(doc: str, start: int, end: int) -> str:
    return "qt_" + digest(doc, str(start), str(end))


def event_id(key: str) -> str:
    """An event's id from its key: "mechanism#round", else the smallest of its mentions' ids."""
    return "ev_" + digest(key, length=12)
