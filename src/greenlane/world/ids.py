"""Identifiers the world mints: container numbers, IMO numbers, and the hashing that seeds them.

The check-digit helpers are small and local so the generator does not depend on the validation
module; the tests cross-check them against the worked examples of ISO 6346 and IMO.
"""

from __future__ import annotations

import random
from functools import lru_cache

_MASK = (1 << 64) - 1

# ISO 6346 letter values: A=10, counting up but skipping multiples of 11.
_LETTER_VALUES: dict[str, int] = {}
_value = 10
for _letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    if _value % 11 == 0:
        _value += 1
    _LETTER_VALUES[_letter] = _value
    _value += 1
del _value, _letter


def mix64(*parts: int) -> int:
    """A splitmix64-style hash of integers: stable across runs and Python versions."""
    h = 0x9E3779B97F4A7C15
    for part in parts:
        h = (h ^ (part & _MASK)) * 0xBF58476D1CE4E5B9 & _MASK
        h = (h ^ (h >> 31)) * 0x94D049BB133111EB & _MASK
        h ^= h >> 29
    return h


def rng_for(*parts: int) -> random.Random:
    """A private random stream for one purpose (a shipment, a table), never the global one."""
    return random.Random(mix64(*parts))


def iso6346_sum(prefix: str) -> int:
    """The weighted sum of the first ten characters of an ISO 6346 number."""
    total = 0
    for i, char in enumerate(prefix[:10]):
        total += (_LETTER_VALUES[char] if char.isalpha() else int(char)) << i
    return total


def iso6346_check_digit(prefix: str) -> int:
    """Check digit of owner code + category + six-digit serial: (sum mod 11) mod 10."""
    return iso6346_sum(prefix) % 11 % 10


def container_number(owner_category: str, rng: random.Random) -> str:
    """A valid ISO 6346 number for a 4-letter owner+category code.

    Serials whose remainder is 10 are skipped, as ISO 6346 recommends, so no number shares its
    check digit 0 with a different remainder.
    """
    base = iso6346_sum(owner_category + "000000")
    while True:
        serial = rng.randrange(1_000_000)
        digits = f"{serial:06d}"
        total = base
        for i, char in enumerate(digits, start=4):
            total += int(char) << i
        remainder = total % 11
        if remainder != 10:
            return f"{owner_category}{digits}{remainder}"


def imo_check_digit(six_digits: str) -> int:
    return sum(int(d) * w for d, w in zip(six_digits, (7, 6, 5, 4, 3, 2), strict=True)) % 10


def imo_number(rng: random.Random) -> str:
    """A valid 7-digit IMO ship number in the range used by ships built since the 1990s."""
    six = f"9{rng.randrange(100_000):05d}"
    return f"{six}{imo_check_digit(six)}"


@lru_cache(maxsize=64)
def _multiplier(modulus: int) -> int:
    """An odd multiplier coprime to ``modulus`` (powers of 2 and 10 are all the world uses)."""
    m = 0x2545F4914F6CDD1D % modulus | 1
    while m % 5 == 0 or m % 3 == 0:
        m += 2
    return m


@lru_cache(maxsize=256)
def _offset(seed: int, salt: int) -> int:
    return mix64(seed, salt)


def scramble(i: int, seed: int, salt: int, modulus: int) -> int:
    """A number in [0, modulus) unique for each i below modulus: a multiplicative bijection.

    Bills and references must never repeat inside a world; random draws would (a 10-digit number
    drawn a million times repeats about fifty times).
    """
    return (i * _multiplier(modulus) + _offset(seed, salt)) % modulus
