"""Check digits the generator computes itself, against the worked examples of the standards."""

from __future__ import annotations

import random

import pytest

from greenlane.world.ids import (
    container_number,
    imo_check_digit,
    imo_number,
    iso6346_check_digit,
    iso6346_sum,
    scramble,
)


@pytest.mark.parametrize("number", ["CSQU3054383", "APZU4812090"])
def test_iso6346_worked_examples(number: str) -> None:
    assert iso6346_check_digit(number[:10]) == int(number[10])


@pytest.mark.parametrize("number", ["TRHU4561222", "MSTI6415664", "APNR7744962"])
def test_iso6346_rejects_the_bad_sample_numbers(number: str) -> None:
    assert iso6346_check_digit(number[:10]) != int(number[10])


@pytest.mark.parametrize(
    "imo", ["9074729", "9321483", "9324849", "9786774", "9337597", "9227273", "1234567"]
)
def test_imo_worked_examples(imo: str) -> None:
    assert imo_check_digit(imo[:6]) == int(imo[6])


@pytest.mark.parametrize("imo", ["7654321", "9330141"])
def test_imo_rejects_the_bad_sample_numbers(imo: str) -> None:
    assert imo_check_digit(imo[:6]) != int(imo[6])


def test_minted_numbers_are_valid_and_never_use_remainder_ten() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        number = container_number("BHZU", rng)
        assert len(number) == 11
        assert number[:4] == "BHZU"
        assert iso6346_sum(number[:10]) % 11 != 10
        assert iso6346_check_digit(number[:10]) == int(number[10])
        imo = imo_number(rng)
        assert imo_check_digit(imo[:6]) == int(imo[6])


def test_scramble_is_a_bijection_on_its_range() -> None:
    values = {scramble(i, 2002, 11, 10**4) for i in range(10**4)}
    assert len(values) == 10**4
    assert scramble(5, 1, 11, 10**10) != scramble(5, 2, 11, 10**10)
