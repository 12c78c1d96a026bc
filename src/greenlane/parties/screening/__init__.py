"""Screening parties against watch lists: scored, explained hits.

``ScreeningIndex`` prepares every name of the loaded list entries once; ``Screener`` screens a
``Party`` (name, kind, countries, identifiers, birth date) against it and returns ``Hit``s, each
with the entry's key, the matched name, the score and an ``Explanation``. ``score_names`` is
the pair scorer alone, as the name benchmark uses it.
"""

from greenlane.parties.screening.explain import NameMatch, TokenMatch, match_names
from greenlane.parties.screening.index import ScreeningIndex
from greenlane.parties.screening.prepared import PreparedName, prepare
from greenlane.parties.screening.scorer import score_names
from greenlane.parties.screening.screen import Explanation, Hit, Party, Screener, screen

__all__ = [
    "Explanation",
    "Hit",
    "NameMatch",
    "Party",
    "PreparedName",
    "Screener",
    "ScreeningIndex",
    "TokenMatch",
    "match_names",
    "prepare",
    "score_names",
    "screen",
]
