"""DCSA conformance payloads that are wrong on purpose (issue 16): each still reads, with a
finding that names the field by its JSON pointer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from greenlane.ingest.dcsa import ADAPTER

V30 = "tnt-300-request-equipment.json"
V22 = "tnt-220-response.json"


@pytest.fixture
def dcsa_dir(samples_dir: Path) -> Path:
    return samples_dir / "dcsa"


def _load(dcsa_dir: Path, name: str) -> Any:
    return json.loads((dcsa_dir / name).read_bytes())


def _events(document: Any) -> list[Any]:
    return document["events"] if isinstance(document, dict) else document


def _findings(document: Any) -> list[tuple[str, str]]:
    parsed = ADAPTER.parse(json.dumps(document).encode(), source_message="sample")
    return [(f.code, f.where) for f in parsed.findings]


def _base(document: Any) -> str:
    return "/events/0" if isinstance(document, dict) else "/0"


@pytest.mark.parametrize("name", [V30, V22])
def test_the_samples_as_published_have_no_schema_finding(dcsa_dir: Path, name: str) -> None:
    codes = {code for code, _ in _findings(_load(dcsa_dir, name))}
    assert not codes & {"dcsa.missing_event_id", "dcsa.event_id_type", "dcsa.unlocode_country"}


@pytest.mark.parametrize("name", [V30, V22])
def test_an_event_without_event_id_keeps_an_invented_id_and_says_so(
    dcsa_dir: Path, name: str
) -> None:
    document = _load(dcsa_dir, name)
    del _events(document)[0]["eventID"]
    parsed = ADAPTER.parse(json.dumps(document).encode(), source_message="sample")
    assert parsed.events[0].event_id.startswith("sha256:")  # the id greenlane makes
    (found,) = [f for f in parsed.findings if f.code == "dcsa.missing_event_id"]
    assert found.where == f"{_base(document)}/eventID" and found.field == "event_id"
    assert parsed.events[0].event_id in found.message


@pytest.mark.parametrize("name", [V30, V22])
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_event_id_is_a_missing_one(dcsa_dir: Path, name: str, blank: str) -> None:
    document = _load(dcsa_dir, name)
    _events(document)[0]["eventID"] = blank
    assert ("dcsa.missing_event_id", f"{_base(document)}/eventID") in _findings(document)


@pytest.mark.parametrize("name", [V30, V22])
def test_an_event_id_that_is_a_number_is_named(dcsa_dir: Path, name: str) -> None:
    document = _load(dcsa_dir, name)
    _events(document)[0]["eventID"] = 12345
    parsed = ADAPTER.parse(json.dumps(document).encode(), source_message="sample")
    assert parsed.events[0].event_id == "12345"  # read as its digits
    (found,) = [f for f in parsed.findings if f.code == "dcsa.event_id_type"]
    assert found.where == f"{_base(document)}/eventID" and found.value == "12345"


def test_a_unlocode_of_another_country_than_the_address_is_named(dcsa_dir: Path) -> None:
    document = _load(dcsa_dir, V30)
    _events(document)[0]["eventLocation"]["address"]["countryCode"] = "DE"  # NLRTM is in NL
    parsed = ADAPTER.parse(json.dumps(document).encode(), source_message="sample")
    (found,) = [f for f in parsed.findings if f.code == "dcsa.unlocode_country"]
    assert found.where == "/events/0/eventLocation/address/countryCode"
    assert found.value == "NLRTM" and "DE" in found.message
    # the same country in lower case is no disagreement
    _events(document)[0]["eventLocation"]["address"]["countryCode"] = "nl"
    assert "dcsa.unlocode_country" not in {code for code, _ in _findings(document)}
