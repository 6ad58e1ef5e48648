"""Helpers of the stage tests."""


def events(analyze, text, published="2023-04-14"):
    return analyze(text, published).events


def events_of(analyze, text, person, published="2023-04-14"):
    """The events of `text` that `person` (an actor id) took part in."""
    return [e for e in events(analyze, text, published) if person in {p.id for p in e.participants}]
