"""Portuguese language pack: data in the YAML files beside this module."""
import unicodedata

CODE = "pt"
SPACED = True


def normalize(word: str) -> str:
    """A word's matching form: lowercase, accents dropped, a regular plural made singular
    ("consultas" -> "consulta", "conversações" -> "conversacao", "estratégicas" -> "estrategica",
    "nacionais" -> "nacional"). A light rule rather than a lemmatizer: simplemma's Portuguese
    dictionary costs 90 MB per process."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower().replace("’", "'")) if not unicodedata.combining(c))
    if len(w) > 4:
        if w.endswith(("oes", "aes")):
            return w[:-3] + "ao"
        if w.endswith("ais"):
            return w[:-3] + "al"
        if w.endswith("eis") and len(w) > 5:
            return w[:-3] + "el"
        if w.endswith("res") or w.endswith("zes"):
            return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w
