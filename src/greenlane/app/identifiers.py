"""One identifier checked and explained: container, IMO, UN/LOCODE, HS code, country, SCAC."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from greenlane.domain import identifiers
from greenlane.domain.records import DataQualityFinding
from greenlane.errors import ConfigurationError

_CHECKS: dict[str, Callable[[str], Sequence[DataQualityFinding]]] = {
    "container": identifiers.check_container_number,
    "imo": identifiers.check_imo,
    "unlocode": identifiers.check_unlocode,
    "hs": identifiers.check_hs_code,
    "country": identifiers.check_country,
    "scac": identifiers.check_scac,
}
IDENTIFIER_KINDS = tuple(_CHECKS)


def check_identifier(kind: str, value: str) -> list[DataQualityFinding]:
    """What is wrong with ``value`` as a ``kind`` identifier (data-quality findings); empty
    when it is valid."""
    check = _CHECKS.get(kind.strip().lower())
    if check is None:
        raise ConfigurationError(
            f"unknown kind of identifier {kind!r}", expected=", ".join(IDENTIFIER_KINDS)
        )
    return list(check(value))
