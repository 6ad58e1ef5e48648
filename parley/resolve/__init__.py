"""Corpus-level resolution: event mentions from all documents become events.

Deterministic and order-independent: mentions are read sorted by id, clusters are formed by rules
that do not depend on arrival order, and each event's id is derived from its cluster's content.
"""
from __future__ import annotations

from .merge import resolve

__all__ = ["resolve"]
