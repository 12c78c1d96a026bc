"""Data elements shared by every message: dates, numbers, places, vessels, seals, code lists.

Readers here never raise on a bad value: they return None (or the value as written) and add a
finding, because a wrong value in a readable message is data quality, not a parse failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from greenlane.domain.codes import SealAffixer, SealCondition, Severity
from greenlane.domain.records import DataQualityFinding, SealReading
from greenlane.domain.timezones import in_zone, local_to_utc
from greenlane.ingest.edifact.syntax import Segment


@dataclass(slots=True)
class Findings:
    items: list[DataQualityFinding] = field(default_factory=list)

    def add(
        self,
        code: str,
        message: str,
        fld: str,
        value: str | None,
        where: str | None,
        severity: Severity = Severity.WARNING,
    ) -> None:
        self.items.append(DataQualityFinding(code, message, fld, value, severity, where))

    def extend(self, findings: list[DataQualityFinding]) -> None:
        self.items.extend(findings)


# --- dates (DTM: 2005 qualifier, 2380 value, 2379 format) ------------------------------------

_DIGITS_FOR_FORMAT = {"101": 6, "102": 8, "201": 10, "203": 12, "204": 14, "205": 12}
_DIGITS_FOR_FORMAT |= {"301": 10, "303": 12, "304": 14}
_LAYOUTS = {6: "%y%m%d", 8: "%Y%m%d", 10: "%y%m%d%H%M", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}
# The zone after the digits: an offset (205's ZHHMM, or 303's ZZZ written +01) or letters.
_DATE = re.compile(r"(\d+)(?:([+-])(\d\d)(?::?(\d\d))?|([A-Z]{1,3}))?", re.ASCII)
_UTC_NAMES = frozenset({"UTC", "GMT", "UT", "Z"})


@dataclass(frozen=True, slots=True)
class Stamp:
    """A DTM value as sent: the clock reading and the zone it names, if it names one.

    Without a zone the reading is the local time of the place of the move, which is only known
    once the message around the DTM is read; ``at`` turns it into UTC then.
    """

    wall: datetime
    """Naive: the digits as written."""
    zone: timezone | None
    """The offset the value names; None when it names none (local time of the place)."""
    fld: str
    value: str
    where: str

    def at(self, place: str | None, findings: Findings) -> datetime:
        """The instant, reading a zone-less value as local time at UN/LOCODE ``place``."""
        if self.zone is not None:
            label = f"the offset {self.zone}"
            moment, found = in_zone(self.wall, self.zone, self.fld, self.value, self.where, label)
        else:
            moment, found = local_to_utc(self.wall, place, self.fld, self.value, self.where)
        findings.extend(found)
        return moment


def read_datetime(value: str, fmt: str, fld: str, where: str, findings: Findings) -> Stamp | None:
    """A DTM value with the zone it carries (203 carries none; 205 and 303/304 may)."""
    match = _DATE.fullmatch(value.strip())
    layout = _LAYOUTS.get(len(match.group(1))) if match else None
    if match is None or layout is None:
        findings.add(
            "edifact.date",
            f"date/time {value!r} (format {fmt or 'none'}) cannot be read",
            fld,
            value,
            where,
        )
        return None
    digits, sign, hours, minutes, letters = match.groups()
    expected = _DIGITS_FOR_FORMAT.get(fmt)
    if expected is not None and expected != len(digits):
        findings.add(
            "edifact.date_format",
            f"date/time {value!r} does not match its format code {fmt}; read by its length",
            fld,
            value,
            where,
            Severity.INFO,
        )
    try:
        wall = datetime.strptime(digits, layout)
    except ValueError:
        findings.add("edifact.date", f"date/time {value!r} is not a real date", fld, value, where)
        return None
    if layout.startswith("%y") and wall.year >= 2070:  # two-digit years: 1970 to 2069
        wall = wall.replace(year=wall.year - 100)
    zone: timezone | None = None
    if sign:
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if offset >= timedelta(hours=24):
            findings.add("edifact.date", f"time zone of {value!r} is impossible", fld, value, where)
            return None
        zone = timezone(offset if sign == "+" else -offset)
    elif letters in _UTC_NAMES:
        zone = UTC
    elif letters:
        findings.add(
            "edifact.date_zone",
            f"time zone {letters!r} of {value!r} is not known here; read as local time of the "
            "place",
            fld,
            value,
            where,
            Severity.INFO,
        )
    return Stamp(wall, zone, fld, value, where)


def read_dtm(segment: Segment, findings: Findings) -> tuple[str, Stamp | None]:
    qualifier, value, fmt = segment.get(0, 0), segment.get(0, 1), segment.get(0, 2)
    if not value:
        return qualifier, None
    return qualifier, read_datetime(value, fmt, f"DTM+{qualifier}", segment.where, findings)


# --- numbers and masses (MEA) ---------------------------------------------------------------

_KG_PER_UNIT = {"KGM": 1.0, "TNE": 1000.0, "GRM": 0.001, "LBR": 0.45359237}


def read_number(text: str) -> float | None:
    """A numeric value; either decimal mark is accepted (senders mix them)."""
    try:
        number = float(text.replace(",", ".").strip())
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def read_mass(segment: Segment, findings: Findings) -> tuple[str, float | None]:
    """MEA+<6311>+<6313>+<unit>:<value>: the measured attribute and the mass in kilograms."""
    attribute = segment.get(1, 0) or segment.get(0, 0)
    unit, raw = segment.get(2, 0).upper(), segment.get(2, 1)
    if not raw:
        return attribute, None
    number = read_number(raw)
    factor = _KG_PER_UNIT.get(unit)
    if number is None or factor is None:
        if factor is not None or unit not in ("MTQ", "MTR", "CMT", "LTR", "CEL", "FAH"):
            findings.add(
                "edifact.mass",
                f"measurement {unit}:{raw} is not a mass greenlane can read",
                f"MEA+{attribute}",
                raw,
                segment.where,
            )
        return attribute, None
    return attribute, number * factor


# --- places (LOC: 3227 qualifier, C517 location, C519 related location) ---------------------


@dataclass(frozen=True, slots=True)
class Place:
    qualifier: str
    code: str
    facility: str | None
    where: str


def read_place(segment: Segment) -> Place | None:
    code = segment.get(1, 0)
    if not code:
        return None
    facility = segment.get(2, 0)
    if segment.get(2, 1) == "162" or (len(facility) == 2 and facility == code[:2]):
        facility = ""  # C519 carries the country here (1131 = 162), not a terminal
    facility = facility or segment.get(2, 3)  # else the related place's name
    return Place(segment.get(0, 0), code, facility or None, segment.where)


# --- vessels (TDT: 8051 stage, 8028 voyage, C220 mode, C040 carrier, C222 identification) ---

_IMO_LIKE = re.compile(r"(?:IMO\s*)?\d{7}", re.IGNORECASE | re.ASCII)
_CALL_SIGN_LIKE = re.compile(r"(?=.*[A-Z])[A-Z0-9]{3,7}")


@dataclass(frozen=True, slots=True)
class Vessel:
    stage: str
    voyage: str | None
    mode: str
    imo: str | None
    name: str | None
    call_sign: str | None
    carrier: str | None
    carrier_agency: str
    where: str

    @property
    def is_vessel(self) -> bool:
        """Sea transport: mode 1, or main carriage with no mode given."""
        return self.mode == "1" or (self.mode == "" and self.stage in ("20", ""))


def read_vessel(segment: Segment) -> Vessel:
    ident, qualifier, agency = segment.get(7, 0), segment.get(7, 1), segment.get(7, 2)
    imo = call_sign = None
    if _IMO_LIKE.fullmatch(ident):
        imo = ident
    elif qualifier in ("146", "IMO") or agency == "11":
        # Lloyd's/IMO by its qualifier; senders also put call signs there ("A8BI5:146"), and a
        # value shaped like a call sign is one. Anything else stays an IMO number to be flagged.
        if _CALL_SIGN_LIKE.fullmatch(ident):
            call_sign = ident
        else:
            imo = ident
    elif ident:
        call_sign = ident
    return Vessel(
        stage=segment.get(0),
        voyage=segment.get(1) or None,
        mode=segment.get(2, 0),
        imo=imo,
        name=segment.get(7, 3) or None,
        call_sign=call_sign,
        carrier=segment.get(4, 0) or None,
        carrier_agency=segment.get(4, 2),
        where=segment.where,
    )


# --- code lists (UNTDID; D.95B to D.21A agree on these values) -----------------------------

SEALING_PARTY = {
    "SH": SealAffixer.SHIPPER,
    "CA": SealAffixer.CARRIER,
    "CU": SealAffixer.CUSTOMS,
    "TO": SealAffixer.TERMINAL,
    "AA": SealAffixer.CONSOLIDATOR,
    "AB": SealAffixer.UNKNOWN,
    "AC": SealAffixer.UNKNOWN,  # quarantine agency: no canonical value of its own
}
SEALING_PARTY_CODE = {
    SealAffixer.SHIPPER: "SH",
    SealAffixer.CARRIER: "CA",
    SealAffixer.CUSTOMS: "CU",
    SealAffixer.TERMINAL: "TO",
    SealAffixer.CONSOLIDATOR: "AA",
    SealAffixer.UNKNOWN: "AB",
}
SEAL_CONDITION = {
    "1": SealCondition.INTACT,
    "2": SealCondition.DAMAGED,
    "3": SealCondition.MISSING,
    "4": SealCondition.BROKEN,
    "5": SealCondition.FAULTY_ELECTRONIC,
}
SEAL_CONDITION_CODE = {condition: code for code, condition in SEAL_CONDITION.items()}
FULL_EMPTY = {str(code): code != 4 for code in range(1, 14)}  # 8169: only 4 means empty
EQUIPMENT_STATUS = frozenset(str(code) for code in range(1, 33))  # 8249
TRANSSHIPMENT_STATUS = frozenset({"6", "17"})  # transhipment, cross-terminal transhipment


def read_seal(segment: Segment, findings: Findings) -> SealReading | None:
    """SEL+<9308 number>+<9303 party>[:1131:3055:name]+<4517 condition>[+<C208 range>]."""
    number = segment.get(0) or segment.get(3, 0)
    if not number:
        findings.add("seal.empty", "SEL carries no seal number", "seals", None, segment.where)
        return None
    party, condition_code = segment.get(1, 0).upper(), segment.get(2, 0)
    affixed_by = SEALING_PARTY.get(party) if party else None
    if party and affixed_by is None:
        affixed_by = SealAffixer.UNKNOWN
        unknown_code(findings, "9303 sealing party", party, "seals.affixed_by", segment.where)
    condition = SEAL_CONDITION.get(condition_code, SealCondition.INTACT)
    if condition_code and condition_code not in SEAL_CONDITION:
        unknown_code(
            findings, "4517 seal condition", condition_code, "seals.condition", segment.where
        )
    return SealReading(number=number, condition=condition, affixed_by=affixed_by)


def unknown_code(findings: Findings, code_list: str, value: str, fld: str, where: str) -> None:
    findings.add(
        "edifact.code_unknown",
        f"{value!r} is not a code of the UN/EDIFACT list {code_list}",
        fld,
        value,
        where,
        Severity.INFO,
    )


def read_full(value: str, where: str, findings: Findings) -> bool | None:
    """8169 full/empty indicator: None when absent or unknown."""
    if not value:
        return None
    if value not in FULL_EMPTY:
        unknown_code(findings, "8169 full/empty indicator", value, "full", where)
        return None
    return FULL_EMPTY[value]
