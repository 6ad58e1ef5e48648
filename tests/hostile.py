"""Generate a corpus of hostile inputs: python tests/hostile.py DIR [--big-mb 200].

Binary files, truncated and invalid UTF-8, mixed encodings, a very large text file, empty and
white-space-only files, deeply nested HTML, a WARC with a broken record, a feed with invalid XML,
a symlink loop, an unreadable file, and a few good articles among them. Returns the names.
"""
from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

GOOD = ("Sergei Lavrov and Wang Yi held talks in Moscow on Monday, the ministries said.\n",
        "Nikolai Patrushev met Yang Jiechi in Beijing on Tuesday for the 12th round of the strategic security consultation.\n")


def generate(out: Path, big_mb: int = 200) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    files: dict[str, bytes] = {
        "binary.bin": bytes(rng.randrange(256) for _ in range(50_000)),
        "png_named_txt.txt": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(5000)),
        "truncated_utf8.txt": ("Переговоры прошли в Москве во вторник. " * 30).encode("utf-8")[:-1],
        "invalid_utf8_middle.txt": ("Talks in Moscow. " * 40).encode() + b"\xff\xfe\xfa" + ("Переговоры. " * 40).encode(),
        "mixed_encodings.txt": ("Переговоры в Пекине. " * 20).encode("utf-8") + ("Переговоры в Москве. " * 20).encode("cp1251"),
        "empty.txt": b"",
        "whitespace.txt": b"   \n\n\t  \r\n   ",
        "only_chrome.txt": b"Share\nPrint\nCopyright 2024 Example. All rights reserved.\n",
        "nested.html": b"<html><body>" + b"<div>" * 100_000 + GOOD[0].encode() + b"</div>" * 100_000 + b"</body></html>",
        "bad_feed.rss": b"<?xml version='1.0'?><rss><channel><item><title>x</broken></channel>",
        "null_in_html.html": b"<html>\x00\x00<body>" + GOOD[1].encode() + b"</body></html>",
        "good_1.txt": GOOD[0].encode(),
        "good_2.txt": GOOD[1].encode(),
        "good_cp1251.txt": "Николай Патрушев провел в Пекине консультации с Ван И во вторник. Стороны обсудили безопасность.".encode("cp1251"),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    # a WARC whose second record is cut off
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i, body in enumerate(GOOD):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://hostile.example/{i}", "response",
                                            payload=BytesIO(f"<html><body><p>{body}</p></body></html>".encode()), http_headers=headers))
    data = buf.getvalue()
    (out / "broken.warc.gz").write_bytes(data[: len(data) * 2 // 3] + b"\x00junk" * 10)
    # a very large text file (sparse: it costs no disk)
    with open(out / "huge.txt", "wb") as fh:
        fh.truncate(big_mb * 1024 * 1024)
    # a symlink loop and a link to nowhere
    for a, b in (("loop_a.txt", "loop_b.txt"), ("loop_b.txt", "loop_a.txt")):
        if not os.path.lexists(out / a):
            os.symlink(out / b, out / a)
    if not os.path.lexists(out / "dangling.txt"):
        os.symlink(out / "nowhere.txt", out / "dangling.txt")
    # unreadable (as root this is still readable: then it is simply read)
    locked = out / "unreadable.txt"
    locked.write_bytes(GOOD[0].encode().replace(b"Monday", b"Friday"))
    locked.chmod(0)
    return sorted(p.name for p in out.iterdir())


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--big-mb", type=int, default=200)
    args = ap.parse_args()
    print("\n".join(generate(Path(args.dir), args.big_mb)))
