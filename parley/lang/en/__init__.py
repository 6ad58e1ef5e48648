"""English language pack: data in the YAML files beside this module."""
CODE = "en"


def normalize(word: str) -> str:
    """A word's matching form: lowercase, regular plural dropped ("consultations" -> "consultation")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w
