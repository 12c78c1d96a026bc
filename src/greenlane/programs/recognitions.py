"""Jurisdictions, home programs and a starting list of mutual recognition arrangements.

A program is named by what it is and who runs it: ``ctpat/US``, ``aeo/EU``, ``aeo/JP``. The EU's
member states run one program (an AEO certificate of Germany is valid in every member state), so
their memberships belong to the jurisdiction ``EU``. Every foreign security program that works
like an AEO (Canada's PIP, Singapore's STP-Plus, Mexico's NEEC/OEA) is ``aeo/<country>``; its
own name is in the arrangement's note.

``DEFAULT_RECOGNITIONS`` is what the benchmark and a first trial use: the arrangements of the US
and the EU as publicly announced, dated to the month of signing (day set to the 1st). Load the
administration's current list (``greenlane programs load mra.csv --kind mra``) before relying on
it; it is not shipped as data the store trusts.
"""

from __future__ import annotations

from datetime import date

from greenlane.programs.rosters import Recognition

# fmt: off
EU_MEMBERS = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
# fmt: on
"""The member states of the European Union, whose customs run one AEO program."""

HOME_PROGRAMS: dict[str, str] = {"US": "ctpat"}
"""The security program each administration runs; ``aeo`` where not listed."""


def jurisdiction(country: str | None) -> str | None:
    """The jurisdiction of a country's customs program: EU for a member state."""
    if not country:
        return None
    country = country.upper()
    return "EU" if country in EU_MEMBERS else country


def home_program(jurisdiction_code: str) -> str:
    return HOME_PROGRAMS.get(jurisdiction_code, "aeo")


def _mra(a: tuple[str, str], b: tuple[str, str], signed: str, note: str) -> Recognition:
    return Recognition(a[0], a[1], b[0], b[1], date.fromisoformat(signed), None, None, note)


_US = ("ctpat", "US")
_EU = ("aeo", "EU")

DEFAULT_RECOGNITIONS: tuple[Recognition, ...] = (
    _mra(_US, ("aeo", "NZ"), "2007-06-01", "New Zealand Secure Exports Scheme"),
    _mra(_US, ("aeo", "CA"), "2008-06-01", "Canada Partners in Protection"),
    _mra(_US, ("aeo", "JO"), "2008-06-01", "Jordan Golden List"),
    _mra(_US, ("aeo", "JP"), "2009-06-01", "Japan AEO"),
    _mra(_US, ("aeo", "KR"), "2010-06-01", "Korea AEO"),
    _mra(_US, _EU, "2012-05-01", "EU AEO (security and full)"),
    _mra(_US, ("aeo", "TW"), "2012-11-01", "Taiwan AEO"),
    _mra(_US, ("aeo", "IL"), "2014-06-01", "Israel AEO"),
    _mra(_US, ("aeo", "MX"), "2014-10-01", "Mexico NEEC/OEA"),
    _mra(_US, ("aeo", "SG"), "2014-12-01", "Singapore Secure Trade Partnership Plus"),
    _mra(_US, ("aeo", "DO"), "2015-12-01", "Dominican Republic OEA"),
    _mra(_EU, ("aeo", "JP"), "2010-06-01", "Japan AEO"),
    _mra(_EU, ("aeo", "CN"), "2014-05-01", "China AEO (advanced certified enterprises)"),
    _mra(_EU, ("aeo", "GB"), "2021-01-01", "United Kingdom AEO"),
)
