"""WARC and WARC.gz files (warcio): every HTML response record is a document, with its target
URI and the record's date as a fallback publication date. A broken record is reported and the
records after it are still read when the file allows it."""
from __future__ import annotations

from typing import Iterator

from ..errors import Rejected
from ..model import RawDoc
from .decode import decode
from .html import read_html


def read_warc(path: str, max_bytes: int) -> Iterator[tuple[str, RawDoc | Rejected]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{path}#{uri or n}"
                n += 1
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                try:
                    data = record.content_stream().read(max_bytes + 1)
                    if len(data) > max_bytes:
                        raise Rejected(f"record too large (over {max_bytes:,} bytes)")
                    if not data.strip():
                        raise Rejected("empty record")
                    raw = read_html(source, decode(data, ctype), url=uri or None)
                    if not raw.meta_published:
                        date = (record.rec_headers.get_header("WARC-Date") or "")[:10]
                        if date:
                            raw.meta_published = date
                    yield source, raw
                except Rejected as e:
                    yield source, e
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        if "first line" in first or not first.isprintable():
            first = "its headers cannot be read"     # the message quotes raw bytes: not for a summary line
        yield f"{path}#{n}", Rejected(f"broken WARC record after {n} record{'s' if n != 1 else ''}: {first[:120]}")
        return
    broken = _unreadable_tail(path)
    if broken:      # warcio may stop quietly at a damaged record: say what was lost
        yield f"{path}#{n}", Rejected(f"broken WARC record: {broken}")


def _unreadable_tail(path: str) -> str | None:
    """Why the file cannot be read to its end, or None when it can."""
    import gzip
    import zlib
    if not path.lower().endswith(".gz"):
        return None
    try:
        with gzip.open(path, "rb") as g:
            while g.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error) as e:
        return f"the file is damaged after the records read ({type(e).__name__})"
    return None
