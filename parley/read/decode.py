"""Bytes to text: byte-order marks, a declared charset (HTTP header or HTML meta), UTF-8, then a
detector (charset-normalizer). Binary and undecodable input is rejected with its reason; nothing
is guessed silently: a detector's guess must decode the bytes cleanly and yield text.

A page (`decode_page`) that is UTF-8 but for a few stray bytes (a Latin-1 byte in a script or an
attribute, which every browser shows past) is read with those bytes replaced by U+FFFD, and says
how many; a text file with them is still rejected, since all of it is its text."""
from __future__ import annotations

import codecs
import re

from ..errors import Rejected

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._-]+)""", re.IGNORECASE)
HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.IGNORECASE)


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _controls(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or "\ufffd" == ch)
    return bad > 0.01 * max(len(sample), 1)


STRAY = re.compile("[\udc80-\udcff]")


def decode_page(data: bytes, content_type: str | None = None) -> tuple[str, int]:
    """An HTML page's text and how many of its bytes were stray (not valid UTF-8, replaced)."""
    try:
        return decode(data, content_type), 0
    except Rejected as e:
        if not str(e).startswith("invalid UTF-8 at byte"):
            raise
    text = data.decode("utf-8", "surrogateescape")     # each stray byte is one lone surrogate
    replaced = len(STRAY.findall(text))
    return STRAY.sub("\ufffd", text), replaced


def decode(data: bytes, content_type: str | None = None) -> str:
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as e:
                raise Rejected(f"not valid {enc} after its byte-order mark: {e.reason} at byte {e.start}") from None
    if b"\x00" in data[:4096]:
        raise Rejected("binary file (NUL bytes)")
    declared = None
    if content_type:
        m = HEADER.search(content_type)
        declared = _codec(m.group(1)) if m else None
    if not declared:
        m = DECLARED.search(data[:4096])
        if m:
            declared = _codec((m.group(1) or m.group(2)).decode("ascii", "ignore"))
    if declared and declared not in ("utf-8",):
        if declared in ("gb2312", "gbk"):
            declared = "gb18030"     # the superset: pages that say gb2312 often use GBK characters
        try:
            text = data.decode(declared)
            if not _controls(text):
                return text
        except (UnicodeDecodeError, LookupError):
            pass    # the declaration is wrong: read the bytes themselves
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
        return data[: utf8_error.start].decode("utf-8")     # cut inside its last character: keep the rest
    mostly = data.decode("utf-8", errors="replace")
    if mostly.count("\ufffd") <= max(8, len(mostly) // 200):
        raise Rejected(f"invalid UTF-8 at byte {utf8_error.start} (not another encoding: the rest is UTF-8)")
    from charset_normalizer import from_bytes
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        if utf8_error.start > len(data) - 4:
            raise Rejected(f"truncated UTF-8 (cut inside a character at byte {utf8_error.start})")
        raise Rejected(f"undecodable: not valid UTF-8 (byte {utf8_error.start}) and no other encoding fits")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise Rejected(f"undecodable: looks like {best.encoding} but does not decode cleanly") from None
    if _controls(text):
        raise Rejected("binary file (control characters)")
    return text
