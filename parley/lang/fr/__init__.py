"""French language pack: data in the YAML files beside this module."""
import re
import unicodedata

CODE = "fr"
SPACED = True

_ELISION = ("l'", "d'", "qu'", "s'", "n'", "j'", "m'", "t'", "c'", "jusqu'", "lorsqu'", "puisqu'")


def normalize(word: str) -> str:
    """A word's matching form: lowercase, accents and an elided article dropped, regular plural
    dropped ("l'application" -> "application", "Consultations" -> "consultation", "russes" -> "russe")."""
    w = word.lower().replace("’", "'")
    for e in _ELISION:
        if w.startswith(e) and len(w) > len(e) + 1:
            w = w[len(e):]
            break
    w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    if len(w) > 3 and w.endswith(("s", "x")) and not w.endswith(("ss", "us")):
        return w[:-1]
    return w


# Pages print the publication date day first ("Publié le 18/09/2023 à 17h52"), a form the shared
# date patterns leave out (in English it would be month first).
DAY_FIRST = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def find_dates(text: str):
    """Absolute dates for the publication date and datelines: the shared patterns, and dd/mm/yyyy."""
    from .. import load
    from ...dates import DateMatch, find_absolute, valid
    found = find_absolute(text, load(CODE))
    taken = [(d.start, d.end) for d in found]
    for m in DAY_FIRST.finditer(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if valid(y, mo, d) and not any(m.start() < e and s < m.end() for s, e in taken):
            found.append(DateMatch(m.start(), m.end(), y, mo, d, "dmy-slash"))
    return sorted(found, key=lambda x: x.start)
