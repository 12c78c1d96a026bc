"""Quick, sound validity tests for the typed ingest paths: True means the model's check would find
nothing, False only that the model's check must decide.

The model's checks (``greenlane.domain.identifiers``) take any writing of a value (spaces,
hyphens, lower case) and explain what is wrong. A message names a few hundred distinct
containers; for the plain writing, the check digit alone says whether there is anything to
explain, and costs a third as much. A test compares these with the model's checks.
"""

from __future__ import annotations

import re
from operator import mul

from greenlane.domain.identifiers import ISO6346_VALUES

_CONTAINER = re.compile(r"[A-Z]{3}[UJZ][0-9]{7}")


_WEIGHTS = tuple(1 << i for i in range(10))


def clean_container(number: str) -> bool:
    """An ISO 6346 number written plainly (owner, category U/J/Z, serial) with its right
    check digit: ``check_container_number`` finds nothing in it."""
    if _CONTAINER.fullmatch(number) is None:
        return False
    total: int = sum(map(mul, map(ISO6346_VALUES.__getitem__, number[:10]), _WEIGHTS))
    return total % 11 % 10 == ord(number[10]) - 48
