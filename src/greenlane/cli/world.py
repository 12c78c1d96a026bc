"""`greenlane world`: the generated world behind the demo and the benchmarks, written out."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from greenlane.cli.common import clear_errors, console
from greenlane.errors import ConfigurationError

if TYPE_CHECKING:
    from greenlane.world import WorldConfig

world_app = typer.Typer(
    help="The generated world behind the demo and the benchmarks.", no_args_is_help=True
)
ShipmentsOption = Annotated[int, typer.Option(help="Shipments in the world.")]
SeedOption = Annotated[int, typer.Option(help="World seed; the same seed gives the same world.")]
StartOption = Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")]


def _config(shipments: int, seed: int, start: str) -> WorldConfig:
    from greenlane.world import WorldConfig

    try:
        first = date.fromisoformat(start)
    except ValueError:
        raise ConfigurationError(
            f"--start {start!r} is not a date", expected="YYYY-MM-DD"
        ) from None
    if shipments < 1:
        raise ConfigurationError(f"--shipments {shipments} is too few", expected="1 or more")
    return WorldConfig(seed=seed, shipments=shipments, start=first)


@world_app.command("parquet")
@clear_errors
def world_parquet(
    out: Annotated[Path, typer.Option(help="Folder for the Parquet files.")],
    shipments: ShipmentsOption = 10_000,
    seed: SeedOption = 2002,
    start: StartOption = "2026-01-05",
) -> None:
    """Stream a generated world to Parquet files, batch by batch."""
    from greenlane.world import build_world, write_parquet

    console.print(write_parquet(build_world(_config(shipments, seed, start)), out))


@world_app.command("messages")
@clear_errors
def world_messages(
    out: Annotated[Path, typer.Argument(help="Folder for the message files.")],
    shipments: ShipmentsOption = 2_000,
    seed: SeedOption = 2002,
    start: StartOption = "2026-01-05",
    events_as: Annotated[
        str, typer.Option("--events", help="Events as dcsa, epcis or edifact.")
    ] = "dcsa",
    batch: Annotated[int, typer.Option(help="Shipments to a message file.")] = 500,
) -> None:
    """Write a generated world as messages (native filings, DCSA/EPCIS/EDIFACT events), for
    `greenlane ingest`."""
    from greenlane.world import build_world
    from greenlane.world.messages import EVENT_FORMATS, write_messages

    chosen = next((fmt for fmt in EVENT_FORMATS if fmt == events_as), None)
    if chosen is None:
        raise ConfigurationError(
            f"--events {events_as!r} is not a format greenlane writes events in",
            expected=" or ".join(EVENT_FORMATS),
        )
    world = build_world(_config(shipments, seed, start))
    console.print(str(write_messages(world, out, events_as=chosen, batch_size=batch)))


@world_app.command("watchlist")
@clear_errors
def world_watchlist(
    out: Annotated[Path, typer.Argument(help="File to write (FollowTheMoney JSON lines).")],
) -> None:
    """Write the world's invented watch list, to load with `greenlane lists load`."""
    from greenlane.world.watchlist import watchlist_ftm_lines

    lines = watchlist_ftm_lines()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    console.print(f"{len(lines)} entries written to {out}", highlight=False)
