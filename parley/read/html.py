"""HTML pages: main text and title with trafilatura; the publication date from the page's structured
metadata first (JSON-LD `datePublished`, `article:published_time` and its kin, `itemprop=datePublished`),
then from htmldate. Text cues come later, in `published.py`, for pages that state no date at all.

Structured metadata goes first because it is the publisher's own statement about this article,
while a date found by looking through the page can be the site menu's "today" or a sidebar story's.
A date is taken as the page writes it (its local day), never shifted to another time zone."""
from __future__ import annotations

import html as html_mod
import json
import re
from datetime import date, datetime
from functools import lru_cache

from ..errors import Rejected
from ..model import RawDoc

# JSON-LD types that describe the page's own article (or the page itself).
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
                  "blogposting", "liveblogposting", "scholarlyarticle", "backgroundnewsarticle", "webpage",
                  "reviewnewsarticle", "socialmediaposting", "report", "pressrelease"}
# <meta> names and properties that give the publication (not modification) date, best first.
_META_KEYS = ("article:published_time", "og:published_time", "og:article:published_time", "datepublished",
              "publishdate", "publish-date", "publish_date", "pubdate", "parsely-pub-date", "sailthru.date",
              "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "citation_publication_date",
              "article.published", "date")
_META_RANK = {k: i for i, k in enumerate(_META_KEYS)}

_LD_SCRIPT = re.compile(r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[^>]*>(.*?)</script\s*>", re.I | re.S)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ITEMPROP_TAG = re.compile(r"<(\w+)\b[^>]*\bitemprop\s*=\s*[\"']?datePublished\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_MAX_SCRIPT = 500_000      # a JSON-LD block larger than this is not metadata


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): html_mod.unescape(m.group(2) if m.group(2) is not None else
                                                   m.group(3) if m.group(3) is not None else m.group(4))
            for m in _ATTR.finditer(tag)}


def parse_day(value, today: date | None = None) -> str | None:
    """'2020-06-29T00:16:15+03:00' -> '2020-06-29' (the day as written); other spellings ('Tue, Sep 15
    2020 10:01:41 EDT', a date in Arabic or German words) too. None when no plausible full date."""
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return None
    d = _day(value.strip())
    if d is None or d.year < 1990 or d > (today or date.today()):
        return None
    return d.isoformat()


@lru_cache(maxsize=4096)
def _day(value: str) -> date | None:
    m = _ISO_DAY.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if not re.search(r"\d{4}", value):     # no year written: not a publication date
        return None
    # English and numeric spellings: dateutil, parsed against two different defaults so that a day or
    # month the value does not write is noticed instead of filled in.
    from dateutil import parser as du
    try:
        a = du.parse(value, default=datetime(2000, 1, 1), ignoretz=True)
        b = du.parse(value, default=datetime(2001, 2, 2), ignoretz=True)
        if a.date() == b.date():
            return a.date()
        return None
    except (ValueError, OverflowError, TypeError):
        pass
    if not re.search(r"[^\W\d_]{3}", value):     # no month or day name to read
        return None
    import dateparser        # other languages' month and day names (slower: only here)
    try:
        dt = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                               "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"})
    except Exception:   # dateparser raises assorted errors on odd input
        return None
    return dt.date() if dt else None


def _ld_nodes(data):
    """Every JSON object in a JSON-LD document, @graph members and nested values included."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(reversed(node))


def _types(node: dict) -> set[str]:
    t = node.get("@type")
    return {str(x).lower() for x in (t if isinstance(t, list) else [t]) if x}


def jsonld_published(page: str) -> str | None:
    """datePublished of the page's article in its JSON-LD (then of any JSON-LD object; then
    dateCreated); None when the page has none that parses."""
    article = other = created = None
    for m in _LD_SCRIPT.finditer(page):
        block = m.group(1).strip()
        if not block or len(block) > _MAX_SCRIPT:
            continue
        try:
            data = json.loads(block.replace("<!--", "").replace("-->", ""), strict=False)
        except ValueError:
            continue
        for node in _ld_nodes(data):
            pub = parse_day(node.get("datePublished"))
            if pub and article is None and _types(node) & _ARTICLE_TYPES:
                article = pub
            elif pub and other is None:
                other = pub
            if created is None:
                created = parse_day(node.get("dateCreated"))
        if article:
            break
    return article or other or created


def meta_published(page: str) -> str | None:
    """The publication date a <meta> tag or an itemprop=datePublished element states, best key first."""
    best = None
    for m in _META_TAG.finditer(page):
        a = _attrs(m.group(0))
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
        rank = _META_RANK.get(key)
        if rank is None or (best and best[0] <= rank):
            continue
        day = parse_day(a.get("content"))
        if day:
            best = (rank, day)
    if best:
        return best[1]
    for m in _ITEMPROP_TAG.finditer(page):
        a = _attrs(m.group(0))
        day = parse_day(a.get("content") or a.get("datetime"))
        if day:
            return day
        tail = page[m.end(): m.end() + 200]
        day = parse_day(re.split(r"<", tail, maxsplit=1)[0].strip())
        if day:
            return day
    return None


def structured_published(page: str) -> str | None:
    """The publication date the page's structured metadata gives: JSON-LD, then <meta>/itemprop."""
    return jsonld_published(page) or meta_published(page)


def read_html(source: str, html: str, url: str | None = None) -> RawDoc:
    import trafilatura
    from htmldate import find_date

    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                          with_metadata=True, favor_recall=True)
    except Exception as e:  # trafilatura raises a variety of parser errors on broken markup
        raise Rejected(f"HTML could not be parsed: {type(e).__name__}") from None
    if doc is None:
        raise Rejected("HTML page with no main text")
    text = getattr(doc, "text", None) or ""
    title = getattr(doc, "title", None)
    if not text.strip():
        raise Rejected("HTML page with no main text")
    date_ = structured_published(html)
    if date_ is None:
        try:
            date_ = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
        except Exception:
            date_ = None
    if date_ is None:
        try:
            date_ = find_date(html, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
        except Exception:
            date_ = None
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return RawDoc(source=source, media_type="text/html", content=text, meta_published=date_, title=title,
                  url=url or getattr(doc, "url", None))
