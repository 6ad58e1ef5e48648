"""Inputs to RawDocs: files and folders (text, HTML, WARC, RSS/Atom), http(s) feed or page
addresses, and stdin ('-').

Every input is accounted for: `iter_inputs` yields (source, RawDoc or Rejected) for every
document an input holds — one for a page, one per record of a WARC, one per entry of a feed.
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import Rejected
from ..model import RawDoc
from .decode import decode, decode_page
from .html import read_html

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def display(path: str | Path) -> str:
    """A path as a source name that can be stored and printed: a file name that is not UTF-8
    (its bytes kept by Python as lone surrogates) shows those bytes as \\xNN."""
    s = str(path)
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def iter_files(paths: list[str]) -> Iterator[tuple[str, Path | None, Rejected | None]]:
    """Expand paths (files, folders walked recursively in sorted order, '-' and URLs as they are).
    Sources are display names (see `display`); the paths are what is opened."""
    for p in paths:
        if p == "-" or p.startswith(("http://", "https://")):
            yield p, None, None
            continue
        path = Path(p)
        try:
            is_dir = path.is_dir()
            exists = path.exists()
        except OSError as e:    # a symlink loop given by name
            yield display(path), None, Rejected(f"unreadable: {e.strerror or e}")
            continue
        if is_dir:
            seen: set[str] = set()
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                real_root = os.path.realpath(root)    # a file that is no link is where its folder is
                folder = Path(root)
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    f = folder / name
                    real = os.path.realpath(f) if os.path.islink(f) else os.path.join(real_root, name)
                    if real in seen:
                        continue
                    seen.add(real)
                    yield display(f), f, None
        elif exists or path.is_symlink():
            yield display(path), path, None
        else:
            yield display(path), None, Rejected("no such file or folder")


def read_bytes(source: str, data: bytes, max_bytes: int) -> RawDoc:
    if len(data) > max_bytes:
        raise Rejected(f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    if not data.strip():
        raise Rejected("empty file")
    suffix = os.path.splitext(source)[1].lower()     # as Path(source).suffix, without building a path
    head = data[:2048].lower()
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and (b"<html" in head or b"<!doctype html" in head)):
        return page(source, data)
    text = decode(data)
    if not text.strip():
        raise Rejected("only white space")
    return RawDoc(source=source, media_type="text/plain", content=text)


def page(source: str, data: bytes, content_type: str | None = None, url: str | None = None) -> RawDoc:
    """An HTML page: decoded (a few stray bytes replaced and counted), then read."""
    text, replaced = decode_page(data, content_type)
    raw = read_html(source, text, url=url)
    raw.replaced_bytes = replaced
    return raw


def _load(source: str, path: Path | None, max_bytes: int, stdin: BinaryIO | None) -> bytes:
    if path is None:
        return (stdin or sys.stdin.buffer).read(max_bytes + 1)
    try:
        fd = os.open(path, os.O_RDONLY)     # no file object: a tenth of the cost of a small file
        try:
            size = os.fstat(fd).st_size
            if size > max_bytes:
                raise Rejected(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
            # a buffer of the size the file has (asking for max_bytes allocates that much, per
            # file), then on in small steps to the end: a file that grew since, a short read, a
            # device or pipe that tells no size
            chunks = [os.read(fd, min(size, max_bytes) + 1)]
            total = len(chunks[0])
            while chunks[-1] and total <= max_bytes:
                chunks.append(os.read(fd, min(1 << 16, max_bytes + 1 - total)))
                total += len(chunks[-1])
            return chunks[0] if len(chunks) == 2 and not chunks[1] else b"".join(chunks)
        finally:
            os.close(fd)
    except PermissionError:
        raise Rejected("permission denied") from None
    except IsADirectoryError:
        raise Rejected("is a folder") from None
    except OSError as e:
        raise Rejected(f"unreadable: {e.strerror or e}") from None


def iter_inputs(paths: list[str], max_bytes: int, timeout: float = 20.0, stdin: BinaryIO | None = None,
                seen_entries: set[str] | None = None) -> Iterator[tuple[str, RawDoc | Rejected]]:
    """Every document of every input, or the reason it cannot be read."""
    from .feed import fetch, is_feed, read_feed
    from .warc import read_warc
    for source, path, err in iter_files(paths):
        if err is not None:
            yield source, err
            continue
        try:
            if source.startswith(("http://", "https://")):
                data, ctype = fetch(source, timeout, max_bytes)
                if is_feed(data):
                    for src, doc, _ in read_feed(source, data, timeout, max_bytes, seen_entries):
                        yield src, doc
                else:
                    yield source, page(source, data, ctype, url=source)
                continue
            name = source.lower()
            if path is not None and (name.endswith(".warc") or name.endswith(".warc.gz")):
                yield from read_warc(str(path), max_bytes)
                continue
            data = _load(source, path, max_bytes, stdin)
            if path is not None and (os.path.splitext(name)[1] in FEED_SUFFIXES or is_feed(data)):
                for src, doc, _ in read_feed(source, data, timeout, max_bytes, seen_entries):
                    yield src, doc
                continue
            yield (source if path else "-"), read_bytes(source if path else "-", data, max_bytes)
        except Rejected as e:
            yield source, e
        except Exception as e:      # a bug in reading one input must not stop the others
            yield source, internal_rejection(e, "while reading")


def internal_rejection(e: BaseException, where: str) -> Rejected:
    """A failure that is Parley's, as a rejection: a one-line reason, the traceback kept beside it
    (`trace`) for the log."""
    first = (str(e).splitlines() or [""])[0]
    r = Rejected((f"internal error: {where}: {type(e).__name__}" + (f": {first}" if first else ""))[:240])
    r.trace = "".join(traceback.format_exception(type(e), e, e.__traceback__))     # type: ignore[attr-defined]
    return r
