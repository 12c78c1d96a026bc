"""Record-level validation: every identifier and code of a filing or an event, checked in place.

Findings name the field by its path in the record (``containers[0].number``, ``goods[2].hs_code``,
``route.port_of_loading``) so that an officer or a trader can find the value. Nothing is changed
or dropped: the findings sit beside the record.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from greenlane.domain.codes import EventType, IdentifierScheme, Severity
from greenlane.domain.identifiers import (
    check_container_number,
    check_country,
    check_hs_code,
    check_imo,
    check_scac,
    check_unlocode,
)
from greenlane.domain.records import (
    Container,
    DataQualityFinding,
    Event,
    Filing,
    GoodsItem,
    Port,
)

MAX_CONTAINER_GROSS_KG = 40_000.0
"""Above any container's payload (a 40 ft box grosses about 30.5 t with tare), so surely wrong."""

# Moves that happen at a quay: their place must be a sea port. Gate moves, stuffing and
# inspections may happen at inland depots, which are real LOCODEs but not in the port table.
_PORT_EVENTS = frozenset(
    {
        EventType.LOADED,
        EventType.DISCHARGED,
        EventType.TRANSSHIPPED,
        EventType.DEPARTED,
        EventType.ARRIVED,
    }
)


def _container_key(number: str) -> str:
    return "".join(ch for ch in number.upper() if ch not in " -")


def check_seal_number(
    value: str, field: str = "seal", where: str | None = None
) -> list[DataQualityFinding]:
    """A seal number must be there and carry digits: ``"string"`` or ``CA`` is a placeholder."""
    if not value.strip():
        return [
            DataQualityFinding(
                "seal.empty", "seal number is empty", field, value, Severity.ERROR, where
            )
        ]
    if not any(ch.isdigit() for ch in value):
        return [
            DataQualityFinding(
                "seal.placeholder",
                f"seal number {value!r} has no digit; ISO 17712 seals are uniquely numbered, "
                "so this looks like a placeholder",
                field,
                value,
                Severity.WARNING,
                where,
            )
        ]
    return []


def _check_containers(
    containers: Sequence[Container], where: str | None
) -> list[DataQualityFinding]:
    findings: list[DataQualityFinding] = []
    for i, container in enumerate(containers):
        findings += check_container_number(container.number, f"containers[{i}].number", where)
        if container.full and not container.seals:
            findings.append(
                DataQualityFinding(
                    "seal.missing",
                    f"full container {container.number!r} is declared without a seal number",
                    f"containers[{i}].seals",
                    None,
                    Severity.WARNING,
                    where,
                )
            )
        for j, seal in enumerate(container.seals):
            findings += check_seal_number(seal.number, f"containers[{i}].seals[{j}].number", where)
    return findings


def _mass_finding(field: str, value: float, message: str, where: str | None) -> DataQualityFinding:
    return DataQualityFinding(
        "goods.mass_range", message, field, str(value), Severity.WARNING, where
    )


def check_goods_masses(
    goods: Sequence[GoodsItem], n_containers: int = 1, where: str | None = None
) -> list[DataQualityFinding]:
    """Masses that cannot be true: negative, gross below net, more than a container can carry.

    An item without a container may spread over all ``n_containers`` of the filing.
    """
    findings: list[DataQualityFinding] = []
    per_container: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, item in enumerate(goods):
        masses = {"gross_mass_kg": item.gross_mass_kg, "net_mass_kg": item.net_mass_kg}
        bad = False
        for name, mass in masses.items():
            if mass is not None and (not math.isfinite(mass) or mass < 0):
                bad = True
                findings.append(
                    _mass_finding(
                        f"goods[{i}].{name}",
                        mass,
                        f"goods line {item.line_number}: {name} {mass} is negative or not a number",
                        where,
                    )
                )
        gross, net = item.gross_mass_kg, item.net_mass_kg
        if bad or gross is None:
            continue
        if net is not None and gross < net:
            findings.append(
                _mass_finding(
                    f"goods[{i}].gross_mass_kg",
                    gross,
                    f"goods line {item.line_number}: gross mass {gross} kg is below net mass "
                    f"{net} kg",
                    where,
                )
            )
        boxes = 1 if item.container_number else max(1, n_containers)
        if gross > MAX_CONTAINER_GROSS_KG * boxes:
            findings.append(
                _mass_finding(
                    f"goods[{i}].gross_mass_kg",
                    gross,
                    f"goods line {item.line_number}: gross mass {gross:,.0f} kg is more than "
                    f"{boxes} container(s) can carry ({MAX_CONTAINER_GROSS_KG:,.0f} kg each)",
                    where,
                )
            )
        elif item.container_number:
            per_container[_container_key(item.container_number)].append((i, gross))
    for number, items in per_container.items():
        total = sum(mass for _, mass in items)
        if len(items) > 1 and total > MAX_CONTAINER_GROSS_KG:
            lines = ", ".join(str(goods[i].line_number) for i, _ in items)
            findings.append(
                _mass_finding(
                    "goods[*].gross_mass_kg",
                    total,
                    f"goods lines {lines} put {total:,.0f} kg into container {number}, more "
                    f"than a container can carry ({MAX_CONTAINER_GROSS_KG:,.0f} kg)",
                    where,
                )
            )
    return findings


