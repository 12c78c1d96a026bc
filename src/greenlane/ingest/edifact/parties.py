"""NAD name and address segments to canonical parties.

NAD+<3035 role>+<C082 id:1131:3055>+<C058 name and address lines>+<C080 name>+<C059 street>
+<3164 city>+<3229 subdivision>+<3251 postcode>+<3207 country>.

When a sender puts everything in the unstructured C058 lines, the first line is the name and the
rest the address; a single line written as ``NAME, STREET, TOWN`` is split at its first comma,
which is how such lines are written in practice (the CUSCAR sample does it).
"""

from __future__ import annotations

from greenlane.domain.codes import IdentifierScheme, PartyRole, Severity
from greenlane.domain.records import FilingParty, Party, PartyIdentifier
from greenlane.ingest.edifact.syntax import Segment
from greenlane.ingest.edifact.values import Findings

ROLES = {
    "CZ": PartyRole.SHIPPER,
    "CN": PartyRole.CONSIGNEE,
    "NI": PartyRole.NOTIFY_PARTY,
    "N1": PartyRole.NOTIFY_PARTY,
    "N2": PartyRole.NOTIFY_PARTY,
    "CA": PartyRole.CARRIER,
    "SE": PartyRole.SELLER,
    "SU": PartyRole.SELLER,
    "BY": PartyRole.BUYER,
    "MF": PartyRole.MANUFACTURER,
    "IM": PartyRole.IMPORTER_OF_RECORD,
    "ST": PartyRole.SHIP_TO,
    "CS": PartyRole.CONSOLIDATOR,
    "DT": PartyRole.DECLARANT,
}
_SCHEMES = {"182": IdentifierScheme.SCAC, "16": IdentifierScheme.DUNS}
NOT_A_PARTY = frozenset({"MS", "MR"})  # message sender and recipient: the envelope's business


def _joined(parts: tuple[str, ...], sep: str) -> str:
    return sep.join(p.strip() for p in parts if p.strip())


def read_party(nad: Segment) -> Party:
    identifier, agency = nad.get(1, 0), nad.get(1, 2)
    lines = [line.strip() for line in nad.components(2) if line.strip()]
    name = _joined(nad.components(3)[:5], " ")
    street = [_joined(nad.components(4), " ")] + [nad.get(i) for i in (5, 6, 7)]
    address = _joined(tuple(street), ", ")
    if not name and lines:
        name, rest = lines[0], lines[1:]
        if not rest and ", " in name:
            name, tail = name.split(", ", 1)
            rest = [tail]
        address = address or ", ".join(rest)
    elif lines and not address:
        address = ", ".join(lines)
    identifiers: tuple[PartyIdentifier, ...] = ()
    if identifier:
        scheme = _SCHEMES.get(agency, IdentifierScheme.OTHER)
        identifiers = (PartyIdentifier(scheme, identifier),)
    return Party(
        name=name or identifier,
        address=address or None,
        country=nad.get(8).upper() or None,
        identifiers=identifiers,
    )


def read_parties(segments: list[Segment], findings: Findings) -> list[FilingParty]:
    parties: list[FilingParty] = []
    for nad in segments:
        if nad.tag != "NAD":
            continue
        code = nad.get(0).upper()
        role = ROLES.get(code)
        if role is None:
            if code not in NOT_A_PARTY:
                findings.add(
                    "edifact.party_role",
                    f"NAD party function {code!r} has no canonical role; the party is not kept "
                    "in the filing",
                    "parties",
                    code,
                    nad.where,
                    Severity.INFO,
                )
            continue
        parties.append(FilingParty(role, read_party(nad)))
    return parties
