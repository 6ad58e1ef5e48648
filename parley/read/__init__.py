"""Inputs to RawDocs: files and folders (text and HTML) and stdin.

Every input is accounted for: `iter_inputs` yields either a RawDoc or a Rejected error for it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..errors import Rejected
from ..model import RawDoc
from .decode import decode
from .html import read_html

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


def iter_files(paths: list[str]) -> Iterator[tuple[str, Path | None, Rejected | None]]:
    """Expand paths (files, folders walked recursively in sorted order, '-' for stdin)."""
    for p in paths:
        if p == "-":
            yield "-", None, None
            continue
        path = Path(p)
        if path.is_dir():
            seen: set[str] = set()
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    f = Path(root) / name
                    real = os.path.realpath(f)
                    if real in seen:
                        continue
                    seen.add(real)
                    yield str(f), f, None
        elif path.exists():
            yield str(path), path, None
        else:
            yield str(path), None, Rejected("no such file or folder")


def read_bytes(source: str, data: bytes, max_bytes: int) -> RawDoc:
    if len(data) > max_bytes:
        raise Rejected(f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    if not data.strip():
        raise Rejected("empty file")
    suffix = Path(source).suffix.lower()
    text = decode(data)
    head = text[:2048].lower()
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and ("<html" in head or "<!doctype html" in head)):
        return read_html(source, text)
    if not text.strip():
        raise Rejected("only white space")
    return RawDoc(source=source, media_type="text/plain", content=text)


def read_path(source: str, path: Path | None, max_bytes: int, stdin=None) -> RawDoc:
    if path is None:
        import sys
        data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
        return read_bytes("-", data, max_bytes)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Rejected(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise Rejected("permission denied") from None
    except IsADirectoryError:
        raise Rejected("is a folder") from None
    except OSError as e:
        raise Rejected(f"unreadable: {e.strerror or e}") from None
    return read_bytes(source, data, max_bytes)
