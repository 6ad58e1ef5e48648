"""Spanish language pack: data in the YAML files beside this module."""
import unicodedata

CODE = "es"
SPACED = True


def normalize(word: str) -> str:
    """A word's matching form: lowercase, accents dropped, regular plural dropped
    ("consultas" -> "consulta", "conversaciones" -> "conversacion", "estratégica" -> "estrategica")."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    if len(w) > 4 and w.endswith("es") and w[-3] in "lrndzj":
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w

