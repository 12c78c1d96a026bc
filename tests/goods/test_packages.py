"""Package counts against the declared mass: missing, impossible for the package, unusual."""

from __future__ import annotations

import polars as pl

from greenlane.goods.packages import (
    PACKAGE_FINDINGS,
    PACKAGE_LINES,
    package_findings,
    package_reference,
)


def _lines(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=PACKAGE_LINES, orient="row")


def _history() -> pl.DataFrame:
    # 40 earlier lines of laptops in cartons at 10 to 14 kg a carton.
    return _lines([("H", i, "847130", 100, "CT", 1000.0 + 100 * (i % 5)) for i in range(40)])


def test_missing_or_zero_package_count_with_a_mass() -> None:
    found = package_findings(
        _lines(
            [
                ("B1", 1, "847130", None, "CT", 1200.0),
                ("B2", 1, "847130", 0, "CT", 1200.0),
                ("B3", 1, "847130", None, None, None),  # an ISF line: no count, no mass
                ("B4", 1, "847130", 100, "CT", 1200.0),
            ]
        )
    )
    assert found.select("master_bill", "code").rows() == [
        ("B1", "goods.packages_missing"),
        ("B2", "goods.packages_missing"),
    ]
    assert "1200.0 kg gross declared with no package count" in found["message"][0]
    assert "with 0 packages" in found["message"][1]


def test_mass_a_package_cannot_have() -> None:
    found = package_findings(
        _lines(
            [
                ("B1", 1, "847130", 3, "ct", 18650.0),  # 6.2 t a carton
                ("B2", 1, "854143", 20000, "PX", 18000.0),  # 0.9 kg a pallet
                ("B3", 1, "720839", 2, "CS", 18000.0),  # cases are not bounded
                ("B4", 1, "720839", 2, "CO", 18000.0),  # nor are carboys, used for coils
                ("B5", 1, "520512", 400, "BG", 18000.0),  # 45 kg a bag
            ]
        )
    )
    assert found.select("master_bill", "code").rows() == [
        ("B1", "goods.package_mass_impossible"),
        ("B2", "goods.package_mass_impossible"),
    ]
    heavy, light = found["message"].to_list()
    assert "3 packages (CT, carton) for 18650.0 kg gross: 6216.7 kg a package" in heavy
    assert "over the 400.0 kg a carton can be" in heavy and "P002" in heavy
    assert "under the 3.0 kg a pallet can be" in light


def test_kg_per_package_against_earlier_declarations() -> None:
    reference = package_reference(_history())
    assert reference.select("hs6", "package_type", "n").rows() == [("847130", "CT", 40)]
    found = package_findings(
        _lines(
            [
                ("B1", 1, "8471.30", 10, "CT", 1200.0),  # 120 kg a carton: laptops?
                ("B2", 1, "847130", 100, "CT", 1250.0),  # 12.5 kg: usual
                ("B3", 1, "847130", 1000, "CT", 1200.0),  # 1.2 kg a carton
                ("B4", 1, "847130", 10, "BX", 1200.0),  # no history in boxes
                ("B5", 1, "847130", 1, "CT", 1200.0),  # impossible: not compared again
            ]
        ),
        reference,
    )
    assert found.select("master_bill", "code").rows() == [
        ("B1", "goods.kg_per_package_unusual"),
        ("B3", "goods.kg_per_package_unusual"),
        ("B5", "goods.package_mass_impossible"),
    ]
    z = found["z"].to_list()
    assert z[0] > 3.5 and z[1] < -3.5 and z[2] is None
    message = found["message"][0]
    assert "120.0 kg a package" in message and "847130 in CT (40 lines)" in message
    assert "median 12.0 kg" in message


def test_empty_lines_give_the_findings_columns() -> None:
    found = package_findings(_lines([]), package_reference(_lines([])))
    assert found.is_empty() and found.schema == pl.Schema(PACKAGE_FINDINGS)
