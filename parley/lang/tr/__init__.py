"""Turkish language pack: data in the YAML files beside this module. Turkish writes a proper
noun's suffixes after an apostrophe ("Moskova'da", "Lavrov'la"): a word's matching form is its
lowercase (Turkish casing: İ -> i, I -> ı) without them. Suffixes of common nouns are matched by
the packs' stems ("görüşme*")."""
CODE = "tr"
SPACED = True


def lower(word: str) -> str:
    """Lowercase with Turkish dotted and dotless i."""
    return word.replace("İ", "i").replace("I", "ı").lower()


def normalize(word: str) -> str:
    w = lower(word).replace("’", "'")
    if "'" in w[1:]:
        w = w[: w.index("'", 1)]
    return w
