"""WARC and WARC.gz files (warcio): every HTML response record is a document, with its target
URI and the record's date as a fallback publication date. A broken record is reported and the
records after it are still read when the file allows it.

A compressed file is expanded here, in steps, never whole: a record's content is read up to
`--max-bytes` (what is expanded, not what is stored), and the expanded bytes between two records
are bounded by the record's stated length plus a megabyte for headers, so a file that expands
without end (a "gzip bomb") is stopped within a few megabytes of where it starts."""
from __future__ import annotations

import io
import zlib
from typing import BinaryIO, Iterator

from ..errors import Rejected
from ..model import RawDoc
from . import display, page

HEADROOM = 1 << 20      # expanded bytes allowed for a record's headers (and read-ahead)


class TooMuch(Exception):
    """The expanded stream went past its allowance."""


class Expanded(io.RawIOBase):
    """The expanded bytes of a gzip file (every member, one after another), with an allowance:
    reading past `limit` expanded bytes raises TooMuch. A damaged or cut stream ends there (what
    came before it is all read), and `damage` says what was wrong."""

    def __init__(self, fh: BinaryIO, gz: bool = True, limit: int = HEADROOM):
        self.fh, self.gz, self.limit = fh, gz, limit
        self.expanded = 0
        self.d = zlib.decompressobj(31)
        self.inp = b""
        self.damage: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        out = self._more(len(b))
        b[: len(out)] = out
        return len(out)

    def _more(self, n: int) -> bytes:
        if not self.gz:     # a plain file: the same allowance, nothing to expand
            out = self.fh.read(max(1, min(n, 1 << 16)))
            self.expanded += len(out)
            if self.expanded > self.limit:
                raise TooMuch()
            return out
        while True:
            if self.d.eof:
                if not self.inp:
                    self.inp = self.fh.read(1 << 16)
                    if not self.inp:
                        return b""          # the end, after a whole member
                self.d = zlib.decompressobj(31)
            if not self.inp:
                self.inp = self.fh.read(1 << 16)
                if not self.inp:
                    self.damage = "it ends inside a compressed member"
                    return b""
            try:
                out = self.d.decompress(self.inp, max(1, min(n, 1 << 16)))
            except zlib.error:
                self.damage = "its compressed data is damaged"
                self.inp = b""
                return b""
            self.inp = self.d.unused_data if self.d.eof else self.d.unconsumed_tail
            if out:
                self.expanded += len(out)
                if self.expanded > self.limit:
                    raise TooMuch()
                return out


def read_warc(path: str, max_bytes: int) -> Iterator[tuple[str, RawDoc | Rejected]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    records = 0     # records of any type whose headers were read
    name = display(path)
    try:
        with open(path, "rb") as raw:
            gz = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            expanded = Expanded(raw, gz)
            for record in ArchiveIterator(io.BufferedReader(expanded, 1 << 16)):
                # this record's stated length (read in steps, or skipped), and room for the next one's headers
                records += 1
                length = int(record.rec_headers.get_header("Content-Length") or 0)
                expanded.limit = expanded.expanded + length + HEADROOM
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{name}#{uri or n}"
                n += 1
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                try:
                    data = record.content_stream().read(max_bytes + 1)
                    if len(data) > max_bytes:
                        raise Rejected(f"record too large (over {max_bytes:,} bytes)")
                    left = getattr(record.raw_stream, "limit", 0)   # what its stated length promised and the file lacks
                    if left > 0:
                        raise Rejected(f"broken WARC record: cut short ({left:,} of its {length:,} bytes missing)")
                    if not data.strip():
                        raise Rejected("empty record")
                    doc = page(source, data, ctype, url=uri or None)
                    if not doc.meta_published:
                        date = (record.rec_headers.get_header("WARC-Date") or "")[:10]
                        if date:
                            doc.meta_published = date
                    yield source, doc
                except Rejected as e:
                    yield source, e
        if expanded.damage:     # warcio stops quietly at a damaged record: say what was lost
            yield f"{name}#{n}", Rejected(f"broken WARC record: the file is damaged after the records read ({expanded.damage})")
    except TooMuch:
        if not records:
            yield f"{name}#0", Rejected(f"not a WARC file: no record header in its first {HEADROOM >> 20} MB (expanded)")
            return
        yield f"{name}#{n}", Rejected(f"broken WARC record after {n} record{'s' if n != 1 else ''}: "
                                      f"it expands past its stated length (the limit is {max_bytes:,} bytes a record)")
        return
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        if "first line" in first or not first.isprintable():
            first = "its headers cannot be read"     # the message quotes raw bytes: not for a summary line
        yield f"{name}#{n}", Rejected(f"broken WARC record after {n} record{'s' if n != 1 else ''}: {first[:120]}")
        return
