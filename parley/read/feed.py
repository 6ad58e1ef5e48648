"""RSS/Atom feeds (feedparser), from a file or an http(s) URL. Each entry's linked page is
fetched (with a timeout, a size cap and a polite user agent); when the page cannot be had, the
entry's own content is the document."""
from __future__ import annotations

import re
import urllib.request
from typing import Iterator

from ..errors import Rejected
from ..model import RawDoc
from . import page

USER_AGENT = "Parley/0.1 (+https://example.invalid/parley; news research; polite)"
TAGS = re.compile(r"<[^>]+>")


def fetch(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    if not url.startswith(("http://", "https://")):
        raise Rejected(f"not an http(s) address: {url}")
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read(max_bytes + 1)
            ctype = resp.headers.get("Content-Type", "")
    except Exception as e:  # network errors come in many types; each is one reason
        raise Rejected(f"could not fetch {url}: {type(e).__name__}: {e}"[:200]) from None
    if len(data) > max_bytes:
        raise Rejected(f"{url}: larger than {max_bytes:,} bytes")
    return data, ctype


def is_feed(data: bytes) -> bool:
    head = data[:2000].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or head.startswith((b"<rss", b"<feed"))


def entries(source: str, data: bytes) -> list[dict]:
    import feedparser
    parsed = feedparser.parse(data)
    usable = [e for e in parsed.entries if e.get("link") or e.get("summary") or e.get("content")]
    if parsed.bozo and not usable:
        raise Rejected(f"not a readable feed: {type(parsed.bozo_exception).__name__}")
    return list(parsed.entries)


def entry_key(entry: dict) -> str:
    return entry.get("id") or entry.get("link") or entry.get("title") or ""


def read_entry(entry: dict, feed_source: str, timeout: float, max_bytes: int) -> RawDoc:
    link = entry.get("link")
    published = None
    if entry.get("published_parsed"):
        t = entry["published_parsed"]
        published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    if link and link.startswith(("http://", "https://")):
        try:
            data, ctype = fetch(link, timeout, max_bytes)
            raw = page(link, data, ctype, url=link)
            if not raw.meta_published and published:
                raw.meta_published = published
            return raw
        except Rejected:
            pass    # the page cannot be had: the entry's own words are the document
    content = ""
    if entry.get("content"):
        content = " ".join(c.get("value", "") for c in entry["content"])
    content = content or entry.get("summary", "")
    text = TAGS.sub(" ", content).strip()
    if not text:
        raise Rejected(f"feed entry with no reachable page and no content: {link or entry_key(entry)}")
    title = entry.get("title")
    return RawDoc(source=link or f"{feed_source}#{entry_key(entry)}", media_type="text/plain",
                  content=f"{title}\n\n{text}" if title else text, meta_published=published, title=title, url=link)


def read_feed(source: str, data: bytes, timeout: float, max_bytes: int, seen: set[str] | None = None) -> Iterator[tuple[str, RawDoc | Rejected, str]]:
    """(source, document or rejection, entry key) for every entry not in `seen`."""
    try:
        items = entries(source, data)
    except Rejected as e:
        yield source, e, ""
        return
    for entry in items:
        key = entry_key(entry)
        if seen is not None and key in seen:
            continue
        src = entry.get("link") or f"{source}#{key}"
        try:
            yield src, read_entry(entry, source, timeout, max_bytes), key
        except Rejected as e:
            yield src, e, key
