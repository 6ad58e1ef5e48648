"""A store for the web tests: the English, Chinese, Russian and history examples, and an article
written here whose text holds script and markup (it must show as text, never run)."""
from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES

HOSTILE = """<script>window.__pwned = 1; document.title = 'pwned'</script> Strategic talks in Beijing

Beijing, 12 March 2024

China and Russia held the 19th round of their strategic security consultation in Beijing on 11 March 2024, \
when Wang Yi <img src=x onerror="window.__pwned = 3"> met Sergei Shoigu, Secretary of Russia's Security Council.
The two sides discussed <b onmouseover="window.__pwned = 2">regional security</b> and counter-terrorism, \
the foreign ministry said in a statement published as <a href="javascript:window.__pwned=4">a link</a>.
"Our cooperation <iframe src="https://example.org/"></iframe> is steady," Wang Yi said.
"""


def build(tmp: Path) -> Path:
    from parley.ingest import ingest
    from parley.settings import Settings
    tmp.mkdir(parents=True, exist_ok=True)
    hostile = tmp / "input" / "hostile.txt"
    hostile.parent.mkdir(exist_ok=True)
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = tmp / "web.db"
    ingest([str(EXAMPLES / d) for d in ("en", "zh", "ru", "history")] + [str(hostile)], Settings(db=str(db)))
    return db
