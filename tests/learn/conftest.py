"""Small synthetic declaration frames with a planted signal, in the canonical columns."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from greenlane.learn.schema import conform


def synthetic(rows: int = 3000, days: int = 120, seed: int = 0) -> pl.DataFrame:
    """Declarations over ``days`` days. Importers I0..I4 and HS chapter 85 find more; 40% of
    rows repeat an earlier (goods, route, tax, mass) combination with its label."""
    rng = np.random.default_rng(seed)
    importer = rng.choice([f"I{i}" for i in range(40)], rows)
    hs6 = rng.choice(["850110", "851712", "392690", "620342", "940360", "730890"], rows)
    origin = rng.choice(["CN", "VN", "DE", "US"], rows)
    departure = np.where(rng.random(rows) < 0.8, origin, rng.choice(["SG", "HK"], rows))
    mass = np.round(np.exp(rng.normal(4, 2, rows)), 1)
    risk = 0.08 + 0.35 * np.isin(importer, ["I0", "I1", "I2", "I3", "I4"])
    risk += 0.15 * (np.char.startswith(hs6.astype(str), "85")) + 0.1 * (departure != origin)
    label = (rng.random(rows) < risk).astype(int)
    for i in range(1, rows):  # copy earlier combinations with their label
        if rng.random() < 0.4:
            j = int(rng.integers(0, i))
            hs6[i], origin[i], departure[i], mass[i], label[i] = (
                hs6[j], origin[j], departure[j], mass[j], label[j],
            )  # fmt: skip
    start = date(2024, 1, 1)
    dates = sorted(start + timedelta(days=int(d)) for d in rng.integers(0, days, rows))
    frame = pl.DataFrame(
        {
            "declaration_id": [f"D{i:06d}" for i in range(rows)],
            "date": dates,
            "importer": importer,
            "declarant": rng.choice([f"B{i}" for i in range(10)], rows),
            "seller": rng.choice([f"S{i}" for i in range(60)], rows),
            "hs6": hs6,
            "origin": origin,
            "departure": departure,
            "office": rng.choice(["10", "20", "30"], rows),
            "tax_type": np.where(origin == "CN", "FCN1", "A"),
            "tax_rate": np.where(np.char.startswith(hs6.astype(str), "85"), 8.0, 0.0),
            "net_mass": mass,
            "item_price": mass * 12.5,
            "label": label,
        }
    )
    return conform(frame.with_columns(duty=pl.col("item_price") * pl.col("tax_rate") / 100))


@pytest.fixture(scope="session")
def declarations() -> pl.DataFrame:
    return synthetic()


@pytest.fixture(scope="session")
def make_declarations():  # type: ignore[no-untyped-def]
    """The generator itself, for tests that need another size or seed."""
    return synthetic
