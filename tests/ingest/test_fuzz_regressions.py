"""Each failure class the ingest fuzzer (bench/fuzz_ingest.py) met, as its smallest input: the
message is stored or quarantined with a named check and a place, never by the catch-all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from greenlane.ingest.pipeline import MessageResult, Outcome, ingest_message
from greenlane.store import Database, MessageStatus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CODECO = (FIXTURES / "edifact" / "CODECO_D95B_gate-in_synthetic.edi").read_bytes()


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.connect(f"sqlite:///{tmp_path / 'fuzz.db'}")
    database.upgrade()
    return database


def native_filing(**changes: object) -> bytes:
    filing: dict[str, object] = {
        "filing_type": "cargo_declaration",
        "reference": "MF-1",
        "filed_at": "2026-01-05T10:00:00Z",
        "master_bill": "MB1",
        "house_bill": "HB1",
        "parties": [{"role": "shipper", "name": "Indus Textiles", "country": "PK"}],
        "goods": [{"line_number": 1, "description": "cotton bed linen"}],
    }
    filing.update(changes)
    return json.dumps({"greenlane": "1", "filings": [filing]}).encode()


def quarantined(db: Database, content: bytes) -> MessageResult:
    result = ingest_message(db, content, source="test")
    assert result.outcome is Outcome.QUARANTINED, result
    assert not result.unexpected, result.error
    assert result.where and result.where not in ("unknown", "whole message")
    assert db.message_status(result.content_hash) is MessageStatus.QUARANTINED
    return result


def test_a_lone_surrogate_is_quarantined_naming_the_field(db: Database) -> None:
    result = quarantined(db, native_filing().replace(b'"HB1"', b'"\\ud800"'))
    assert "lone surrogate U+D800" in (result.error or "")
    assert result.where == "record field filings[0].house_bill"
    assert db.counts()["filings"] == 0


def test_a_lone_surrogate_in_a_partys_country_names_the_party(db: Database) -> None:
    result = quarantined(db, native_filing().replace(b'"PK"', b'"\\udfff"'))
    assert result.where == "record field filings[0].parties[0].party.country"


def test_a_nul_character_is_quarantined_before_the_store(db: Database) -> None:
    result = quarantined(db, native_filing().replace(b'"HB1"', b'"H\\u0000B"'))
    assert "NUL" in (result.error or "")


def test_deep_nesting_is_refused_with_its_line_and_column(db: Database) -> None:
    deep = b'{"greenlane": "1", "events": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    result = quarantined(db, deep)
    assert "nested deeper than 64" in (result.error or "")
    assert result.where == "line 1 column 93"


def test_nesting_within_the_recursion_limit_but_over_the_setting(db: Database) -> None:
    deep = b'{"greenlane": "1", "x": ' + b"[" * 100 + b"]" * 100 + b"}"
    assert "nested deeper" in (quarantined(db, deep).error or "")


def test_a_huge_integer_is_refused_without_converting_it(db: Database) -> None:
    big = native_filing(goods=[{"line_number": int("7" * 400), "description": "x"}])
    result = quarantined(db, big)
    assert "number of 400 characters is over the limit of 100" in (result.error or "")
    assert result.where.startswith("the number starting 777")


def test_an_integer_past_pythons_own_limit_is_refused_too(db: Database) -> None:
    big = b'{"greenlane": "1", "events": [], "x": ' + b"7" * 5000 + b"}"
    assert "5,000 characters" in (quarantined(db, big).error or "")


def test_an_integer_too_large_for_a_database_column_names_its_field(db: Database) -> None:
    big = native_filing(goods=[{"line_number": 10**30, "description": "cotton bed linen"}])
    result = quarantined(db, big)
    assert "too large to store" in (result.error or "")
    assert result.where == "record field filings[0].goods[0].line_number"
    assert db.counts()["filings"] == 0


def test_a_unt_count_in_superscript_digits_is_a_finding(db: Database) -> None:
    broken = CODECO.replace(b"UNT+", b"UNT+\xc2\xb9", 1)
    result = ingest_message(db, broken, source="test")
    assert result.outcome is Outcome.STORED
    assert result.findings["edifact.unt_count"] == 1


def test_a_unb_date_in_superscript_digits_is_named(db: Database) -> None:
    broken = CODECO.replace(b"240315:1412", "²⁴⁰³¹⁵:1412".encode(), 1)
    result = ingest_message(db, broken, source="test")
    assert result.outcome is Outcome.STORED and not result.unexpected
    assert result.findings["edifact.unb"] == 1


def test_a_corrupt_unb_is_named_not_an_unknown_format(db: Database) -> None:
    broken = CODECO.replace(b"UNA", b"UXA", 1)
    result = quarantined(db, broken)
    assert "interchange header is corrupt" in (result.error or "")
    assert result.where == "segment 1 (the UNA or UNB)"


def test_a_unb_without_its_parties_says_which(db: Database) -> None:
    broken = CODECO.replace(b"+NLRTMECT:ZZZ+MSK:ZZZ+", b"+++", 1)
    result = ingest_message(db, broken, source="test")
    assert result.findings["edifact.unb"] == 2  # sender and recipient


def test_duplicate_references_in_one_file_are_findings(db: Database) -> None:
    body = CODECO.split(b"UNZ+")[0].split(b"\n", 1)[1]  # UNB..UNT
    doubled = b"UNA:+.? '\n" + body + body.split(b"\n", 1)[1] + b"UNZ+2+GL240315001'\n"
    result = ingest_message(db, doubled, source="test")
    assert result.outcome is Outcome.STORED
    assert result.findings["edifact.duplicate_reference"] == 1  # message reference 1 again
    twice = b"UNA:+.? '\n" + body + b"UNZ+1+GL240315001'\n" + body + b"UNZ+1+GL240315001'\n"
    assert ingest_message(db, twice, source="t").findings["edifact.duplicate_reference"] == 1


def test_an_interchange_of_unread_types_names_each(db: Database) -> None:
    other = CODECO.replace(b"CODECO:D:95B", b"INVOIC:D:95B")
    second = other.split(b"\n", 2)[2].replace(b"INVOIC", b"ORDERS").replace(b"UNH+1", b"UNH+2")
    result = quarantined(db, other.rsplit(b"UNZ", 1)[0] + second.split(b"UNB", 1)[-1])
    assert "INVOIC, ORDERS" in (result.error or "")


def test_an_interchange_without_a_message_is_named(db: Database) -> None:
    result = quarantined(db, b"UNA:+.? 'UNB+UNOA:2+A+B+240315:1412+R1'UNZ+0+R1'")
    assert "holds no message" in (result.error or "")


def test_an_oversized_stream_is_hashed_without_being_kept() -> None:
    import hashlib
    import io

    from greenlane.ingest.limits import Oversized, read_limited

    content = b"x" * (3 * 1024 * 1024 + 5)
    found = read_limited(io.BytesIO(content), 1024 * 1024)
    assert isinstance(found, Oversized)
    assert found.size == len(content)
    assert found.content_hash == hashlib.sha256(content).hexdigest()
    assert read_limited(io.BytesIO(b"small"), 1024) == b"small"