def _check_goods(filing: Filing, where: str | None) -> list[DataQualityFinding]:
    findings: list[DataQualityFinding] = []
    listed = {_container_key(c.number) for c in filing.containers}
    for i, item in enumerate(filing.goods):
        if item.hs_code is not None:
            findings += check_hs_code(item.hs_code, f"goods[{i}].hs_code", where)
        if item.origin_country is not None:
            findings += check_country(item.origin_country, f"goods[{i}].origin_country", where)
        number = item.container_number
        if number is not None and _container_key(number) not in listed:
            field = f"goods[{i}].container_number"
            findings += check_container_number(number, field, where)
            if listed:
                findings.append(
                    DataQualityFinding(
                        "goods.container_not_listed",
                        f"goods line {item.line_number} is in container {number!r}, which the "
                        "filing does not list among its containers",
                        field,
                        number,
                        Severity.WARNING,
                        where,
                    )
                )
    findings += check_goods_masses(filing.goods, len(filing.containers), where)
    return findings


def _check_route(
    filing: Filing, ports: Mapping[str, Port] | None, where: str | None
) -> list[DataQualityFinding]:
    route = filing.route
    places: list[tuple[str, str | None, bool]] = [
        ("route.place_of_receipt", route.place_of_receipt, False),
        ("route.port_of_loading", route.port_of_loading, True),
        *(
            (f"route.transshipment_ports[{i}]", code, True)
            for i, code in enumerate(route.transshipment_ports)
        ),
        ("route.port_of_discharge", route.port_of_discharge, True),
        ("route.place_of_delivery", route.place_of_delivery, False),
    ]
    findings: list[DataQualityFinding] = []
    for field, code, is_port in places:
        if code is not None:
            findings += check_unlocode(code, field, where, ports, require_port=is_port)
    return findings


def validate_filing(
    filing: Filing, *, ports: Mapping[str, Port] | None = None, where: str | None = None
) -> list[DataQualityFinding]:
    """All data-quality findings of a filing; an empty list when every identifier checks out."""
    findings = _check_containers(filing.containers, where)
    if filing.vessel_imo is not None:
        findings += check_imo(filing.vessel_imo, "vessel_imo", where)
    if filing.carrier_scac is not None:
        findings += check_scac(filing.carrier_scac, "carrier_scac", where)
    findings += _check_route(filing, ports, where)
    findings += _check_goods(filing, where)
    for i, filing_party in enumerate(filing.parties):
        party = filing_party.party
        if party.country is not None:
            findings += check_country(party.country, f"parties[{i}].party.country", where)
        for j, identifier in enumerate(party.identifiers):
            if identifier.scheme is IdentifierScheme.SCAC:
                field = f"parties[{i}].party.identifiers[{j}].value"
                findings += check_scac(identifier.value, field, where)
    return findings


def validate_event(
    event: Event, *, ports: Mapping[str, Port] | None = None, where: str | None = None
) -> list[DataQualityFinding]:
    """Findings of an event: container number, vessel IMO, place and seal numbers."""
    findings: list[DataQualityFinding] = []
    if event.container_number is not None:
        findings += check_container_number(event.container_number, "container_number", where)
    if event.vessel_imo is not None:
        findings += check_imo(event.vessel_imo, "vessel_imo", where)
    if event.unlocode is not None:
        at_port = event.event_type in _PORT_EVENTS
        findings += check_unlocode(event.unlocode, "unlocode", where, ports, require_port=at_port)
    for j, seal in enumerate(event.seals):
        findings += check_seal_number(seal.number, f"seals[{j}].number", where)
    return findings
