"""What the programs stage reads besides the case files, as Polars frames.

``Programs`` holds the memberships (with the program's jurisdiction, which the case files'
membership frame does not carry and mutual recognition needs), the recognitions between programs,
the CSI ports, the resolved party entities (so a membership follows its entity across spellings)
and penalties, if an administration has a list of them. Built from records
(``programs_from_records``: the world, a test) or from a frame source such as the store
(``programs_from_frames``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from greenlane.domain.frames import ENTITIES, FrameSource
from greenlane.domain.records import Port, TrustedTraderMembership
from greenlane.programs.recognitions import jurisdiction
from greenlane.programs.rosters import Recognition

MEMBERS: dict[str, pl.DataType] = {
    "membership_id": pl.String(),
    "program": pl.String(),
    # ctpat/US, aeo/EU, aeo/JP: the program is named by what it is and who runs it.
    "jurisdiction": pl.String(),
    "program_country": pl.String(),
    # The member as the case files name parties: its first identifier, else its name in capitals.
    "party": pl.String(),
    "name": pl.String(),
    "name_key": pl.String(),
    "country": pl.String(),
    # C-TPAT tier 1 to 3; AEO security 2, full 3; 0 when the program has no tiers.
    "tier": pl.Int32(),
    "aeo_type": pl.String(),
    "valid_from": pl.Date(),
    "valid_until": pl.Date(),
    "suspended": pl.Boolean(),
}

RECOGNITIONS: dict[str, pl.DataType] = {
    "home_program": pl.String(),
    "home_jurisdiction": pl.String(),
    "program": pl.String(),
    "jurisdiction": pl.String(),
    "in_force_from": pl.Date(),
    "in_force_until": pl.Date(),
    "note": pl.String(),
}
"""Directed: the home program counts members of the other program as its own."""

CSI: dict[str, pl.DataType] = {"unlocode": pl.String(), "csi_since": pl.Date()}


PENALTIES: dict[str, pl.DataType] = {
    "party": pl.String(),
    "imposed_on": pl.Date(),
    "description": pl.String(),
}


def name_key(column: str | pl.Expr) -> pl.Expr:
    """A name made comparable: capitals, letters and digits only, single spaces."""
    expr = pl.col(column) if isinstance(column, str) else column
    return (
        expr.str.to_uppercase()
        .str.replace_all(r"[^\p{L}\p{N}]+", " ")
        .str.strip_chars()
        .replace("", None)
    )


def _empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


@dataclass(frozen=True, slots=True)
class Programs:
    members: pl.DataFrame
    recognitions: pl.DataFrame = field(default_factory=lambda: _empty(RECOGNITIONS))
    csi: pl.DataFrame = field(default_factory=lambda: _empty(CSI))
    entities: pl.DataFrame = field(default_factory=lambda: _empty(ENTITIES))
    penalties: pl.DataFrame = field(default_factory=lambda: _empty(PENALTIES))

    def __post_init__(self) -> None:
        for name, schema in (
            ("members", MEMBERS),
            ("recognitions", RECOGNITIONS),
            ("csi", CSI),
            ("entities", ENTITIES),
            ("penalties", PENALTIES),
        ):
            missing = [c for c in schema if c not in getattr(self, name).columns]
            if missing:
                raise ValueError(f"programs frame {name!r} lacks {', '.join(missing)}")


def members_frame(memberships: Iterable[TrustedTraderMembership]) -> pl.DataFrame:
    rows = []
    for m in memberships:
        ident = m.party.identifiers[0].value if m.party.identifiers else None
        tier = m.tier or {"security": 2, "full": 3}.get(m.aeo_type or "", 0)
        rows.append(
            (
                m.membership_id,
                m.program.value,
                jurisdiction(m.program_country),
                m.program_country,
                ident or m.party.name.upper().strip(),
                m.party.name,
                m.party.name,
                m.party.country,
                tier,
                m.aeo_type,
                m.certified_on,
                m.valid_until,
                m.suspended,
            )
        )
    frame = pl.DataFrame(rows, schema=MEMBERS, orient="row")
    return frame.with_columns(name_key("name_key"))


def recognitions_frame(arrangements: Iterable[Recognition]) -> pl.DataFrame:
    """Both directions of every arrangement: recognition is mutual."""
    rows = []
    for r in arrangements:
        start = r.in_force_from or r.signed_on
        a, b = (r.program, r.jurisdiction), (r.partner_program, r.partner_jurisdiction)
        rows.append((*a, *b, start, r.in_force_until, r.note))
        rows.append((*b, *a, start, r.in_force_until, r.note))
    return pl.DataFrame(rows, schema=RECOGNITIONS, orient="row").unique(
        ["home_program", "home_jurisdiction", "program", "jurisdiction"], keep="first"
    )


def csi_frame(ports: Iterable[Port]) -> pl.DataFrame:
    return pl.DataFrame(
        [(p.unlocode, p.csi_since) for p in ports if p.csi], schema=CSI, orient="row"
    )


def programs_from_records(
    memberships: Iterable[TrustedTraderMembership],
    ports: Iterable[Port] = (),
    recognitions: Iterable[Recognition] = (),
    *,
    entities: pl.DataFrame | None = None,
    penalties: pl.DataFrame | None = None,
) -> Programs:
    return Programs(
        members=members_frame(memberships),
        recognitions=recognitions_frame(recognitions),
        csi=csi_frame(ports),
        entities=_empty(ENTITIES) if entities is None else entities.select(list(ENTITIES)),
        penalties=_empty(PENALTIES) if penalties is None else penalties.select(list(PENALTIES)),
    )


def recognitions_of(frame: pl.DataFrame) -> list[Recognition]:
    """Recognition records of a RECOGNITIONS frame (``greenlane.domain.frames``)."""
    return [Recognition(**row) for row in frame.iter_rows(named=True)]


def programs_from_frames(frames: FrameSource) -> Programs:
    """Memberships, mutual recognitions, CSI ports and resolved entities as the source holds
    them."""
    return programs_from_records(
        frames.memberships(),
        frames.ports(),
        recognitions_of(frames.recognitions()),
        entities=frames.entities(),
    )
