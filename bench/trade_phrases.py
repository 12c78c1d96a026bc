"""Writes src/greenlane/goods/data/trade-phrases-v<N>.tsv, the trade wording the HS heading
classifier learns from besides the nomenclature's own texts.

    python bench/trade_phrases.py [--version 1]

Derived once from the phrase tables of the generated world (src/greenlane/world/data/phrasing.psv
and goods.psv): for each goods, the invoice description, every name shippers use, every name with
every detail they add ("laptop computers core i5 8gb 512gb ssd"), and each of those with the
trade shorthand of ``greenlane.world.phrasing.ABBREVIATIONS`` applied ("s/s", "w/"). Lower case,
no quantities, package words or typing slips: the classifier removes or tolerates those itself.
The file is shipped in the package and versioned: a new version is a new file (and a retrained
default model), so a model's data version always names the wording it learned.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.world.goods import GOODS
from greenlane.world.phrasing import ABBREVIATIONS, wordings

OUT = Path(__file__).resolve().parents[1] / "src/greenlane/goods/data"

HEADER = """\
# Trade phrases for the HS heading classifier (greenlane.goods.classifier), version {version}.
# One goods wording per row: the four-digit HS 2022 heading, a tab, the phrase, in lower case.
# Where it came from: written by bench/trade_phrases.py from the phrase tables of greenlane's
# generated world (world/data/phrasing.psv, goods.psv): for each of its {goods} goods the invoice
# description, the names shippers use, each name with each detail they add, and those with
# common trade shorthand. It is generic trade vocabulary, not real manifest text: a phrase here
# is how such goods are commonly named, not a labelled customs declaration. Change it by writing
# a new version (trade-phrases-v{next}.tsv) and pointing PHRASES_FILE at it.
heading\tphrase
"""


def abbreviated(text: str) -> str:
    """The phrase with every shorthand applied that fits it."""
    for long, short in ABBREVIATIONS:
        text = text.replace(long, short)
    return text


def phrases() -> list[tuple[str, str]]:
    """(heading, phrase) pairs, each pair once, in the goods' order."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []

    def add(heading: str, text: str) -> None:
        text = " ".join(text.lower().split())
        for variant in (text, abbreviated(text)):
            if (heading, variant) not in seen:
                seen.add((heading, variant))
                out.append((heading, variant))

    table = wordings()
    for goods in GOODS:
        heading = goods.hs_code[:4]
        add(heading, goods.description)
        wording = table.get(goods.hs_code)
        if wording is None:
            continue
        for name in wording.names:
            add(heading, name)
            for detail in wording.details:
                add(heading, f"{name} {detail}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", type=int, default=1)
    args = parser.parse_args()
    rows = phrases()
    path = OUT / f"trade-phrases-v{args.version}.tsv"
    header = HEADER.format(version=args.version, goods=len(GOODS), next=args.version + 1)
    body = "".join(f"{heading}\t{text}\n" for heading, text in rows)
    path.write_text(header + body, encoding="utf-8")
    print(f"{len(rows):,} phrases of {len({h for h, _ in rows})} headings written to {path}")


if __name__ == "__main__":
    main()
