"""Italian language pack: data in the YAML files beside this module."""
import unicodedata

CODE = "it"
SPACED = True

_ELISION = ("l'", "dell'", "all'", "nell'", "dall'", "sull'", "un'", "d'", "quest'", "quell'")


def normalize(word: str) -> str:
    """A word's matching form: lowercase, accents and an elided article dropped, the final vowel
    of a regular inflection dropped, so singular and plural meet ("consultazioni", "consultazione"
    -> "consultazion"; "strategiche", "strategica", "strategico" -> "strategic"). A light stemmer
    rather than a lemmatizer: simplemma's Italian dictionary costs 80 MB per process."""
    w = word.lower().replace("’", "'")
    for e in _ELISION:
        if w.startswith(e) and len(w) > len(e) + 1:
            w = w[len(e):]
            break
    w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    if len(w) > 4 and w[-1] in "aeio":
        w = w[:-1]
        if w.endswith(("ch", "gh")):
            w = w[:-1]
    return w
