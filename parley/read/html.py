"""HTML pages: main text and title with trafilatura, the metadata date with htmldate."""
from __future__ import annotations

from ..errors import Rejected
from ..model import RawDoc


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
    try:
        date = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:
        date = None
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return RawDoc(source=source, media_type="text/html", content=text, meta_published=date, title=title,
                  url=url or getattr(doc, "url", None))
