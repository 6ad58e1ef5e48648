"""Pictures drawn on the server as SVG (no script): a mechanism's rounds on a time axis, with the
missing rounds shown as breaks in the line, and a bar chart of meetings per year. Every label is
escaped."""
from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup, escape

STATUS_FILL = {"occurred": "#1f5fa8", "planned": "#ffffff", "cancelled": "#ffffff", None: "#8a8a8a"}


def _day(iso: str | None, last: bool = False) -> date | None:
    """The first (or last) day an ISO date of any precision can mean."""
    if not iso:
        return None
    try:
        if len(iso) == 10:
            return date.fromisoformat(iso)
        if len(iso) == 7:
            y, m = int(iso[:4]), int(iso[5:7])
            if not last:
                return date(y, m, 1)
            following = date(y + (m == 12), m % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        if len(iso) == 4:
            return date(int(iso), 12, 31) if last else date(int(iso), 1, 1)
    except ValueError:
        return None
    return None


def _mid(d: dict[str, Any] | None) -> date | None:
    if not d:
        return None
    a, b = _day(d.get("start")), _day(d.get("end") or d.get("start"), last=True)
    if not a or not b:
        return a or b
    return date.fromordinal((a.toordinal() + b.toordinal()) // 2)


def timeline_svg(rows: list[dict[str, Any]], link) -> Markup:
    """`rows` as timeline.build gives them (rounds and gaps, in order). Dated rounds are placed by
    date, each marked with its number; consecutive rounds are joined by a line, and where numbers
    are missing between two rounds the line breaks and says which are missing. A planned round is
    hollow, a cancelled one crossed, one whose sources disagree ringed in red."""
    dated = [(r, _mid(r["date"])) for r in rows if not r["gap"]]
    points = [(r, d) for r, d in dated if d]
    undated = [r for r, d in dated if not d]
    width, height, left, right, axis_y = 960, 190, 40, 40, 120
    if not points:
        return Markup('<p class="muted">No dated rounds to draw.</p>')
    lo, hi = min(d for _, d in points), max(d for _, d in points)
    y0, y1 = lo.year, hi.year + 1
    span = max(1, date(y1, 1, 1).toordinal() - date(y0, 1, 1).toordinal())

    def x(d: date) -> float:
        return left + (d.toordinal() - date(y0, 1, 1).toordinal()) / span * (width - left - right)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="rounds on a time axis">',
             f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" class="axis"/>']
    step = max(1, (y1 - y0) // 12 + (1 if (y1 - y0) % 12 else 0))
    for y in range(y0, y1 + 1, step):
        xx = x(date(y, 1, 1))
        parts.append(f'<line x1="{xx:.1f}" y1="{axis_y}" x2="{xx:.1f}" y2="{axis_y + 6}" class="tick"/>'
                     f'<text x="{xx:.1f}" y="{axis_y + 20}" class="year">{y}</text>')
    # the line between rounds: solid when their numbers follow, broken where numbers are missing
    prev: tuple[dict[str, Any], date] | None = None
    missing: list[int] = []
    by_id = {id(r): d for r, d in points}
    for r in rows:
        if r["gap"]:
            missing.append(r["round"])
            continue
        d = by_id.get(id(r))
        if d is None:
            continue
        if prev is not None:
            x1, x2 = x(prev[1]), x(d)
            if missing:
                label = escape(f"round {missing[0]} missing" if len(missing) == 1
                               else f"rounds {missing[0]}–{missing[-1]} missing")
                parts.append(f'<line x1="{x1:.1f}" y1="70" x2="{x2:.1f}" y2="70" class="gap"/>'
                             f'<text x="{(x1 + x2) / 2:.1f}" y="62" class="gaplabel">{label}</text>')
            else:
                parts.append(f'<line x1="{x1:.1f}" y1="70" x2="{x2:.1f}" y2="70" class="link"/>')
        prev, missing = (r, d), []
    for i, (r, d) in enumerate(points):
        xx = x(d)
        fill = STATUS_FILL.get(r["status"], "#8a8a8a")
        title = escape(f"round {r['round'] or '?'} · {(r['date'] or {}).get('start') or 'undated'} · "
                       f"{', '.join(v for v in ((r['location'] or {}).get('city'), (r['location'] or {}).get('country')) if v) or 'place unknown'}"
                       f" · {r['status'] or 'status unknown'}")
        ring = ' class="conflict"' if r["conflicts"] else ""
        parts.append(f'<a href="{escape(link(r))}"><g class="round"><title>{title}</title>'
                     f'<line x1="{xx:.1f}" y1="70" x2="{xx:.1f}" y2="{axis_y}" class="stem"/>'
                     f'<circle cx="{xx:.1f}" cy="70" r="9" fill="{fill}" stroke="#1f5fa8" stroke-width="2"{ring}/>')
        if r["status"] == "cancelled":
            parts.append(f'<path d="M{xx - 6:.1f},64 l12,12 M{xx + 6:.1f},64 l-12,12" class="cross"/>')
        label = escape(str(r["round"]) if r["round"] else "·")
        parts.append(f'<text x="{xx:.1f}" y="{44 - (i % 2) * 12}" class="rlabel">{label}</text></g></a>')
    if undated:
        parts.append(f'<text x="{left}" y="{height - 8}" class="muted">undated: '
                     f'{escape(", ".join(str(r["round"] or "?") for r in undated))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def per_year_svg(counts: list[tuple[int, int]], caption: str) -> Markup:
    """Meetings per year as bars, every year in the range shown (a year without meetings is a gap)."""
    counts = [(y, n) for y, n in counts if y]
    if not counts:
        return Markup('<p class="muted">No dated meetings.</p>')
    have = dict(counts)
    years = list(range(min(have), max(have) + 1))
    top = max(have.values())
    width, height, left, bottom = max(240, 28 * len(years) + 50), 150, 34, 24
    bar = (width - left - 10) / len(years)
    every = max(1, -(-34 // int(bar)))   # a label every few bars, so that year labels never overlap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" width="{width:.0f}" height="{height}" '
             f'viewBox="0 0 {width:.0f} {height}" role="img" '
             f'aria-label="{escape(caption)}"><title>{escape(caption)}</title>',
             f'<text x="4" y="12" class="muted">{top}</text>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10:.0f}" y2="{height - bottom}" class="axis"/>']
    for i, y in enumerate(years):
        n = have.get(y, 0)
        h = (height - bottom - 16) * n / top
        xx = left + i * bar
        parts.append(f'<g><title>{y}: {n}</title><rect x="{xx + 2:.1f}" y="{height - bottom - h:.1f}" '
                     f'width="{max(1.0, bar - 4):.1f}" height="{h:.1f}" class="bar"/></g>')
        if i % every == 0:
            parts.append(f'<text x="{xx + bar / 2:.1f}" y="{height - 8}" class="year">{y}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
