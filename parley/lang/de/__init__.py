"""German language pack: data in the YAML files beside this module."""
import functools
import re
import unicodedata

CODE = "de"
SPACED = True

_ENDINGS = ("ern", "en", "em", "er", "es", "e", "n", "s")


def normalize(word: str) -> str:
    """A word's matching form: lowercase, typographic apostrophe folded, a regular inflection or
    plural ending dropped ("Konsultationen" -> "konsultation", "strategischen" -> "strategisch",
    "Sicherheitsrats" -> "sicherheitsrat")."""
    w = unicodedata.normalize("NFC", word).lower().replace("’", "'")
    if len(w) > 4:
        for end in _ENDINGS:
            if w.endswith(end) and len(w) - len(end) >= 4:
                return w[: -len(end)]
    return w


# Pages print the publication date with the day as an ordinal ("22. September 2023, 11:42 Uhr"), or
# day first with slashes; the shared date patterns read neither.
DAY_FIRST = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


@functools.lru_cache(maxsize=1)
def _ordinal_day():
    from .. import load
    pack = load(CODE)
    names = "|".join(re.escape(n) for n in sorted(pack.months, key=len, reverse=True))
    return re.compile(r"\b(\d{1,2})\.\s*(" + names + r")\.?\s+(\d{4})\b", re.IGNORECASE), pack.months


def find_dates(text: str):
    """Absolute dates for the publication date and datelines: "22. September 2023", dd/mm/yyyy and the
    shared patterns (where they overlap, the full date wins over "September 2023")."""
    from .. import load
    from ...dates import DateMatch, find_absolute, valid
    ordinal_day, months = _ordinal_day()
    found = []
    for m in ordinal_day.finditer(text):
        d, mo, y = int(m.group(1)), months[m.group(2).lower()], int(m.group(3))
        if valid(y, mo, d):
            found.append(DateMatch(m.start(), m.end(), y, mo, d, "day-ordinal-month"))
    for m in DAY_FIRST.finditer(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if valid(y, mo, d):
            found.append(DateMatch(m.start(), m.end(), y, mo, d, "dmy-slash"))
    taken = [(x.start, x.end) for x in found]
    found += [x for x in find_absolute(text, load(CODE)) if not any(x.start < e and s < x.end for s, e in taken)]
    return sorted(found, key=lambda x: x.start)
