"""The batch paths' quick validity tests never pass what the model's checks would flag."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from greenlane.domain.identifiers import check_container_number, iso6346_check_digit
from greenlane.ingest.quick import clean_container

owner = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
category = st.sampled_from("UJZRX")
serial = st.text(alphabet="0123456789", min_size=6, max_size=6)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    first10 = draw(owner) + draw(category) + draw(serial)
    digit = iso6346_check_digit(first10) if draw(st.booleans()) else draw(st.integers(0, 9))
    number = first10 + str(digit)
    if draw(st.booleans()):  # how people write them, or break them
        at = draw(st.integers(0, len(number)))
        number = number[:at] + draw(st.sampled_from(["", " ", "-", "x", "0", "\n"])) + number[at:]
    return number.lower() if draw(st.integers(0, 9)) == 0 else number


@settings(max_examples=2000, deadline=None)
@given(number=numbers() | st.text(max_size=14))
def test_a_clean_container_has_no_findings(number: str) -> None:
    if clean_container(number):
        assert check_container_number(number) == []


def test_plain_valid_numbers_are_clean() -> None:
    for first10 in ("CSQU305438", "MSKU907032", "APZU481209", "ABCJ000000", "XYZZ999999"):
        number = first10 + str(iso6346_check_digit(first10))
        assert check_container_number(number) == []
        assert clean_container(number)
    assert not clean_container("CSQU3054384") and not clean_container("CSQU 305438-3")
