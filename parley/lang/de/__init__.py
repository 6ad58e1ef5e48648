"""German language pack: data in the YAML files beside this module."""
import unicodedata

CODE = "de"
SPACED = True
NOUNS_CAPITALIZED = True

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

