"""EPCIS identifiers: the quick decoding of percent-escapes and URI schemes is the standard one."""

from __future__ import annotations

from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st

from greenlane.ingest.epcis import ids

PIECES = ["%", "2", "0", "5", "a", "C", "f", "F", "z", " ", "é", "%20", "%25", "%2C", "%C3%A9"]
PIECES += ["%e9", "%7", "urn:", "URN:", "İ", "K", "epc:id:bic:", "http"]
texts = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)


@given(texts)
def test_percent_escapes_decode_as_unquote_decodes_them(text: str) -> None:
    assert ids._unescape(text) == unquote(text)


@given(texts, st.sampled_from([ids.BIC_PREFIX, ids.IMOVN_PREFIX, ids.UNLOCODE_PREFIX]))
def test_a_scheme_is_told_in_any_case(text: str, prefix: str) -> None:
    for value in (text, prefix + text, prefix.upper() + text, prefix.title() + text):
        assert ids._scheme_is(value, prefix) == (value[: len(prefix)].lower() == prefix)
