"""French language pack: data in the YAML files beside this module."""
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

