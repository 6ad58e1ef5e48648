"""Bytes to text: BOMs, UTF-8, then a detector; binary and undecodable input is rejected."""
from __future__ import annotations

import codecs

from ..errors import Rejected

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> str:
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as e:
                raise Rejected(f"not valid {enc} after its byte-order mark: {e.reason} at byte {e.start}") from None
    if b"\x00" in data[:4096]:
        raise Rejected("binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("utf_8",):
        raise Rejected("undecodable: not UTF-8 and no other encoding fits")
    text = data.decode(best.encoding, errors="strict") if _strict_ok(data, best.encoding) else None
    if text is None:
        raise Rejected(f"undecodable: looks like {best.encoding} but does not decode cleanly")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 20000):
        raise Rejected("binary file (control characters)")
    return text


def _strict_ok(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except (UnicodeDecodeError, LookupError):
        return False
